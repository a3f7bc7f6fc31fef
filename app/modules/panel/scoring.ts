// Panel scoring: rubric totals, the raw and calibrated means per proposal, and the disagreement
// flag. Pure arithmetic; tests/unit/panel-scoring.test.ts works an example through by hand.
//
// Calibration, so a harsh or generous reviewer does not decide a proposal's fate by habit:
// - pooled mean M and pooled standard deviation S over every review total in the round;
// - each reviewer's own mean m and standard deviation s over their own totals;
// - a total x becomes M + ((x − m) / s) × S: its z-score within the reviewer's own scores, put
//   back on the rubric's scale so it still reads like a 1–5 score (it may land a little outside).
// Fallbacks, because a spread needs enough scores to mean anything:
// - 3 or more scores with some spread: standardised as above ("standardised");
// - 2 scores, or 3 or more all equal: only the reviewer's leniency is removed, x + (M − m)
//   ("shifted"); two scores would always give z = ±1, and equal scores have no spread to divide by;
// - 1 score: the raw total ("raw"); one score says nothing about the reviewer's habits.
// Standard deviations are population ones (divide by n), for the pool and for each reviewer.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Reviewers need this many scores before their spread is used. */
export const MIN_SCORES_TO_STANDARDISE = 3;
/** Reviewers disagree strongly when their totals for a proposal span MORE than this (1–5 scale). */
export const DISAGREEMENT_THRESHOLD = 1.5;
/** A spread below this is treated as none (floating-point noise). */
const NO_SPREAD = 1e-9;

export type Criterion = { id: string; weight: number };
export type CriterionScore = { criterionId: string; score: number };

/**
 * One review's total: the weighted mean of its criterion scores, Σ(weight × score) / Σ weight,
 * so it stays on the 1–5 scale. Every criterion must be scored once with a whole number 1–5;
 * weights must be positive. Anything else is a programming error (forms validate first).
 */
export function weightedTotal(criteria: ReadonlyArray<Criterion>, scores: ReadonlyArray<CriterionScore>): number {
  if (criteria.length === 0) throw new RangeError("weightedTotal: the rubric has no criteria");
  const byCriterion = new Map<string, number>();
  for (const s of scores) {
    if (byCriterion.has(s.criterionId))
      throw new RangeError(`weightedTotal: criterion ${s.criterionId} is scored twice`);
    if (!Number.isInteger(s.score) || s.score < SCORE_MIN || s.score > SCORE_MAX) {
      throw new RangeError(`weightedTotal: score ${s.score} for ${s.criterionId} is not a whole number from 1 to 5`);
    }
    byCriterion.set(s.criterionId, s.score);
  }
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    if (!(c.weight > 0) || !Number.isFinite(c.weight))
      throw new RangeError(`weightedTotal: weight of ${c.id} must be positive`);
    const score = byCriterion.get(c.id);
    if (score === undefined) throw new RangeError(`weightedTotal: criterion ${c.id} has no score`);
    weighted += c.weight * score;
    weights += c.weight;
  }
  if (byCriterion.size !== criteria.length)
    throw new RangeError("weightedTotal: a score names a criterion not in the rubric");
  return weighted / weights;
}

export function mean(xs: ReadonlyArray<number>): number {
  if (xs.length === 0) throw new RangeError("mean of no numbers");
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** Population standard deviation (divides by n). */
export function standardDeviation(xs: ReadonlyArray<number>): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / xs.length);
}

/** One submitted review's weighted total. */
export type ReviewTotal = { reviewerId: string; proposalId: string; total: number };
export type CalibrationMethod = "standardised" | "shifted" | "raw";
export type CalibratedReview = ReviewTotal & { calibrated: number; method: CalibrationMethod };
export type ReviewerStats = { reviewerId: string; n: number; mean: number; sd: number; method: CalibrationMethod };
export type Calibration = {
  pooled: { n: number; mean: number; sd: number };
  reviewers: ReviewerStats[];
  reviews: CalibratedReview[];
};

/** Calibrate every review total in a round against its reviewer's own scores (see the top). */
export function calibrate(reviews: ReadonlyArray<ReviewTotal>): Calibration {
  if (reviews.length === 0) return { pooled: { n: 0, mean: 0, sd: 0 }, reviewers: [], reviews: [] };
  const all = reviews.map((r) => r.total);
  const M = mean(all);
  const S = standardDeviation(all);

  const totalsOf = new Map<string, number[]>();
  for (const r of reviews) totalsOf.set(r.reviewerId, [...(totalsOf.get(r.reviewerId) ?? []), r.total]);
  const stats = new Map<string, ReviewerStats>();
  for (const [reviewerId, totals] of totalsOf) {
    const m = mean(totals);
    const sd = standardDeviation(totals);
    const method: CalibrationMethod =
      totals.length < 2
        ? "raw"
        : totals.length >= MIN_SCORES_TO_STANDARDISE && sd > NO_SPREAD
          ? "standardised"
          : "shifted";
    stats.set(reviewerId, { reviewerId, n: totals.length, mean: m, sd, method });
  }

  const calibrated = reviews.map((r): CalibratedReview => {
    const s = stats.get(r.reviewerId)!;
    const value =
      s.method === "standardised"
        ? M + ((r.total - s.mean) / s.sd) * S
        : s.method === "shifted"
          ? r.total + (M - s.mean)
          : r.total;
    return { ...r, calibrated: value, method: s.method };
  });
  return { pooled: { n: all.length, mean: M, sd: S }, reviewers: [...stats.values()], reviews: calibrated };
}

/** Whether reviewers' totals for one proposal span more than the threshold (max − min > threshold). */
export function disagrees(totals: ReadonlyArray<number>, threshold = DISAGREEMENT_THRESHOLD): boolean {
  return totals.length >= 2 && Math.max(...totals) - Math.min(...totals) > threshold;
}

export type ProposalScore = {
  proposalId: string;
  reviews: number;
  rawMean: number;
  calibratedMean: number;
  /** max − min of the reviewers' raw totals. */
  range: number;
  disagreement: boolean;
};

/** Per proposal (in order of first appearance): raw and calibrated means, range and the flag. */
export function scoreProposals(
  reviews: ReadonlyArray<ReviewTotal>,
  threshold = DISAGREEMENT_THRESHOLD,
): ProposalScore[] {
  const byProposal = new Map<string, CalibratedReview[]>();
  for (const r of calibrate(reviews).reviews)
    byProposal.set(r.proposalId, [...(byProposal.get(r.proposalId) ?? []), r]);
  return [...byProposal].map(([proposalId, rs]) => {
    const totals = rs.map((r) => r.total);
    return {
      proposalId,
      reviews: rs.length,
      rawMean: mean(totals),
      calibratedMean: mean(rs.map((r) => r.calibrated)),
      range: Math.max(...totals) - Math.min(...totals),
      disagreement: disagrees(totals, threshold),
    };
  });
}
