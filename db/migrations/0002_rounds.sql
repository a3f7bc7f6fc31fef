CREATE TYPE "public"."comment_policy" AS ENUM('accounts', 'members');--> statement-breakpoint
CREATE TYPE "public"."round_phase" AS ENUM('draft', 'ideas', 'proposals', 'shortlisting', 'voting', 'results', 'delivery', 'closed');--> statement-breakpoint
CREATE TABLE "round_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "round_topics_round_name_key" UNIQUE("round_id","name")
);
--> statement-breakpoint
CREATE TABLE "round_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"from_phase" "round_phase" NOT NULL,
	"to_phase" "round_phase" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"kind" text NOT NULL,
	CONSTRAINT "round_transitions_kind_check" CHECK ("round_transitions"."kind" in ('scheduled', 'early', 'extension')),
	CONSTRAINT "round_transitions_shape_check" CHECK (("round_transitions"."kind" = 'extension') = ("round_transitions"."from_phase" = "round_transitions"."to_phase") and "round_transitions"."to_phase" >= "round_transitions"."from_phase")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"theme_md" text NOT NULL,
	"theme_html" text NOT NULL,
	"phase" "round_phase" DEFAULT 'draft' NOT NULL,
	"ideas_opens_at" timestamp with time zone NOT NULL,
	"proposals_opens_at" timestamp with time zone NOT NULL,
	"shortlisting_opens_at" timestamp with time zone NOT NULL,
	"voting_opens_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone,
	"max_award_pence" integer NOT NULL,
	"pot_pence" bigint NOT NULL,
	"picks_per_category" integer NOT NULL,
	"allow_own_idea" boolean DEFAULT false NOT NULL,
	"funding_rule" jsonb NOT NULL,
	"shortlist_size" integer NOT NULL,
	"comment_policy" "comment_policy" DEFAULT 'accounts' NOT NULL,
	"rubric" jsonb NOT NULL,
	"frozen_settings" jsonb,
	"frozen_settings_hash" text,
	"frozen_at" timestamp with time zone,
	"phase_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rounds_slug_unique" UNIQUE("slug"),
	CONSTRAINT "rounds_money_check" CHECK ("rounds"."max_award_pence" > 0 and "rounds"."pot_pence" >= "rounds"."max_award_pence"),
	CONSTRAINT "rounds_picks_check" CHECK ("rounds"."picks_per_category" between 1 and 10 and "rounds"."shortlist_size" >= 1),
	CONSTRAINT "rounds_schedule_order_check" CHECK ("rounds"."ideas_opens_at" < "rounds"."proposals_opens_at" and "rounds"."proposals_opens_at" < "rounds"."shortlisting_opens_at"
        and "rounds"."shortlisting_opens_at" < "rounds"."voting_opens_at" and "rounds"."voting_opens_at" < "rounds"."voting_closes_at"
        and ("rounds"."closes_at" is null or "rounds"."voting_closes_at" < "rounds"."closes_at")),
	CONSTRAINT "rounds_frozen_check" CHECK (("rounds"."frozen_settings" is null) = ("rounds"."frozen_settings_hash" is null) and ("rounds"."frozen_settings" is null) = ("rounds"."frozen_at" is null))
);
--> statement-breakpoint
ALTER TABLE "round_categories" ADD CONSTRAINT "round_categories_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_topics" ADD CONSTRAINT "round_topics_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_transitions" ADD CONSTRAINT "round_transitions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_categories_round_idx" ON "round_categories" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "round_transitions_round_idx" ON "round_transitions" USING btree ("round_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "round_transitions_once_key" ON "round_transitions" USING btree ("round_id","from_phase","to_phase") WHERE "round_transitions"."kind" <> 'extension';--> statement-breakpoint
CREATE INDEX "rounds_phase_idx" ON "rounds" USING btree ("phase");