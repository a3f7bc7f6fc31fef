ALTER TABLE "ideas" ADD COLUMN "comment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_comment_count_check" CHECK ("ideas"."comment_count" >= 0);