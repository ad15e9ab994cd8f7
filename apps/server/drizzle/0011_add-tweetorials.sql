CREATE TABLE "tweetorial_completions" (
	"tweetorial_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"record_entry_id" bigint,
	"reflection" text,
	"time_spent_seconds" integer,
	"completed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tweetorial_completions_tweetorial_id_account_id_version_pk" PRIMARY KEY("tweetorial_id","account_id","version")
);
--> statement-breakpoint
CREATE TABLE "tweetorial_versions" (
	"tweetorial_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"objectives" text[] NOT NULL,
	"audience" text[] NOT NULL,
	"bloom_level" text NOT NULL,
	"tags" text[] NOT NULL,
	"language" text,
	"evidence_level" text,
	"references" jsonb NOT NULL,
	"parts" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tweetorial_versions_tweetorial_id_version_pk" PRIMARY KEY("tweetorial_id","version"),
	CONSTRAINT "tweetorial_versions_bloom_level_check" CHECK ("tweetorial_versions"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'))
);
--> statement-breakpoint
CREATE TABLE "tweetorials" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"root_status_id" bigint NOT NULL,
	"visibility" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"bloom_level" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "tweetorials_root_status_id_key" UNIQUE("root_status_id"),
	CONSTRAINT "tweetorials_visibility_check" CHECK ("tweetorials"."visibility" in ('public', 'unlisted', 'private')),
	CONSTRAINT "tweetorials_bloom_level_check" CHECK ("tweetorials"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'))
);
--> statement-breakpoint
ALTER TABLE "tweetorial_completions" ADD CONSTRAINT "tweetorial_completions_tweetorial_id_tweetorials_id_fk" FOREIGN KEY ("tweetorial_id") REFERENCES "public"."tweetorials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweetorial_completions" ADD CONSTRAINT "tweetorial_completions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweetorial_completions" ADD CONSTRAINT "tweetorial_completions_record_entry_id_learning_record_entries_id_fk" FOREIGN KEY ("record_entry_id") REFERENCES "public"."learning_record_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweetorial_versions" ADD CONSTRAINT "tweetorial_versions_tweetorial_id_tweetorials_id_fk" FOREIGN KEY ("tweetorial_id") REFERENCES "public"."tweetorials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweetorials" ADD CONSTRAINT "tweetorials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweetorials" ADD CONSTRAINT "tweetorials_root_status_id_statuses_id_fk" FOREIGN KEY ("root_status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tweetorial_completions_account_id_idx" ON "tweetorial_completions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "tweetorials_account_id_id_idx" ON "tweetorials" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tweetorials_bloom_level_id_idx" ON "tweetorials" USING btree ("bloom_level","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tweetorials_tags_idx" ON "tweetorials" USING gin ("tags");