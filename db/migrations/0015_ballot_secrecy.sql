ALTER TABLE "ballot_ledger" ADD COLUMN "ref" text DEFAULT md5(random()::text) NOT NULL;--> statement-breakpoint
ALTER TABLE "result_lines" ADD COLUMN "calibrated_score" double precision;--> statement-breakpoint
ALTER TABLE "result_lines" ADD COLUMN "submitted_at" timestamp with time zone;