import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { ideas } from "./ideas";
import { rounds } from "./rounds";

const at = () => timestamp({ withTimezone: true });

/**
 * Who has voted in a round, and which of their ballots is current. Holds NO picks: what a voter
 * chose lives only in the ledger, under their pseudonymous reference, so no query joining people
 * to picks exists in the app. One row per member per round (unique constraint); replacing a
 * ballot bumps `version` on this row, which serialises a member's parallel submissions on its
 * row lock. The idempotency key of the last accepted submission makes a double submit harmless.
 * Deleting an account deletes this row; the ledger keeps the ballot under the pseudonym only.
 */
export const ballots = pgTable(
  "ballots",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    voterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The voter's ballot number in this round, from 1; equals the ledger entry's version. */
    version: integer().notNull(),
    /** From the ballot form; a second submission with the same key is the same ballot. */
    idempotencyKey: text().notNull(),
    /** Receipt code of the current ballot (also in the ledger entry). */
    receiptCode: text().notNull(),
    firstCastAt: at().notNull(),
    castAt: at().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.voterId] }),
    index("ballots_voter_idx").on(t.voterId),
    check("ballots_version_check", sql`${t.version} >= 1`),
  ],
);

export const LEDGER_SOURCES = ["online", "paper"] as const;

/**
 * The append-only ballot ledger (a trigger rejects UPDATE, DELETE and TRUNCATE). One row per
 * accepted ballot, replaced ones included; the entry with the highest version per voter_ref
 * counts, and only those are sealed and published (see app/modules/voting/ledger.ts). `voter_ref`
 * is a keyed HMAC of member and round for online ballots, and a random reference for each paper
 * ballot; it and `version` and `at` stay in the database. What is published and hashed is
 * `ref` (random, one per ballot), `picks` and `source`. No foreign key to people, by design.
 */
export const ballotLedger = pgTable(
  "ballot_ledger",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "restrict" }),
    voterRef: text().notNull(),
    version: integer().notNull(),
    /** The ballot's own public reference: 32 random hex characters (ledger.ts, format 2). */
    ref: text()
      .notNull()
      .default(sql`md5(random()::text)`),
    picks: uuid().array().notNull(),
    /** Database clock at the time the ballot was accepted. */
    at: at().notNull(),
    source: text().$type<(typeof LEDGER_SOURCES)[number]>().notNull(),
    /** SHA-256 of the canonical entry (ledger.ts entryHash). */
    entryHash: text().notNull().unique(),
    receiptCode: text().notNull(),
  },
  (t) => [
    unique("ballot_ledger_voter_version_key").on(t.roundId, t.voterRef, t.version),
    index("ballot_ledger_receipt_idx").on(t.roundId, t.receiptCode),
    check("ballot_ledger_source_check", sql`${t.source} in ('online', 'paper')`),
    check("ballot_ledger_version_check", sql`${t.version} >= 1`),
  ],
);

/** Written once, when voting closes: the Merkle root over the ledger entries that count. */
export const ledgerSeals = pgTable("ledger_seals", {
  roundId: uuid()
    .primaryKey()
    .references(() => rounds.id, { onDelete: "restrict" }),
  root: text().notNull(),
  /** Entries in the ledger (replaced ballots included; not published) and ballots that count (sealed). */
  entries: integer().notNull(),
  ballots: integer().notNull(),
  /** Members eligible to vote when voting closed (the turnout's denominator). */
  eligible: integer().notNull(),
  sealedAt: at().notNull(),
});

/**
 * The computed result of a round, one row per shortlisted proposal: its votes, place and the
 * outcome the frozen rule gives (`recommended_funded`, `explanation`). An admin may override a
 * line (`funded` differs from the recommendation) only with a public reason. Published once:
 * `round_results.published_at`.
 */
export const resultLines = pgTable(
  "result_lines",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "restrict" }),
    ideaId: uuid()
      .primaryKey()
      .references(() => ideas.id, { onDelete: "restrict" }),
    categoryId: uuid().notNull(),
    votes: integer().notNull(),
    rank: integer().notNull(),
    roundRank: integer().notNull(),
    requestedPence: integer().notNull(),
    /** The tie-breakers as the rule read them when voting closed, published with the results. */
    calibratedScore: doublePrecision(),
    submittedAt: at(),
    recommendedFunded: boolean().notNull(),
    funded: boolean().notNull(),
    explanation: text().notNull(),
    overrideReason: text(),
    overriddenById: uuid().references(() => users.id, { onDelete: "set null" }),
    overriddenAt: at(),
  },
  (t) => [
    index("result_lines_round_idx").on(t.roundId, t.categoryId, t.rank),
    check("result_lines_override_check", sql`${t.funded} = ${t.recommendedFunded} or ${t.overrideReason} is not null`),
  ],
);

/** One per round once results are computed; `published_at` set once when an admin publishes. */
export const roundResults = pgTable("round_results", {
  roundId: uuid()
    .primaryKey()
    .references(() => rounds.id, { onDelete: "restrict" }),
  /** Votes per proposal from the counting ledger entries (ledger.ts tally), as published. */
  tallies: jsonb().$type<Record<string, number>>().notNull(),
  ballots: integer().notNull(),
  eligible: integer().notNull(),
  spentPence: bigint({ mode: "number" }).notNull(),
  computedAt: at().notNull(),
  publishedAt: at(),
  publishedById: uuid().references(() => users.id, { onDelete: "set null" }),
});

export type Ballot = typeof ballots.$inferSelect;
export type BallotLedgerRow = typeof ballotLedger.$inferSelect;
export type LedgerSeal = typeof ledgerSeals.$inferSelect;
export type ResultLine = typeof resultLines.$inferSelect;
export type RoundResult = typeof roundResults.$inferSelect;

/**
 * Every accepted online submission's idempotency key (the token in the ballot form), with the
 * ballot version it became. A form sent again — by a double click, a retry, or a second app
 * server, even after a later ballot — finds its key here and changes nothing. Holds no picks.
 */
export const ballotSubmissions = pgTable(
  "ballot_submissions",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    voterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    idempotencyKey: text().notNull(),
    /** Filled in the same transaction, once the ledger entry is written. */
    version: integer().notNull(),
    receiptCode: text().notNull(),
    at: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.voterId, t.idempotencyKey] })],
);

export type BallotSubmission = typeof ballotSubmissions.$inferSelect;
