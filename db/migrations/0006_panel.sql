CREATE TYPE "public"."panel_conflict_kind" AS ENUM('team', 'organisation', 'engagement', 'declared');--> statement-breakpoint
CREATE TYPE "public"."panel_review_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "panel_assignments" (
	"round_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_assignments_idea_id_reviewer_id_pk" PRIMARY KEY("idea_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "panel_conflicts" (
	"round_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"kind" "panel_conflict_kind" NOT NULL,
	"detail" text NOT NULL,
	"overridden_at" timestamp with time zone,
	"overridden_by_id" uuid,
	"override_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_conflicts_idea_id_reviewer_id_kind_pk" PRIMARY KEY("idea_id","reviewer_id","kind"),
	CONSTRAINT "panel_conflicts_override_check" CHECK (("panel_conflicts"."overridden_at" is null) = ("panel_conflicts"."override_reason" is null) and ("panel_conflicts"."overridden_at" is null or "panel_conflicts"."kind" = 'organisation'))
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_chair" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_members_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "panel_reviews" (
	"round_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"panel_comment" text DEFAULT '' NOT NULL,
	"applicant_feedback" text DEFAULT '' NOT NULL,
	"status" "panel_review_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "panel_reviews_idea_id_reviewer_id_pk" PRIMARY KEY("idea_id","reviewer_id"),
	CONSTRAINT "panel_reviews_submitted_check" CHECK (("panel_reviews"."status" = 'submitted') = ("panel_reviews"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "shortlist_decisions" (
	"round_id" uuid NOT NULL,
	"idea_id" uuid PRIMARY KEY NOT NULL,
	"included" boolean NOT NULL,
	"recommended" boolean NOT NULL,
	"rationale" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shortlist_decisions_rationale_check" CHECK ("shortlist_decisions"."included" = "shortlist_decisions"."recommended" or "shortlist_decisions"."rationale" is not null)
);
--> statement-breakpoint
CREATE TABLE "shortlist_publications" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_assignments" ADD CONSTRAINT "panel_assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_conflicts" ADD CONSTRAINT "panel_conflicts_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_conflicts" ADD CONSTRAINT "panel_conflicts_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_conflicts" ADD CONSTRAINT "panel_conflicts_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_conflicts" ADD CONSTRAINT "panel_conflicts_overridden_by_id_users_id_fk" FOREIGN KEY ("overridden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_reviews" ADD CONSTRAINT "panel_reviews_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_reviews" ADD CONSTRAINT "panel_reviews_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_reviews" ADD CONSTRAINT "panel_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_decisions" ADD CONSTRAINT "shortlist_decisions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_decisions" ADD CONSTRAINT "shortlist_decisions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_decisions" ADD CONSTRAINT "shortlist_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_publications" ADD CONSTRAINT "shortlist_publications_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_publications" ADD CONSTRAINT "shortlist_publications_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "panel_assignments_reviewer_idx" ON "panel_assignments" USING btree ("reviewer_id","round_id");--> statement-breakpoint
CREATE INDEX "panel_conflicts_reviewer_idx" ON "panel_conflicts" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "panel_members_user_idx" ON "panel_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_members_one_chair_key" ON "panel_members" USING btree ("round_id") WHERE "panel_members"."is_chair";--> statement-breakpoint
CREATE INDEX "panel_reviews_round_idx" ON "panel_reviews" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "shortlist_decisions_round_idx" ON "shortlist_decisions" USING btree ("round_id","included");