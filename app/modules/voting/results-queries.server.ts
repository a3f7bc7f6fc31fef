// Reads for the results pages, the ledger downloads and the receipt check. Nothing here writes,
// and nothing here joins people to picks: the ledger is read only under voter references.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db, type Db, type Tx } from "~db/client";
import { ballotLedger, ideas, ledgerSeals, resultLines, roundCategories, roundResults, type Round } from "~db/schema";
import { describeFundingRule } from "~/modules/rounds/model";
import { placesByRule } from "./funding";
import { countingEntries, entryHash, merkleProof, verifyProof, type ProofStep } from "./ledger";
import { exportedEntry, HASHING_SPEC, type LedgerDocument } from "./ledger-export";
import { ledgerEntryOf } from "./ledger-rows.server";
import { ledgerEntries } from "./seal.server";

export type SealView = { root: string; entries: number; ballots: number; eligible: number; sealedAt: Date };

export async function sealOf(roundId: string, executor: Tx | Db = db): Promise<SealView | null> {
  const [seal] = await executor.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, roundId));
  return seal ?? null;
}

export type ResultLineView = {
  ideaId: string;
  slug: string;
  title: string;
  votes: number;
  rank: number;
  requestedPence: number;
  recommendedFunded: boolean;
  funded: boolean;
  explanation: string;
  overrideReason: string | null;
};
export type ResultCategoryView = { id: string; name: string; places: number | null; lines: ResultLineView[] };
export type ResultsView = {
  seal: SealView;
  publishedAt: Date | null;
  ballots: number;
  eligible: number;
  spentPence: number;
  potPence: number;
  rule: string;
  frozenSettingsHash: string | null;
  categories: ResultCategoryView[];
};

/** The computed results of a round with its seal, or null before voting has closed. */
export async function resultsOf(round: Round): Promise<ResultsView | null> {
  const seal = await sealOf(round.id);
  const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
  if (!seal || !results) return null;
  const lines = await db
    .select({
      ideaId: resultLines.ideaId,
      categoryId: resultLines.categoryId,
      slug: ideas.slug,
      title: ideas.title,
      votes: resultLines.votes,
      rank: resultLines.rank,
      requestedPence: resultLines.requestedPence,
      recommendedFunded: resultLines.recommendedFunded,
      funded: resultLines.funded,
      explanation: resultLines.explanation,
      overrideReason: resultLines.overrideReason,
    })
    .from(resultLines)
    .innerJoin(ideas, eq(ideas.id, resultLines.ideaId))
    .where(eq(resultLines.roundId, round.id))
    .orderBy(asc(resultLines.rank), asc(resultLines.roundRank));
  const categories =
    round.frozenSettings?.categories ??
    (await db
      .select({ id: roundCategories.id, name: roundCategories.name })
      .from(roundCategories)
      .where(eq(roundCategories.roundId, round.id))
      .orderBy(asc(roundCategories.position)));
  const positions = new Map(
    (
      await db
        .select({ id: roundCategories.id, position: roundCategories.position })
        .from(roundCategories)
        .where(eq(roundCategories.roundId, round.id))
    ).map((c) => [c.id, c.position]),
  );
  const rule = round.frozenSettings?.fundingRule ?? round.fundingRule;
  return {
    seal,
    publishedAt: results.publishedAt,
    ballots: results.ballots,
    eligible: results.eligible,
    spentPence: results.spentPence,
    potPence: round.frozenSettings?.potPence ?? round.potPence,
    rule: describeFundingRule(rule),
    frozenSettingsHash: round.frozenSettingsHash,
    categories: [...categories]
      .sort((a, b) => (positions.get(a.id) ?? 0) - (positions.get(b.id) ?? 0))
      .map((c) => {
        const mine = lines.filter((l) => l.categoryId === c.id).map(({ categoryId: _c, ...l }) => l);
        return { id: c.id, name: c.name, places: placesByRule(rule, mine.length), lines: mine };
      }),
  };
}

/** The JSON download (and what the recount reads): null before the seal. */
export async function ledgerDocument(round: Round, executor: Tx | Db = db): Promise<LedgerDocument | null> {
  const seal = await sealOf(round.id, executor);
  if (!seal) return null;
  const [results] = await executor
    .select({ tallies: roundResults.tallies, publishedAt: roundResults.publishedAt })
    .from(roundResults)
    .where(eq(roundResults.roundId, round.id));
  const entries = (await ledgerEntries(executor, round.id)).map(exportedEntry);
  return {
    format: "q-exchange-ledger/1",
    round: round.slug,
    seal: { root: seal.root, entries: seal.entries, ballots: seal.ballots, sealedAt: seal.sealedAt.toISOString() },
    tallies: results?.publishedAt ? results.tallies : null,
    hashing: HASHING_SPEC,
    entries,
  };
}

export type ReceiptCheck =
  | { found: false }
  | {
      found: true;
      version: number;
      source: "online" | "paper";
      at: Date;
      picks: Array<{ id: string; title: string; slug: string | null }>;
      /** True when this entry is the one that counts; false when a later ballot replaced it. */
      counted: boolean;
      entryHash: string;
      proof: ProofStep[];
      root: string;
      verified: boolean;
    };

/** Looks a (normalised) receipt code up in the sealed ledger. Null before the seal. */
export async function checkReceipt(round: Round, code: string): Promise<ReceiptCheck | null> {
  const seal = await sealOf(round.id);
  if (!seal) return null;
  const [row] = await db
    .select()
    .from(ballotLedger)
    .where(and(eq(ballotLedger.roundId, round.id), eq(ballotLedger.receiptCode, code)))
    .orderBy(asc(ballotLedger.id))
    .limit(1);
  if (!row) return { found: false };
  const entry = ledgerEntryOf(row);
  const hash = entryHash(entry);
  const sameVoter = (
    await db
      .select()
      .from(ballotLedger)
      .where(and(eq(ballotLedger.roundId, round.id), eq(ballotLedger.voterRef, row.voterRef)))
  ).map(ledgerEntryOf);
  const counting = countingEntries(sameVoter)[0];
  const hashes = (
    await db.select({ hash: ballotLedger.entryHash }).from(ballotLedger).where(eq(ballotLedger.roundId, round.id))
  ).map((r) => r.hash);
  const proof = merkleProof(hashes, hashes.indexOf(row.entryHash));
  const titles =
    entry.picks.length === 0
      ? []
      : await db
          .select({ id: ideas.id, title: ideas.title, slug: ideas.slug })
          .from(ideas)
          .where(inArray(ideas.id, [...entry.picks]));
  const byId = new Map(titles.map((t) => [t.id, t]));
  return {
    found: true,
    version: entry.version,
    source: entry.source,
    at: row.at,
    picks: entry.picks.map((id) => ({
      id,
      title: byId.get(id)?.title ?? "A proposal no longer listed",
      slug: byId.get(id)?.slug ?? null,
    })),
    counted: counting !== undefined && entryHash(counting) === hash,
    entryHash: hash,
    proof,
    root: seal.root,
    verified: hash === row.entryHash && verifyProof(hash, proof, seal.root),
  };
}
