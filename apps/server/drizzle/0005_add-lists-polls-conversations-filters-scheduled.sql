CREATE TABLE "account_conversations" (
	"account_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"last_status_id" bigint NOT NULL,
	"participant_account_ids" jsonb NOT NULL,
	"unread" boolean DEFAULT false NOT NULL,
	CONSTRAINT "account_conversations_account_id_conversation_id_pk" PRIMARY KEY("account_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_statuses" (
	"status_id" bigint PRIMARY KEY NOT NULL,
	"conversation_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filter_keywords" (
	"id" bigint PRIMARY KEY NOT NULL,
	"filter_id" bigint NOT NULL,
	"keyword" text NOT NULL,
	"whole_word" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filter_statuses" (
	"id" bigint PRIMARY KEY NOT NULL,
	"filter_id" bigint NOT NULL,
	"status_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filters" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"title" text NOT NULL,
	"context" text[] NOT NULL,
	"action" text DEFAULT 'warn' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_accounts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"list_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"follow_id" bigint
);
--> statement-breakpoint
CREATE TABLE "lists" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"title" text NOT NULL,
	"replies_policy" text DEFAULT 'list' NOT NULL,
	"exclusive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"poll_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"choice" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "poll_votes_poll_id_account_id_choice_pk" PRIMARY KEY("poll_id","account_id","choice")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" bigint PRIMARY KEY NOT NULL,
	"status_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"options" text[] NOT NULL,
	"tallies" integer[] NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"hide_totals" boolean DEFAULT false NOT NULL,
	"votes_count" integer DEFAULT 0 NOT NULL,
	"voters_count" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "polls_status_id_key" UNIQUE("status_id")
);
--> statement-breakpoint
CREATE TABLE "status_edit_polls" (
	"status_edit_id" bigint PRIMARY KEY NOT NULL,
	"options" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_status_media" (
	"scheduled_status_id" bigint NOT NULL,
	"media_id" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "scheduled_status_media_scheduled_status_id_media_id_pk" PRIMARY KEY("scheduled_status_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "scheduled_statuses" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"app_id" bigint,
	"scheduled_at" timestamp with time zone NOT NULL,
	"params" jsonb NOT NULL,
	"phi_decision" jsonb,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"failed_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "follow_requests_target_account_id_idx";--> statement-breakpoint
DROP INDEX "follows_target_account_id_idx";--> statement-breakpoint
DROP INDEX "favourites_status_id_idx";--> statement-breakpoint
DROP INDEX "mentions_account_id_idx";--> statement-breakpoint
DROP INDEX "status_tags_tag_id_idx";--> statement-breakpoint
DROP INDEX "statuses_account_id_id_idx";--> statement-breakpoint
DROP INDEX "statuses_public_id_idx";--> statement-breakpoint
DROP INDEX "notifications_account_id_id_idx";--> statement-breakpoint
DROP INDEX "notifications_group_key_idx";--> statement-breakpoint
DROP INDEX "phi_audit_log_account_id_idx";--> statement-breakpoint
ALTER TABLE "account_conversations" ADD CONSTRAINT "account_conversations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filter_keywords" ADD CONSTRAINT "filter_keywords_filter_id_filters_id_fk" FOREIGN KEY ("filter_id") REFERENCES "public"."filters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filter_statuses" ADD CONSTRAINT "filter_statuses_filter_id_filters_id_fk" FOREIGN KEY ("filter_id") REFERENCES "public"."filters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filter_statuses" ADD CONSTRAINT "filter_statuses_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filters" ADD CONSTRAINT "filters_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_accounts" ADD CONSTRAINT "list_accounts_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_accounts" ADD CONSTRAINT "list_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_accounts" ADD CONSTRAINT "list_accounts_follow_id_follows_id_fk" FOREIGN KEY ("follow_id") REFERENCES "public"."follows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_edit_polls" ADD CONSTRAINT "status_edit_polls_status_edit_id_status_edits_id_fk" FOREIGN KEY ("status_edit_id") REFERENCES "public"."status_edits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_status_media" ADD CONSTRAINT "scheduled_status_media_scheduled_status_id_scheduled_statuses_id_fk" FOREIGN KEY ("scheduled_status_id") REFERENCES "public"."scheduled_statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_status_media" ADD CONSTRAINT "scheduled_status_media_media_id_media_attachments_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_statuses" ADD CONSTRAINT "scheduled_statuses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_statuses" ADD CONSTRAINT "scheduled_statuses_app_id_oauth_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."oauth_apps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_conversations_account_id_last_status_id_idx" ON "account_conversations" USING btree ("account_id","last_status_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversation_statuses_conversation_id_idx" ON "conversation_statuses" USING btree ("conversation_id","status_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "filter_keywords_filter_id_idx" ON "filter_keywords" USING btree ("filter_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "filter_statuses_filter_status_key" ON "filter_statuses" USING btree ("filter_id","status_id");--> statement-breakpoint
CREATE INDEX "filter_statuses_status_id_idx" ON "filter_statuses" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "filters_account_id_idx" ON "filters" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "list_accounts_list_account_key" ON "list_accounts" USING btree ("list_id","account_id");--> statement-breakpoint
CREATE INDEX "list_accounts_account_id_idx" ON "list_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "list_accounts_follow_id_idx" ON "list_accounts" USING btree ("follow_id");--> statement-breakpoint
CREATE INDEX "lists_account_id_idx" ON "lists" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "lists_exclusive_account_id_idx" ON "lists" USING btree ("account_id") WHERE "lists"."exclusive";--> statement-breakpoint
CREATE INDEX "poll_votes_account_id_idx" ON "poll_votes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "polls_open_expires_at_idx" ON "polls" USING btree ("expires_at") WHERE "polls"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "polls_account_id_idx" ON "polls" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_status_media_media_id_key" ON "scheduled_status_media" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "scheduled_statuses_account_id_idx" ON "scheduled_statuses" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "scheduled_statuses_account_scheduled_at_idx" ON "scheduled_statuses" USING btree ("account_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "scheduled_statuses_due_idx" ON "scheduled_statuses" USING btree ("scheduled_at") WHERE "scheduled_statuses"."failed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_statuses_idempotency_key" ON "scheduled_statuses" USING btree ("account_id","idempotency_key") WHERE "scheduled_statuses"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "follow_requests_target_account_id_idx" ON "follow_requests" USING btree ("target_account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "follows_target_account_id_idx" ON "follows" USING btree ("target_account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "favourites_status_id_idx" ON "favourites" USING btree ("status_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "mentions_account_id_idx" ON "mentions" USING btree ("account_id","status_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "status_tags_tag_id_idx" ON "status_tags" USING btree ("tag_id","status_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "statuses_account_id_id_idx" ON "statuses" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "statuses_public_id_idx" ON "statuses" USING btree ("id" DESC NULLS FIRST) WHERE "statuses"."visibility" = 'public' and "statuses"."reblog_of_id" is null;--> statement-breakpoint
CREATE INDEX "notifications_account_id_id_idx" ON "notifications" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_group_key_idx" ON "notifications" USING btree ("account_id","group_key","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "phi_audit_log_account_id_idx" ON "phi_audit_log" USING btree ("account_id","id" DESC NULLS FIRST);