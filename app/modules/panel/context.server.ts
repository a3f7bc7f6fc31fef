// What every panel use case starts from: the round (locked), who may act, and the phase gates.
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import { panelMembers, rounds, shortlistPublications, type Round } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, NotFound, PhaseClosed } from "~/lib/errors";
import { forRules } from "~/modules/rounds/model";
import { allowed, type Action } from "~/modules/rounds/rules";

export type PanelActor = { id: string; isAdmin: boolean; name?: string };

export async function lockRound(tx: Tx, roundId: string): Promise<Round> {
  const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
  if (!round) throw new NotFound("There is no such round.");
  return round;
}

export function assertPhase(round: Round, action: Action): void {
  const result = allowed(forRules(round), action, now());
  if (!result.ok) throw new PhaseClosed(result.reason);
}

export async function isChair(executor: Tx | Db, roundId: string, userId: string): Promise<boolean> {
  const [row] = await executor
    .select({ isChair: panelMembers.isChair })
    .from(panelMembers)
    .where(and(eq(panelMembers.roundId, roundId), eq(panelMembers.userId, userId)));
  return row?.isChair ?? false;
}

/** Admins, and the round's chair, may see every score and confirm the shortlist. */
export async function assertAdminOrChair(executor: Tx | Db, roundId: string, actor: PanelActor): Promise<void> {
  if (actor.isAdmin) return;
  if (!(await isChair(executor, roundId, actor.id)))
    throw new Forbidden("Only the panel's chair or an admin can do this.");
}

export function assertAdmin(actor: PanelActor): void {
  if (!actor.isAdmin) throw new Forbidden("Only admins can manage the panel.");
}

export async function publicationOf(executor: Tx | Db, roundId: string) {
  const [row] = await executor.select().from(shortlistPublications).where(eq(shortlistPublications.roundId, roundId));
  return row ?? null;
}

export async function assertNotPublished(executor: Tx | Db, roundId: string): Promise<void> {
  if (await publicationOf(executor, roundId))
    throw new Conflict("The shortlist has been published, so scores and decisions can no longer change.");
}
