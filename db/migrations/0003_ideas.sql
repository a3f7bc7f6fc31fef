CREATE TYPE "public"."idea_state" AS ENUM('draft', 'published', 'submitted', 'shortlisted', 'not_shortlisted', 'funded', 'not_funded', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."team_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TABLE "idea_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by_id" uuid,
	"responded_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "idea_invitations_token_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "idea_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"challenge_md" text NOT NULL,
	"is_public" boolean NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idea_revisions_version_key" UNIQUE("idea_id","version")
);
--> statement-breakpoint
CREATE TABLE "idea_team_members" (
	"idea_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "team_role" NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idea_team_members_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "idea_topics" (
	"idea_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "idea_topics_idea_id_topic_id_pk" PRIMARY KEY("idea_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"challenge_md" text NOT NULL,
	"challenge_html" text NOT NULL,
	"state" "idea_state" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"lead_id" uuid NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("summary", '')), 'B') || setweight(to_tsvector('english', coalesce("challenge_md", '')), 'C')) STORED NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ideas_round_slug_key" UNIQUE("round_id","slug"),
	CONSTRAINT "ideas_support_count_check" CHECK ("ideas"."support_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "proposal_budget_lines_amount_check" CHECK ("proposal_budget_lines"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"title" text NOT NULL,
	"target_month" date NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "proposal_milestones_month_check" CHECK (extract(day from "proposal_milestones"."target_month") = 1)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"idea_id" uuid PRIMARY KEY NOT NULL,
	"aims_md" text DEFAULT '' NOT NULL,
	"aims_html" text DEFAULT '' NOT NULL,
	"delivery_md" text DEFAULT '' NOT NULL,
	"delivery_html" text DEFAULT '' NOT NULL,
	"learning_md" text DEFAULT '' NOT NULL,
	"learning_html" text DEFAULT '' NOT NULL,
	"contribute_md" text DEFAULT '' NOT NULL,
	"contribute_html" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supports" (
	"idea_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supports_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "idea_invitations" ADD CONSTRAINT "idea_invitations_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_invitations" ADD CONSTRAINT "idea_invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_invitations" ADD CONSTRAINT "idea_invitations_responded_by_id_users_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_team_members" ADD CONSTRAINT "idea_team_members_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_team_members" ADD CONSTRAINT "idea_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_topics" ADD CONSTRAINT "idea_topics_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_topics" ADD CONSTRAINT "idea_topics_topic_id_round_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."round_topics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_category_id_round_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."round_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_lead_id_users_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_budget_lines" ADD CONSTRAINT "proposal_budget_lines_idea_id_proposals_idea_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."proposals"("idea_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_milestones" ADD CONSTRAINT "proposal_milestones_idea_id_proposals_idea_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."proposals"("idea_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_invitations_email_idx" ON "idea_invitations" USING btree ("email") WHERE "idea_invitations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "idea_invitations_pending_key" ON "idea_invitations" USING btree ("idea_id","email") WHERE "idea_invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "idea_team_members_user_idx" ON "idea_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idea_team_members_one_lead_key" ON "idea_team_members" USING btree ("idea_id") WHERE "idea_team_members"."role" = 'lead';--> statement-breakpoint
CREATE INDEX "idea_topics_topic_idx" ON "idea_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "ideas_round_state_idx" ON "ideas" USING btree ("round_id","state","published_at");--> statement-breakpoint
CREATE INDEX "ideas_lead_idx" ON "ideas" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "ideas_one_proposal_per_lead_key" ON "ideas" USING btree ("round_id","lead_id") WHERE "ideas"."state" in ('submitted', 'shortlisted', 'not_shortlisted', 'funded', 'not_funded');--> statement-breakpoint
CREATE INDEX "proposal_budget_lines_idea_idx" ON "proposal_budget_lines" USING btree ("idea_id","position");--> statement-breakpoint
CREATE INDEX "proposal_milestones_idea_idx" ON "proposal_milestones" USING btree ("idea_id","position");--> statement-breakpoint
CREATE INDEX "supports_user_idx" ON "supports" USING btree ("user_id");