CREATE TABLE "quiz_attempts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"quiz_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"answers" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"correct_count" integer NOT NULL,
	"questions_count" integer NOT NULL,
	"time_spent_seconds" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quiz_attempts_time_spent_seconds_check" CHECK ("quiz_attempts"."time_spent_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quizzes" (
	"id" bigint PRIMARY KEY NOT NULL,
	"status_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"title" text NOT NULL,
	"bloom_level" text NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quizzes_status_id_key" UNIQUE("status_id"),
	CONSTRAINT "quizzes_bloom_level_check" CHECK ("quizzes"."bloom_level" in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'))
);
--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quiz_attempts_quiz_id_account_id_id_idx" ON "quiz_attempts" USING btree ("quiz_id","account_id","id");--> statement-breakpoint
CREATE INDEX "quiz_attempts_account_id_idx" ON "quiz_attempts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "quizzes_account_id_idx" ON "quizzes" USING btree ("account_id");