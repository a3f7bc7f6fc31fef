// How a ballot travels in a form: one checkbox group per category, named "pick.<categoryId>", each
// checkbox's value a proposal id. Shared by the ballot page, its "check your answers" step (hidden
// fields) and the paper ballot form. Pure, for the browser and the server.
import type { BallotPick } from "./ballot";

export const PICK_PREFIX = "pick.";

export const pickField = (categoryId: string) => `${PICK_PREFIX}${categoryId}`;

/** Proposal ids chosen in each category, as the form sent them (unknown categories included, so validation can name them). */
export type PicksByCategory = Record<string, string[]>;

export function picksFromForm(form: FormData): PicksByCategory {
  const picks: PicksByCategory = {};
  for (const key of new Set(form.keys())) {
    if (!key.startsWith(PICK_PREFIX)) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string" && v.length > 0);
    picks[key.slice(PICK_PREFIX.length)] = values;
  }
  return picks;
}

export function toBallotPicks(picks: PicksByCategory): BallotPick[] {
  return Object.entries(picks).flatMap(([categoryId, ids]) => ids.map((proposalId) => ({ categoryId, proposalId })));
}

export function fromBallotPicks(picks: ReadonlyArray<BallotPick>): PicksByCategory {
  const out: PicksByCategory = {};
  for (const { categoryId, proposalId } of picks) (out[categoryId] ??= []).push(proposalId);
  return out;
}

/** Validation errors (keyed by category id, or BALLOT_ERROR_KEY) as form errors keyed by field name. */
export function ballotFieldErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [key.startsWith("_") ? key : pickField(key), message]),
  );
}

/** "2 of 3 chosen" — the live count under each category. */
export function chosenText(chosen: number, required: number): string {
  return `${chosen} of ${required} chosen`;
}

/** Form errors in the order the categories appear on the page (ballot-wide ones first), for the error summary. */
export function inPageOrder(
  errors: Record<string, string>,
  categoryIds: ReadonlyArray<string>,
): Record<string, string> {
  const rank = (key: string) => (key.startsWith(PICK_PREFIX) ? categoryIds.indexOf(key.slice(PICK_PREFIX.length)) : -1);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
