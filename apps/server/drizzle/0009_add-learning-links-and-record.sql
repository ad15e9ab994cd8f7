CREATE TABLE "learning_record_entries" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"object_kind" text NOT NULL,
	"object_id" bigint NOT NULL,
	"status_id" bigint,
	"title" text NOT NULL,
	"bloom_level" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"time_spent_seconds" integer,
	"reflection" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "learning_record_entries_kind_check" CHECK ("learning_record_entries"."kind" in ('tweetorial_completed', 'quiz_attempt', 'case_contribution')),
	CONSTRAINT "learning_record_entries_bloom_level_check" CHECK ("learning_record_entries"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'))
);
--> statement-breakpoint
CREATE TABLE "status_learning" (
	"status_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"object_id" bigint NOT NULL,
	"bloom_level" text,
	CONSTRAINT "status_learning_status_id_kind_object_id_pk" PRIMARY KEY("status_id","kind","object_id"),
	CONSTRAINT "status_learning_kind_check" CHECK ("status_learning"."kind" in ('tweetorial', 'case', 'quiz')),
	CONSTRAINT "status_learning_bloom_level_check" CHECK ("status_learning"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'))
);
--> statement-breakpoint
ALTER TABLE "learning_record_entries" ADD CONSTRAINT "learning_record_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_record_entries" ADD CONSTRAINT "learning_record_entries_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_learning" ADD CONSTRAINT "status_learning_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_record_entries_account_id_occurred_at_idx" ON "learning_record_entries" USING btree ("account_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "status_learning_kind_object_id_idx" ON "status_learning" USING btree ("kind","object_id");