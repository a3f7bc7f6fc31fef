// Who may manage rounds: the programme team only. Pure, so pages can ask it too.
import { Forbidden } from "../../lib/errors";

export type Actor = { id: string; isAdmin: boolean };

export function canManageRounds(actor: Actor | null | undefined): boolean {
  return actor?.isAdmin === true;
}

export function assertCanManageRounds(actor: Actor | null | undefined): asserts actor is Actor {
  if (!canManageRounds(actor)) throw new Forbidden("Only the programme team can change funding rounds.");
}

/** A draft round is visible to the programme team only; every other phase is public. */
export function canSeeRound(round: { phase: string }, viewer: { isAdmin: boolean } | null | undefined): boolean {
  return round.phase !== "draft" || viewer?.isAdmin === true;
}
