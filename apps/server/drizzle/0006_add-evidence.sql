CREATE TABLE "status_evidence" (
	"status_id" bigint PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "status_evidence_level_check" CHECK ("status_evidence"."level" in ('systematic_review', 'rct', 'cohort', 'case_control', 'case_series', 'guideline', 'expert_opinion'))
);
--> statement-breakpoint
CREATE TABLE "status_references" (
	"status_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "status_references_status_id_kind_value_pk" PRIMARY KEY("status_id","kind","value"),
	CONSTRAINT "status_references_kind_check" CHECK ("status_references"."kind" in ('doi', 'pmid', 'url')),
	CONSTRAINT "status_references_source_check" CHECK ("status_references"."source" in ('text', 'attached'))
);
--> statement-breakpoint
ALTER TABLE "status_evidence" ADD CONSTRAINT "status_evidence_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_references" ADD CONSTRAINT "status_references_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_references_kind_value_status_id_idx" ON "status_references" USING btree ("kind","value","status_id" DESC NULLS FIRST);