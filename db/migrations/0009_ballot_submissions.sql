CREATE TABLE "ballot_submissions" (
	"round_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"version" integer NOT NULL,
	"receipt_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballot_submissions_round_id_voter_id_idempotency_key_pk" PRIMARY KEY("round_id","voter_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "ballot_submissions" ADD CONSTRAINT "ballot_submissions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_submissions" ADD CONSTRAINT "ballot_submissions_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;