// Results: turn tallies, the frozen funding rule and the pot into an outcome per proposal, each
// with an explanation a visitor can read. Pure; tests/unit/funding-rules.test.ts covers each rule.
//
// Order: votes (most first), then calibrated panel score (highest first; none ranks last), then
// earlier submission, then id, so every order is total and the same input gives the same result.
// Rules:
// - topFraction: the top floor(n × fraction + 1e-9) of each category, but at least 1 when the
//   category has any proposal (a small category is never left out by rounding down);
// - topN: the top min(N, n) of each category;  - fundAll: every shortlisted proposal;
// - greedyWithinPot: every proposal in the round in vote order, funded if it fits in what is left
//   of the pot, skipped if not (a later, smaller one may still fit).
// The pot: for the first three rules, the proposals inside their category's cut-off are funded in
// vote order across the round while they fit; at the first that does not fit, funding STOPS (no
// proposal overtakes one with more votes), and the rest are explained as such.
import { formatPence } from "~/lib/money";
import type { FundingRule } from "~/modules/rounds/frozen-settings";

export type FundingCategory = { id: string; name: string };
export type FundingProposal = {
  id: string;
  categoryId: string;
  title: string;
  votes: number;
  requestedPence: number;
  /** Calibrated panel score; null when it has none (ranks below any score in a tie). */
  calibratedScore: number | null;
  submittedAt: Date;
};
export type FundingInput = {
  rule: FundingRule;
  potPence: number;
  categories: ReadonlyArray<FundingCategory>;
  proposals: ReadonlyArray<FundingProposal>;
};

export type FundingOutcome = {
  id: string;
  categoryId: string;
  funded: boolean;
  /** Place within its category (1 = most votes). */
  rank: number;
  /** Place across the whole round, the order in which the pot is spent. */
  roundRank: number;
  explanation: string;
};
export type CategoryCutoff = {
  categoryId: string;
  proposals: number;
  /** Places the rule gives the category before the pot is applied; null for greedyWithinPot. */
  places: number | null;
  funded: number;
};
export type FundingDecision = {
  outcomes: FundingOutcome[];
  cutoffs: CategoryCutoff[];
  spentPence: number;
  leftPence: number;
};

/** Places the rule gives a category of n proposals, or null when the rule has no per-category cut. */
export function placesByRule(rule: FundingRule, n: number): number | null {
  switch (rule.kind) {
    case "topFraction":
      if (!(rule.fraction > 0 && rule.fraction <= 1))
        throw new RangeError(`topFraction: fraction must be in (0, 1], got ${rule.fraction}`);
      return n === 0 ? 0 : Math.max(1, Math.floor(n * rule.fraction + 1e-9));
    case "topN":
      if (!Number.isInteger(rule.n) || rule.n < 1)
        throw new RangeError(`topN: n must be a whole number ≥ 1, got ${rule.n}`);
      return Math.min(rule.n, n);
    case "fundAll":
      return n;
    case "greedyWithinPot":
      return null;
  }
}

