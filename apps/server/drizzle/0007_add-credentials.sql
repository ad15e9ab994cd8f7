CREATE TABLE "credential_audit_log" (
	"id" bigint PRIMARY KEY NOT NULL,
	"credential_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"actor_account_id" bigint,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"profession" text NOT NULL,
	"specialty" text,
	"training_year" integer,
	"school" text,
	"jurisdiction" text NOT NULL,
	"issuing_body" text NOT NULL,
	"licence_number_encrypted" text NOT NULL,
	"evidence_note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"question" text,
	"reason" text,
	"reviewer_account_id" bigint,
	"verifier_organisation" text,
	"verified_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "verified_credentials" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credential_audit_log_credential_id_idx" ON "credential_audit_log" USING btree ("credential_id","id");--> statement-breakpoint
CREATE INDEX "credentials_account_id_idx" ON "credentials" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "credentials_pending_idx" ON "credentials" USING btree ("id") WHERE "credentials"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "credentials_verified_valid_until_idx" ON "credentials" USING btree ("valid_until") WHERE "credentials"."status" = 'verified';