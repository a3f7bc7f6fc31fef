// Reads for the results pages, the ledger downloads and the receipt check. Nothing here writes,
// and nothing here joins people to picks: the ledger is read only under its own references.
import { asc, eq, inArray } from "drizzle-orm";
import { db, type Db, type Tx } from "~db/client";
import { ideas, ledgerSeals, resultLines, roundCategories, roundResults, type Round } from "~db/schema";
import { describeFundingRule } from "~/modules/rounds/model";
import { placesByRule } from "./funding";
import { entryHash, merkleProof, receiptCode, verifyProof, LEDGER_FORMAT, type ProofStep } from "./ledger";
import {
  HASHING_SPEC,
  publishedEntry,
  RESULTS_FORMAT,
  type LedgerDocument,
  type ResultsDocument,
} from "./ledger-export";
import { countingEntries } from "./seal.server";

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

/** Whether the round's results, and with them its ledger, are published (the embargo's one test). */
export async function resultsPublished(roundId: string, executor: Tx | Db = db): Promise<boolean> {
  const [row] = await executor
    .select({ publishedAt: roundResults.publishedAt })
    .from(roundResults)
    .where(eq(roundResults.roundId, roundId));
  return Boolean(row?.publishedAt);
}

/**
 * ledger.json: the ballots that count and the seal; null before the seal. The routes serve it only
 * once the results are published; the programme team's recount reads it before.
 */
export async function ledgerDocument(round: Round, executor: Tx | Db = db): Promise<LedgerDocument | null> {
  const seal = await sealOf(round.id, executor);
  if (!seal) return null;
  const { entries } = await countingEntries(executor, round.id);
  return {
    format: LEDGER_FORMAT,
    round: { slug: round.slug, title: round.title },
    seal: { root: seal.root, ballots: seal.ballots, sealedAt: seal.sealedAt.toISOString() },
    hashing: HASHING_SPEC,
    entries: entries.map(publishedEntry),
  };
}

/** results.json: everything the recount needs to reach each outcome again; null before the count. */
export async function resultsDocument(round: Round, executor: Tx | Db = db): Promise<ResultsDocument | null> {
  const seal = await sealOf(round.id, executor);
  const [results] = await executor.select().from(roundResults).where(eq(roundResults.roundId, round.id));
  if (!seal || !results || !round.frozenSettings) return null;
  const lines = await executor
    .select({
      id: resultLines.ideaId,
      title: ideas.title,
      categoryId: resultLines.categoryId,
      requestedPence: resultLines.requestedPence,
      calibratedScore: resultLines.calibratedScore,
      submittedAt: resultLines.submittedAt,
      ideaSubmittedAt: ideas.submittedAt,
      createdAt: ideas.createdAt,
      votes: resultLines.votes,
      rank: resultLines.rank,
      roundRank: resultLines.roundRank,
      recommendedFunded: resultLines.recommendedFunded,
      funded: resultLines.funded,
      overrideReason: resultLines.overrideReason,
      explanation: resultLines.explanation,
    })
    .from(resultLines)
    .innerJoin(ideas, eq(ideas.id, resultLines.ideaId))
    .where(eq(resultLines.roundId, round.id))
    .orderBy(asc(resultLines.roundRank));
  const inResults = new Set(lines.map((l) => l.id));
  const withdrawnIds = Object.values(round.frozenSettings.shortlist)
    .flat()
    .filter((id) => !inResults.has(id));
  const withdrawn =
    withdrawnIds.length === 0
      ? []
      : await executor
          .select({ id: ideas.id, title: ideas.title })
          .from(ideas)
          .where(inArray(ideas.id, withdrawnIds))
          .orderBy(asc(ideas.id));
  return {
    format: RESULTS_FORMAT,
    round: { slug: round.slug, title: round.title },
    publishedAt: results.publishedAt?.toISOString() ?? null,
    seal: { root: seal.root, ballots: seal.ballots, sealedAt: seal.sealedAt.toISOString() },
    turnout: { ballots: results.ballots, eligible: results.eligible },
    settings: round.frozenSettings,
    settingsHash: round.frozenSettingsHash,
    spentPence: results.spentPence,
    proposals: lines.map(({ submittedAt, ideaSubmittedAt, createdAt, ...l }) => ({
      ...l,
      // Rounds counted before the tie-breakers were stored read the submission time as the rule did.
      submittedAt: (submittedAt ?? ideaSubmittedAt ?? createdAt).toISOString(),
    })),
    withdrawn: withdrawn.map((w) => ({ ...w, votes: results.tallies[w.id] ?? 0 })),
  };
}

export type ReceiptCheck =
  | { found: false }
  | {
      found: true;
      source: "online" | "paper";
      picks: Array<{ id: string; title: string; slug: string | null }>;
      entryHash: string;
      proof: ProofStep[];
      root: string;
      verified: boolean;
    };

/**
 * Looks a (normalised) receipt code up among the ballots that count; null before the seal. A
 * replaced ballot's code is "not found", exactly as a mistyped one: the page must not prove to
 * anyone holding a code whether its voter voted again (docs/decisions/0013-ballot-secrecy.md).
 */
export async function checkReceipt(round: Round, code: string): Promise<ReceiptCheck | null> {
  const seal = await sealOf(round.id);
  if (!seal) return null;
  const { entries } = await countingEntries(db, round.id);
  const entry = entries.find((e) => receiptCode(e.entryHash) === code);
  if (!entry) return { found: false };
  const hash = await entryHash(entry);
  const proof = await merkleProof(
    entries.map((e) => e.entryHash),
    entry.entryHash,
  );
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
    source: entry.source,
    picks: entry.picks.map((id) => ({
      id,
      title: byId.get(id)?.title ?? "A proposal no longer listed",
      slug: byId.get(id)?.slug ?? null,
    })),
    entryHash: hash,
    proof,
    root: seal.root,
    verified: hash === entry.entryHash && (await verifyProof(hash, proof, seal.root)),
  };
}
