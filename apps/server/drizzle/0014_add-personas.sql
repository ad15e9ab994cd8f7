CREATE TABLE "personas" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"default_visibility" text DEFAULT 'public' NOT NULL,
	"default_sensitive" boolean DEFAULT false NOT NULL,
	"default_language" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "personas_kind_check" CHECK ("personas"."kind" in ('professional', 'personal'))
);
--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD COLUMN "account_id" bigint;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "personas_user_id_key" ON "personas" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD CONSTRAINT "oauth_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_tokens_account_id_idx" ON "oauth_tokens" USING btree ("account_id") WHERE "oauth_tokens"."account_id" is not null;