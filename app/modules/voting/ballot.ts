// Ballot validity: exactly the configured number of picks in every category, each one a distinct
// shortlisted proposal of that category, and none of the voter's own ideas unless the round
// allows it. Errors are sentences, one per category, so the ballot page can show them in place.

export type BallotPick = { categoryId: string; proposalId: string };
export type ShortlistCategory = { categoryId: string; name: string; proposalIds: ReadonlyArray<string> };

export type BallotInput = {
  picks: ReadonlyArray<BallotPick>;
  shortlist: ReadonlyArray<ShortlistCategory>;
  picksPerCategory: number;
  allowOwnIdea: boolean;
  /** Proposals on whose team the voter is. */
  ownProposalIds: ReadonlyArray<string> | ReadonlySet<string>;
};

export type BallotResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** The key for an error that belongs to no category of the vote (a pick naming an unknown one). */
export const BALLOT_ERROR_KEY = "_ballot";

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/**
 * How many picks a category needs from this voter: the configured number, or fewer when the
 * voter may not pick their own ideas and too few others are shortlisted (they cannot be asked
 * for the impossible). Voting cannot open with fewer shortlisted than picks, so this is rare.
 */
export function requiredPicks(
  category: ShortlistCategory,
  picksPerCategory: number,
  allowOwnIdea: boolean,
  ownProposalIds: ReadonlyArray<string> | ReadonlySet<string>,
): number {
  const own = new Set(ownProposalIds);
  const available = allowOwnIdea
    ? category.proposalIds.length
    : category.proposalIds.filter((id) => !own.has(id)).length;
  return Math.min(picksPerCategory, available);
}

/**
 * One error per category, the most basic first: a pick not on that category's shortlist, the
 * same idea twice, an own idea when not allowed, then the wrong number of picks.
 */
export function validateBallot(input: BallotInput): BallotResult {
  const own = new Set(input.ownProposalIds);
  const byCategory = new Map(input.shortlist.map((c) => [c.categoryId, { category: c, picks: [] as string[] }]));
  const errors: Record<string, string> = {};

  for (const pick of input.picks) {
    const entry = byCategory.get(pick.categoryId);
    if (entry) entry.picks.push(pick.proposalId);
    else
      errors[BALLOT_ERROR_KEY] =
        "Your ballot names a category that is not in this vote. Reload the ballot and choose again.";
  }

  for (const { category, picks } of byCategory.values()) {
    const shortlisted = new Set(category.proposalIds);
    const required = requiredPicks(category, input.picksPerCategory, input.allowOwnIdea, own);
    const distinct = new Set(picks);
    const message = picks.some((id) => !shortlisted.has(id))
      ? `One of your choices in ${category.name} is not on its shortlist.`
      : distinct.size < picks.length
        ? `You chose the same idea more than once in ${category.name}.`
        : !input.allowOwnIdea && picks.some((id) => own.has(id))
          ? `You cannot choose an idea whose team you are on in ${category.name}.`
          : picks.length !== required
            ? `Choose ${plural(required, "idea", "ideas")} in ${category.name}: you chose ${picks.length === 0 ? "none" : picks.length}.`
            : null;
    if (message) errors[category.categoryId] = message;
  }

  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}