/** 1 -> "1st", 12 -> "12th", 22 -> "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** The order of the results: votes, then calibrated score, then earlier submission, then id. */
export function compareForFunding(a: FundingProposal, b: FundingProposal): number {
  return (
    b.votes - a.votes ||
    (a.calibratedScore === b.calibratedScore
      ? 0
      : a.calibratedScore === null
        ? 1
        : b.calibratedScore === null
          ? -1
          : b.calibratedScore - a.calibratedScore) ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

type Verdict = { funded: boolean; because: "rule" | "cutoff" | "didNotFit" | "stopped"; leftBefore: number };

export function decideFunding(input: FundingInput): FundingDecision {
  const { rule, potPence, categories, proposals } = input;
  check(input);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const round = [...proposals].sort(compareForFunding);
  const roundRank = new Map(round.map((p, i) => [p.id, i + 1]));
  const rank = new Map<string, number>();
  const size = new Map(categories.map((c) => [c.id, 0]));
  for (const p of round) {
    size.set(p.categoryId, size.get(p.categoryId)! + 1);
    rank.set(p.id, size.get(p.categoryId)!);
  }
  const places = new Map(categories.map((c) => [c.id, placesByRule(rule, size.get(c.id)!)]));

  const verdicts = new Map<string, Verdict>();
  let left = potPence;
  let stopped = false;
  for (const p of round) {
    const cut = places.get(p.categoryId)!;
    if (cut !== null && rank.get(p.id)! > cut)
      verdicts.set(p.id, { funded: false, because: "cutoff", leftBefore: left });
    else if (stopped) verdicts.set(p.id, { funded: false, because: "stopped", leftBefore: left });
    else if (p.requestedPence <= left) {
      verdicts.set(p.id, { funded: true, because: "rule", leftBefore: left });
      left -= p.requestedPence;
    } else {
      verdicts.set(p.id, { funded: false, because: "didNotFit", leftBefore: left });
      if (cut !== null) stopped = true;
    }
  }

  const outcomes = proposals.map((p): FundingOutcome => {
    const v = verdicts.get(p.id)!;
    const where =
      rule.kind === "greedyWithinPot"
        ? `ranked ${ordinal(roundRank.get(p.id)!)} of ${round.length} across the round with ${votes(p.votes)}`
        : `${ordinal(rank.get(p.id)!)} of ${size.get(p.categoryId)} in ${names.get(p.categoryId)} with ${votes(p.votes)}`;
    const cutoff =
      rule.kind === "fundAll"
        ? "the rule funds every shortlisted proposal"
        : `the cut-off was ${ordinal(places.get(p.categoryId)!)}`;
    const inside = rule.kind === "fundAll" ? "" : `, inside the cut-off of ${ordinal(places.get(p.categoryId)!)}`;
    const money = `its ${formatPence(p.requestedPence)}`;
    const pot = `the ${formatPence(v.leftBefore)} left in the pot`;
    let text: string;
    if (rule.kind === "greedyWithinPot") {
      text = v.funded
        ? `Funded: ${where}; ${money} fitted in ${pot}.`
        : `Not funded: ${where}, but ${money} did not fit in ${pot}.`;
    } else if (v.because === "rule") text = `Funded: ${where}; ${cutoff}.`;
    else if (v.because === "cutoff") text = `Not funded: ${where}; ${cutoff}.`;
    else if (v.because === "didNotFit") text = `Not funded: ${where}${inside}, but ${money} did not fit in ${pot}.`;
    else
      text = `Not funded: ${where}${inside}, but the pot ran out before its turn: funding stops at the first proposal, in order of votes across the round, that does not fit.`;
    const tie = tieClause(p, proposals, verdicts, rule);
    return {
      id: p.id,
      categoryId: p.categoryId,
      funded: v.funded,
      rank: rank.get(p.id)!,
      roundRank: roundRank.get(p.id)!,
      explanation: tie ? `${text} ${tie}` : text,
    };
  });

  const cutoffs = categories.map((c): CategoryCutoff => ({
    categoryId: c.id,
    proposals: size.get(c.id)!,
    places: places.get(c.id)!,
    funded: outcomes.filter((o) => o.categoryId === c.id && o.funded).length,
  }));
  return { outcomes, cutoffs, spentPence: potPence - left, leftPence: left };
}

const votes = (n: number) => (n === 1 ? "1 vote" : `${n} votes`);
const score = (s: number | null) => (s === null ? "none" : s.toFixed(2));

/**
 * When a tie on votes decided this proposal's outcome (a proposal with the same votes in the same
 * contest had the other outcome), say how the tie was broken. The contest is the category for a
 * cut-off and the whole round where the pot decided.
 */
function tieClause(
  p: FundingProposal,
  all: ReadonlyArray<FundingProposal>,
  verdicts: Map<string, Verdict>,
  rule: FundingRule,
): string | null {
  const mine = verdicts.get(p.id)!;
  const potDecided = (v: Verdict) =>
    rule.kind === "greedyWithinPot" || v.because === "didNotFit" || v.because === "stopped";
  const rival = all
    .filter((q) => q.id !== p.id && q.votes === p.votes && verdicts.get(q.id)!.funded !== mine.funded)
    .filter((q) => q.categoryId === p.categoryId || potDecided(mine) || potDecided(verdicts.get(q.id)!))
    .sort(compareForFunding)[0];
  if (!rival) return null;
  const ahead = compareForFunding(p, rival) < 0;
  const how =
    p.calibratedScore !== rival.calibratedScore
      ? `ties are broken by calibrated panel score, and its ${score(p.calibratedScore)} was ${ahead ? "above" : "below"} ${score(rival.calibratedScore)}`
      : p.submittedAt.getTime() !== rival.submittedAt.getTime()
        ? `their calibrated panel scores were equal, so the earlier submission went first, and it was submitted ${ahead ? "earlier" : "later"}`
        : "their panel scores and submission times were equal, so their order fell to their reference numbers";
  return `It tied on ${votes(p.votes)} with “${rival.title}”, which was ${verdicts.get(rival.id)!.funded ? "funded" : "not funded"}: ${how}.`;
}

function check({ potPence, categories, proposals }: FundingInput): void {
  if (!Number.isSafeInteger(potPence) || potPence < 0)
    throw new RangeError(`decideFunding: pot must be whole pence ≥ 0, got ${potPence}`);
  const categoryIds = new Set(categories.map((c) => c.id));
  const ids = new Set<string>();
  for (const p of proposals) {
    if (ids.has(p.id)) throw new RangeError(`decideFunding: proposal ${p.id} is listed twice`);
    ids.add(p.id);
    if (!categoryIds.has(p.categoryId))
      throw new RangeError(`decideFunding: proposal ${p.id} is in unknown category ${p.categoryId}`);
    if (!Number.isSafeInteger(p.votes) || p.votes < 0)
      throw new RangeError(`decideFunding: votes for ${p.id} must be a whole number ≥ 0`);
    if (!Number.isSafeInteger(p.requestedPence) || p.requestedPence < 0)
      throw new RangeError(`decideFunding: amount for ${p.id} must be whole pence ≥ 0`);
  }
}
