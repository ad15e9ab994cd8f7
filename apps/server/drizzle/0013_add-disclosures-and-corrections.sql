CREATE TABLE "correction_notes" (
	"id" bigint PRIMARY KEY NOT NULL,
	"status_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"text" text NOT NULL,
	"sources" jsonb NOT NULL,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"not_helpful_count" integer DEFAULT 0 NOT NULL,
	"specialties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shown" boolean DEFAULT false NOT NULL,
	"first_shown_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correction_ratings" (
	"note_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"helpful" boolean NOT NULL,
	"specialties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "correction_ratings_note_id_account_id_pk" PRIMARY KEY("note_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "status_labels" (
	"status_id" bigint NOT NULL,
	"label" text NOT NULL,
	"account_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_labels_status_id_label_pk" PRIMARY KEY("status_id","label")
);
--> statement-breakpoint
CREATE TABLE "status_trust" (
	"status_id" bigint PRIMARY KEY NOT NULL,
	"disclosure" boolean DEFAULT false NOT NULL,
	"disclosure_text" text,
	"correction" jsonb,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "disclosures" jsonb;--> statement-breakpoint
ALTER TABLE "correction_notes" ADD CONSTRAINT "correction_notes_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_notes" ADD CONSTRAINT "correction_notes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_ratings" ADD CONSTRAINT "correction_ratings_note_id_correction_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."correction_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_ratings" ADD CONSTRAINT "correction_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_labels" ADD CONSTRAINT "status_labels_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_labels" ADD CONSTRAINT "status_labels_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_trust" ADD CONSTRAINT "status_trust_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "correction_notes_status_id_account_id_key" ON "correction_notes" USING btree ("status_id","account_id");--> statement-breakpoint
CREATE INDEX "correction_notes_account_id_idx" ON "correction_notes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "correction_ratings_account_id_idx" ON "correction_ratings" USING btree ("account_id");