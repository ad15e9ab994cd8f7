CREATE TABLE "phi_audit_log" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"action" text NOT NULL,
	"surface" text NOT NULL,
	"target_id" bigint,
	"type_counts" jsonb NOT NULL,
	"span_count" integer NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "phi_audit_log_account_id_idx" ON "phi_audit_log" USING btree ("account_id","id" DESC NULLS LAST);