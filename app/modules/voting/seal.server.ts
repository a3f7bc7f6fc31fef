// Sealing the ledger and counting, once, inside the transaction that moves a round from voting to
// results (rounds/transition.server.ts holds the round's row lock, so ballots in flight, which
// hold FOR KEY SHARE on it, have finished). The seal covers the entries that count (the latest
// ballot of each voter): exactly what is published and recounted. The funding decision uses the
// round's FROZEN settings, and the tie-breakers it read are stored with each result line.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import {
  ballotLedger,
  ideas,
  ledgerSeals,
  proposalBudgetLines,
  resultLines,
  roundCategories,
  roundResults,
  users,
  type Round,
} from "~db/schema";
import { ranking } from "~/modules/panel/ranking.server";
import { shortlistOf } from "~/modules/rounds/facts.server";
import { freezeRoundSettings, type FrozenSettings } from "~/modules/rounds/frozen-settings";
import { decideFunding, type FundingProposal } from "./funding";
import { entryHash, merkleRoot, tally, type LedgerEntry } from "./ledger";
import { countingRows, ledgerEntryOf } from "./ledger-rows.server";

/**
 * The entries that count (each voter's latest ballot), as published: ordered by entry hash, which
 * says nothing about when or by whom a ballot was cast. `all` is how many entries the ledger has.
 */
export async function countingEntries(
  executor: Tx | Db,
  roundId: string,
): Promise<{ entries: Array<LedgerEntry & { entryHash: string }>; all: number }> {
  const rows = await executor
    .select({
      voterRef: ballotLedger.voterRef,
      version: ballotLedger.version,
      ref: ballotLedger.ref,
      picks: ballotLedger.picks,
      source: ballotLedger.source,
      entryHash: ballotLedger.entryHash,
    })
    .from(ballotLedger)
    .where(eq(ballotLedger.roundId, roundId));
  const entries = countingRows(rows)
    .map((row) => ({ ...ledgerEntryOf(row), entryHash: row.entryHash }))
    .sort((a, b) => (a.entryHash < b.entryHash ? -1 : a.entryHash > b.entryHash ? 1 : 0));
  return { entries, all: rows.length };
}

/** Approved members who are not suspended: the turnout's denominator. */
export async function eligibleVoters(executor: Tx | Db): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.membership, "approved"), isNull(users.suspendedAt)));
  return Number(row.n);
}

/** The frozen settings, or (for a round that somehow has none) the current ones frozen now. */
async function settingsOf(tx: Tx, round: Round): Promise<FrozenSettings> {
  if (round.frozenSettings) return round.frozenSettings;
  const categories = await tx
    .select({ id: roundCategories.id, name: roundCategories.name })
    .from(roundCategories)
    .where(eq(roundCategories.roundId, round.id))
    .orderBy(asc(roundCategories.position));
  return freezeRoundSettings(round, categories, await shortlistOf(tx, round.id, categories)).frozenSettings;
}

/**
 * Seals the round's ledger and computes its results. Call only inside the voting -> results
 * transition's transaction, with `tx`. Writes ledger_seals, round_results and result_lines.
 */
export async function sealAndCount(
  tx: Tx,
  round: Round,
  at: Date,
): Promise<{ root: string; entries: number; ballots: number }> {
  const { entries, all } = await countingEntries(tx, round.id);
  // Hashed again from the fields, not read back: the seal must be what a recount of the file gives.
  const root = await merkleRoot(await Promise.all(entries.map(entryHash)));
  const counting = entries.length;
  const eligible = await eligibleVoters(tx);
  const tallies = tally(entries);
  await tx
    .insert(ledgerSeals)
    .values({ roundId: round.id, root, entries: all, ballots: counting, eligible, sealedAt: at });

  const settings = await settingsOf(tx, round);
  const proposals = await fundingProposals(tx, round, settings, tallies);
  const decision = decideFunding({
    rule: settings.fundingRule,
    potPence: settings.potPence,
    categories: settings.categories,
    proposals,
  });
  await tx.insert(roundResults).values({
    roundId: round.id,
    tallies,
    ballots: counting,
    eligible,
    spentPence: decision.spentPence,
    computedAt: at,
  });
  const byId = new Map(proposals.map((p) => [p.id, p]));
  if (decision.outcomes.length > 0) {
    await tx.insert(resultLines).values(
      decision.outcomes.map((o) => ({
        roundId: round.id,
        ideaId: o.id,
        categoryId: o.categoryId,
        votes: byId.get(o.id)!.votes,
        rank: o.rank,
        roundRank: o.roundRank,
        requestedPence: byId.get(o.id)!.requestedPence,
        calibratedScore: byId.get(o.id)!.calibratedScore,
        submittedAt: byId.get(o.id)!.submittedAt,
        recommendedFunded: o.funded,
        funded: o.funded,
        explanation: o.explanation,
      })),
    );
  }
  return { root, entries: all, ballots: counting };
}

/**
 * The frozen shortlist as decideFunding reads it: votes (0 when nobody picked it), the amount
 * requested, the calibrated panel score and the submission time. A proposal withdrawn during the
 * vote takes no part (funded / not_funded only occur when a past round is recorded after the fact).
 */
async function fundingProposals(
  tx: Tx,
  round: Round,
  settings: FrozenSettings,
  tallies: Record<string, number>,
): Promise<FundingProposal[]> {
  const categoryOf = new Map(
    Object.entries(settings.shortlist).flatMap(([categoryId, ids]) => ids.map((id) => [id, categoryId] as const)),
  );
  const ids = [...categoryOf.keys()];
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      id: ideas.id,
      title: ideas.title,
      state: ideas.state,
      submittedAt: ideas.submittedAt,
      createdAt: ideas.createdAt,
    })
    .from(ideas)
    .where(and(eq(ideas.roundId, round.id), inArray(ideas.id, ids)));
  const amounts = await tx
    .select({ ideaId: proposalBudgetLines.ideaId, total: sql<number>`sum(${proposalBudgetLines.amountPence})::bigint` })
    .from(proposalBudgetLines)
    .where(inArray(proposalBudgetLines.ideaId, ids))
    .groupBy(proposalBudgetLines.ideaId);
  const requested = new Map(amounts.map((a) => [a.ideaId, Number(a.total)]));
  // The panel's own calibration (the viewer only decides what is hidden from a conflicted reviewer).
  const scores = new Map(
    (await ranking(tx, round, round.id)).categories
      .flatMap((c) => c.rows)
      .map((r) => [r.ideaId, r.score?.calibratedMean ?? null]),
  );
  return rows
    .filter((r) => r.state === "shortlisted" || r.state === "funded" || r.state === "not_funded")
    .map((r) => ({
      id: r.id,
      categoryId: categoryOf.get(r.id)!,
      title: r.title,
      votes: tallies[r.id] ?? 0,
      requestedPence: requested.get(r.id) ?? 0,
      calibratedScore: scores.get(r.id) ?? null,
      submittedAt: r.submittedAt ?? r.createdAt,
    }));
}
