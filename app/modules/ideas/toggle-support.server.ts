import { and, eq, sql } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, supports } from "~db/schema";
import { now } from "~/lib/clock";
import { Forbidden, Invalid } from "~/lib/errors";
import { isMember } from "~/modules/accounts/permissions";
import { assertAllowed, lockIdea, type Actor } from "./context.server";
import { inStates, SUPPORTABLE_STATES } from "./limits";
import { isOnTeam } from "./permissions";

/**
 * A member supports an idea, or takes the support back; once per member. `support` says which
 * (a double-click then cannot undo itself); without it the support is toggled.
 */
export async function toggleSupport(
  actor: Actor,
  input: { ideaId: string; support?: boolean },
): Promise<{ supported: boolean; count: number }> {
  if (!isMember(actor)) throw new Forbidden("Only members can support ideas.");
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertAllowed(round, "support", actor);
    if (!inStates(SUPPORTABLE_STATES, idea.state)) throw new Invalid("This idea cannot be supported.");
    const [existing] = await tx
      .select({ at: supports.createdAt })
      .from(supports)
      .where(and(eq(supports.ideaId, idea.id), eq(supports.userId, actor.id)));
    const want = input.support ?? !existing;
    // Support is a signal from outside the team; taking an old support back is always allowed.
    if (want && !existing && isOnTeam(actor, team))
      throw new Forbidden("You are on this idea's team, so you cannot support it.");
    let delta = 0;
    if (want && !existing) {
      await tx.insert(supports).values({ ideaId: idea.id, userId: actor.id, createdAt: now() });
      delta = 1;
    } else if (!want && existing) {
      await tx.delete(supports).where(and(eq(supports.ideaId, idea.id), eq(supports.userId, actor.id)));
      delta = -1;
    }
    let count = idea.supportCount;
    if (delta !== 0) {
      const [row] = await tx
        .update(ideas)
        .set({ supportCount: sql`${ideas.supportCount} + ${delta}`, lastActivityAt: now() })
        .where(eq(ideas.id, idea.id))
        .returning({ count: ideas.supportCount });
      count = row.count;
    }
    return { supported: want, count };
  });
}
