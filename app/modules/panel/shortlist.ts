// The shortlist recommendation: seats split between categories in proportion to the proposals
// each received, filled from the calibrated ranking. Admins or the chair then confirm or change it.

export type CategoryCount = { categoryId: string; count: number };
export type CategorySeats = { categoryId: string; seats: number };

/**
 * Largest remainder (Hamilton): each category first gets the whole part of its quota
 * total × count / Σcount; the seats left go one each to the largest fractional parts.
 * Ties between equal remainders go to the category with more proposals, then to the one listed
 * first. Quotas are compared in exact integer arithmetic (remainder of total × count ÷ Σcount),
 * so floating point cannot break a tie. A category never gets more seats than proposals: when
 * `total` is at least Σcount every proposal gets a seat. Result in the input's order.
 */
export function splitSeats(total: number, proposalsPerCategory: ReadonlyArray<CategoryCount>): CategorySeats[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`splitSeats: total must be a whole number ≥ 0, got ${total}`);
  const ids = new Set<string>();
  for (const { categoryId, count } of proposalsPerCategory) {
    if (ids.has(categoryId)) throw new RangeError(`splitSeats: category ${categoryId} is listed twice`);
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`splitSeats: count for ${categoryId} must be a whole number ≥ 0`);
    ids.add(categoryId);
  }
  const sum = proposalsPerCategory.reduce((s, c) => s + c.count, 0);
  if (total >= sum) return proposalsPerCategory.map(({ categoryId, count }) => ({ categoryId, seats: count }));

  const rows = proposalsPerCategory.map(({ categoryId, count }, order) => {
    const share = total * count; // quota = share / sum
    if (!Number.isSafeInteger(share)) throw new RangeError("splitSeats: numbers too large");
    return { categoryId, count, order, seats: Math.floor(share / sum), remainder: share % sum };
  });
  let left = total - rows.reduce((s, r) => s + r.seats, 0);
  const byRemainder = [...rows].sort((a, b) => b.remainder - a.remainder || b.count - a.count || a.order - b.order);
  for (const row of byRemainder) {
    if (left === 0) break;
    row.seats += 1;
    left -= 1;
  }
  return rows.map(({ categoryId, seats }) => ({ categoryId, seats }));
}

export type RankableProposal = {
  id: string;
  /** Null when the proposal has no submitted review yet. */
  calibratedMean: number | null;
  rawMean: number | null;
  submittedAt: Date;
};

/**
 * The shortlist ranking within a category: calibrated mean (highest first), then raw mean, then
 * earlier submission, then id so the order is total. Proposals without reviews come last.
 */
export function rankForShortlist(proposals: ReadonlyArray<RankableProposal>): string[] {
  const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
  return [...proposals]
    .sort(
      (a, b) =>
        desc(a.calibratedMean, b.calibratedMean) ||
        desc(a.rawMean, b.rawMean) ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((p) => p.id);
}

export type RankedCategory = { categoryId: string; proposalIds: ReadonlyArray<string> };
export type RecommendedCategory = { categoryId: string; proposalIds: string[]; unfilledSeats: number };

/**
 * The top `seats` proposals of each category's ranking (best first). A category with fewer ranked
 * proposals than seats reports the rest as `unfilledSeats`; a category with no ranking gets none.
 * Result in the order of `seatsPerCategory`.
 */
export function recommendShortlist(
  seatsPerCategory: ReadonlyArray<CategorySeats>,
  rankedProposalsPerCategory: ReadonlyArray<RankedCategory>,
): RecommendedCategory[] {
  const ranked = new Map(rankedProposalsPerCategory.map((r) => [r.categoryId, r.proposalIds]));
  return seatsPerCategory.map(({ categoryId, seats }) => {
    const proposalIds = (ranked.get(categoryId) ?? []).slice(0, seats);
    return { categoryId, proposalIds, unfilledSeats: seats - proposalIds.length };
  });
}
