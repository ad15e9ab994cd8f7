CREATE TABLE "case_contributors" (
	"case_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"first_status_id" bigint NOT NULL,
	"record_entry_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_contributors_case_id_account_id_pk" PRIMARY KEY("case_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"status_id" bigint NOT NULL,
	"poll_status_id" bigint,
	"title" text NOT NULL,
	"history" text NOT NULL,
	"examination" text DEFAULT '' NOT NULL,
	"investigations" text DEFAULT '' NOT NULL,
	"question" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"bloom_level" text NOT NULL,
	"consent" text,
	"consent_account_id" bigint,
	"consent_at" timestamp with time zone,
	"answer" text,
	"teaching_points" text[] DEFAULT '{}'::text[] NOT NULL,
	"reveal_at" timestamp with time zone,
	"revealed_at" timestamp with time zone,
	"reveal_status_id" bigint,
	"outcome" text,
	"outcome_at" timestamp with time zone,
	"outcome_status_id" bigint,
	"accepted_status_id" bigint,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cases_status_id_key" UNIQUE("status_id"),
	CONSTRAINT "cases_bloom_level_check" CHECK ("cases"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create')),
	CONSTRAINT "cases_consent_check" CHECK ("cases"."consent" in ('patient_consent_obtained', 'no_identifiable_features'))
);
--> statement-breakpoint
ALTER TABLE "case_contributors" ADD CONSTRAINT "case_contributors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contributors" ADD CONSTRAINT "case_contributors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_poll_status_id_statuses_id_fk" FOREIGN KEY ("poll_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reveal_status_id_statuses_id_fk" FOREIGN KEY ("reveal_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_outcome_status_id_statuses_id_fk" FOREIGN KEY ("outcome_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_accepted_status_id_statuses_id_fk" FOREIGN KEY ("accepted_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_contributors_account_id_idx" ON "case_contributors" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "cases_account_id_id_idx" ON "cases" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_due_reveal_at_idx" ON "cases" USING btree ("reveal_at") WHERE "cases"."revealed_at" is null and "cases"."reveal_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_poll_status_id_idx" ON "cases" USING btree ("poll_status_id") WHERE "cases"."poll_status_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_reveal_status_id_idx" ON "cases" USING btree ("reveal_status_id") WHERE "cases"."reveal_status_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_outcome_status_id_idx" ON "cases" USING btree ("outcome_status_id") WHERE "cases"."outcome_status_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_accepted_status_id_idx" ON "cases" USING btree ("accepted_status_id") WHERE "cases"."accepted_status_id" is not null;