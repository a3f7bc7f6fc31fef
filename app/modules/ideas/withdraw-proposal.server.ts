import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, proposals } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { notifyIdeaState } from "~/modules/conversation/events.server";
import { assertAllowed, assertLead, lockIdea, type Actor } from "./context.server";
import { inStates, WITHDRAWABLE_STATES } from "./limits";

/** The lead withdraws a submitted proposal before the results. It stays public, marked withdrawn. */
export async function withdrawProposal(actor: Actor, input: { ideaId: string }): Promise<{ slug: string }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertLead(actor, team, "withdraw the proposal");
    assertAllowed(round, "withdrawProposal", actor);
    if (!inStates(WITHDRAWABLE_STATES, idea.state)) throw new Invalid("Only a submitted proposal can be withdrawn.");
    const at = now();
    await tx
      .update(ideas)
      .set({ state: "withdrawn", withdrawnAt: at, updatedAt: at, lastActivityAt: at })
      .where(eq(ideas.id, idea.id));
    await tx.update(proposals).set({ withdrawnAt: at }).where(eq(proposals.ideaId, idea.id));
    await recordAudit(
      {
        actorId: actor.id,
        action: "proposal.withdraw",
        subjectType: "idea",
        subjectId: idea.id,
        roundId: round.id,
        details: { from: idea.state },
      },
      tx,
    );
    await notifyIdeaState(tx, idea, round.slug, "withdrawn", actor.id);
    return { slug: idea.slug };
  });
}
