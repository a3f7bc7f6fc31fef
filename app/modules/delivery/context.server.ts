// What every delivery use case starts with: the idea locked (so update numbers and milestone
// edits are serialised), its project, and the checks that only its team may act, in delivery.
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { projects, type Project } from "~db/schema";
import { NotFound } from "~/lib/errors";
import { assertAllowed, assertTeam, lockIdea, type Actor, type LockedIdea } from "~/modules/ideas/context.server";

export type LockedProject = LockedIdea & { project: Project };

export async function lockProject(tx: Tx, ideaId: string): Promise<LockedProject> {
  const locked = await lockIdea(tx, ideaId);
  const [project] = await tx.select().from(projects).where(eq(projects.ideaId, ideaId));
  if (!project) throw new NotFound("This idea is not a funded project.");
  return { ...locked, project };
}

/** The team, while the round is in delivery. */
export async function lockForTeam(tx: Tx, actor: Actor, ideaId: string, what: string): Promise<LockedProject> {
  const locked = await lockProject(tx, ideaId);
  assertTeam(actor, locked.team, what);
  assertAllowed(locked.round, "postUpdate", actor);
  return locked;
}
