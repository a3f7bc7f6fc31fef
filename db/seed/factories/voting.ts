// Voting scenes written straight to the database: a round in voting with a frozen shortlist, and
// ledger entries built by ledgerRowFor (the same mapping the ballot use case uses). For the
// results tests and the demo; casting ballots through the use case is tested on its own.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../client";
import { ballotLedger, rounds, type NewRound } from "../../schema";
import { now } from "../../../app/lib/clock";
import { freezeRoundSettings } from "../../../app/modules/rounds/frozen-settings";
import { ledgerRowFor } from "../../../app/modules/voting/ledger-rows.server";
import type { LedgerSource } from "../../../app/modules/voting/ledger";
import { createUser } from "../factories";
import { insertIdea } from "./ideas";
import { createRound } from "./rounds";

export type LedgerSeed = { voterRef?: string; version?: number; picks: ReadonlyArray<string>; at?: Date; source?: LedgerSource };

/** A random voter reference shaped like the HMAC one (64 hex characters). */
export const randomVoterRef = () => randomBytes(32).toString("hex");

/** Inserts ledger entries for a round; `at` is truncated to milliseconds as the use case stores it. */
export async function insertLedgerEntries(roundId: string, seeds: ReadonlyArray<LedgerSeed>) {
  if (seeds.length === 0) return [];
  const rows = seeds.map((s) => ledgerRowFor(roundId, {
    voterRef: s.voterRef ?? randomVoterRef(),
    version: s.version ?? 1,
    picks: s.picks,
    at: new Date(Math.floor((s.at ?? now()).getTime())),
    source: s.source ?? "online",
  }));
  return db.insert(ballotLedger).values(rows).returning();
}

/**
 * A round in voting (by the clock, a week in) with `perCategory` shortlisted proposals in each of
 * two categories, each asking for `requestedPence`, and its settings frozen as voting opened.
 */
export async function createVotingRound(options: { perCategory?: number; requestedPence?: number; picks?: number; overrides?: Partial<NewRound> } = {}) {
  const { perCategory = 3, requestedPence = 2_000_000, picks = 1, overrides = {} } = options;
  const round = await createRound({ phase: "voting", picksPerCategory: picks, ...overrides });
  const proposals: Array<Awaited<ReturnType<typeof insertIdea>> & { lead: Awaited<ReturnType<typeof createUser>> }> = [];
  const at = now();
  for (const category of round.categories) {
    for (let i = 0; i < perCategory; i++) {
      const lead = await createUser();
      const idea = await insertIdea({
        round, lead, state: "shortlisted", categoryId: category.id, title: `${category.name} proposal ${i + 1}`,
        at: new Date(at.getTime() - (perCategory - i) * 60_000),
        proposal: { budget: [{ description: "Everything", amountPence: requestedPence }] },
      });
      proposals.push({ ...idea, lead });
    }
  }
  const shortlist = Object.fromEntries(round.categories.map((c) => [c.id, proposals.filter((p) => p.categoryId === c.id).map((p) => p.id)]));
  const frozen = freezeRoundSettings(round, round.categories, shortlist);
  const [updated] = await db.update(rounds).set({ ...frozen, frozenAt: round.votingOpensAt }).where(eq(rounds.id, round.id)).returning();
  return { round: { ...updated, categories: round.categories }, proposals };
}
