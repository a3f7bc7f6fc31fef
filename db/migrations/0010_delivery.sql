CREATE TYPE "public"."milestone_status" AS ENUM('not_started', 'on_track', 'done', 'delayed', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('in_progress', 'completed');--> statement-breakpoint
CREATE TYPE "public"."update_kind" AS ENUM('update', 'final_report');--> statement-breakpoint
CREATE TYPE "public"."update_status" AS ENUM('draft', 'published');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'project_update';--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_month" date NOT NULL,
	"status" "milestone_status" DEFAULT 'not_started' NOT NULL,
	"drop_reason" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"position" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_milestones_month_check" CHECK (extract(day from "project_milestones"."due_month") = 1),
	CONSTRAINT "project_milestones_progress_check" CHECK ("project_milestones"."progress" between 0 and 100),
	CONSTRAINT "project_milestones_drop_reason_check" CHECK ("project_milestones"."status" <> 'dropped' or "project_milestones"."drop_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "project_reminders" (
	"project_id" uuid NOT NULL,
	"period" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_reminders_project_id_period_pk" PRIMARY KEY("project_id","period")
);
--> statement-breakpoint
CREATE TABLE "project_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "update_kind" DEFAULT 'update' NOT NULL,
	"status" "update_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"outcomes_md" text DEFAULT '' NOT NULL,
	"outcomes_html" text DEFAULT '' NOT NULL,
	"output_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("body_md", '')), 'B') || setweight(to_tsvector('english', coalesce("outcomes_md", '')), 'C')) STORED NOT NULL,
	CONSTRAINT "project_updates_number_key" UNIQUE("project_id","number"),
	CONSTRAINT "project_updates_published_check" CHECK ("project_updates"."status" = 'draft' or "project_updates"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"award_pence" integer NOT NULL,
	"status" "project_status" DEFAULT 'in_progress' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_update_at" timestamp with time zone,
	CONSTRAINT "projects_idea_key" UNIQUE("idea_id"),
	CONSTRAINT "projects_award_check" CHECK ("projects"."award_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "update_milestone_changes" (
	"update_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"from_status" "milestone_status",
	"to_status" "milestone_status" NOT NULL,
	"from_progress" integer,
	"to_progress" integer NOT NULL,
	"drop_reason" text,
	CONSTRAINT "update_milestone_changes_update_id_milestone_id_pk" PRIMARY KEY("update_id","milestone_id")
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "update_id" uuid;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reminders" ADD CONSTRAINT "project_reminders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_milestone_changes" ADD CONSTRAINT "update_milestone_changes_update_id_project_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."project_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_milestone_changes" ADD CONSTRAINT "update_milestone_changes_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_updates_published_idx" ON "project_updates" USING btree ("published_at") WHERE "project_updates"."status" = 'published';--> statement-breakpoint
CREATE INDEX "project_updates_project_idx" ON "project_updates" USING btree ("project_id","published_at");--> statement-breakpoint
CREATE INDEX "project_updates_search_idx" ON "project_updates" USING gin ("search");--> statement-breakpoint
CREATE INDEX "projects_round_idx" ON "projects" USING btree ("round_id","status");--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_update_id_project_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."project_updates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_update_idx" ON "comments" USING btree ("update_id") WHERE "comments"."update_id" is not null;