CREATE TABLE "ballot_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"round_id" uuid NOT NULL,
	"voter_ref" text NOT NULL,
	"version" integer NOT NULL,
	"picks" uuid[] NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"entry_hash" text NOT NULL,
	"receipt_code" text NOT NULL,
	CONSTRAINT "ballot_ledger_entryHash_unique" UNIQUE("entry_hash"),
	CONSTRAINT "ballot_ledger_voter_version_key" UNIQUE("round_id","voter_ref","version"),
	CONSTRAINT "ballot_ledger_source_check" CHECK ("ballot_ledger"."source" in ('online', 'paper')),
	CONSTRAINT "ballot_ledger_version_check" CHECK ("ballot_ledger"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"round_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"receipt_code" text NOT NULL,
	"first_cast_at" timestamp with time zone NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballots_round_id_voter_id_pk" PRIMARY KEY("round_id","voter_id"),
	CONSTRAINT "ballots_version_check" CHECK ("ballots"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_seals" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"root" text NOT NULL,
	"entries" integer NOT NULL,
	"ballots" integer NOT NULL,
	"eligible" integer NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_lines" (
	"round_id" uuid NOT NULL,
	"idea_id" uuid PRIMARY KEY NOT NULL,
	"category_id" uuid NOT NULL,
	"votes" integer NOT NULL,
	"rank" integer NOT NULL,
	"round_rank" integer NOT NULL,
	"requested_pence" integer NOT NULL,
	"recommended_funded" boolean NOT NULL,
	"funded" boolean NOT NULL,
	"explanation" text NOT NULL,
	"override_reason" text,
	"overridden_by_id" uuid,
	"overridden_at" timestamp with time zone,
	CONSTRAINT "result_lines_override_check" CHECK ("result_lines"."funded" = "result_lines"."recommended_funded" or "result_lines"."override_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "round_results" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"tallies" jsonb NOT NULL,
	"ballots" integer NOT NULL,
	"eligible" integer NOT NULL,
	"spent_pence" bigint NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "ballot_ledger" ADD CONSTRAINT "ballot_ledger_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_seals" ADD CONSTRAINT "ledger_seals_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_lines" ADD CONSTRAINT "result_lines_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_lines" ADD CONSTRAINT "result_lines_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_lines" ADD CONSTRAINT "result_lines_overridden_by_id_users_id_fk" FOREIGN KEY ("overridden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_ledger_receipt_idx" ON "ballot_ledger" USING btree ("round_id","receipt_code");--> statement-breakpoint
CREATE INDEX "ballots_voter_idx" ON "ballots" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "result_lines_round_idx" ON "result_lines" USING btree ("round_id","category_id","rank");--> statement-breakpoint
-- The ballot ledger is append-only in the database itself (as the audit log is, migration 0001).
CREATE OR REPLACE FUNCTION ballot_ledger_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ballot_ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ballot_ledger_no_update_delete BEFORE UPDATE OR DELETE ON ballot_ledger
  FOR EACH ROW EXECUTE FUNCTION ballot_ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ballot_ledger_no_truncate BEFORE TRUNCATE ON ballot_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION ballot_ledger_reject_change();
