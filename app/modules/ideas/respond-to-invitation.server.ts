import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideaInvitations, ideaTeamMembers } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertAllowed, lockIdea, type Actor } from "./context.server";

const ANSWERED = {
  accepted: "You have already accepted this invitation.",
  declined: "You have already declined this invitation.",
  revoked: "The lead has withdrawn this invitation.",
} as const;

/** The invited person (signed in with the invited address) joins the team or says no. */
export async function respondToInvitation(
  actor: Actor,
  input: { invitationId: string; accept: boolean },
): Promise<{ ideaId: string; accepted: boolean; title: string; path: string }> {
  return db.transaction(async (tx) => {
    // The idea first, then the invitation: the same lock order as the lead's revoke.
    const [found] = await tx
      .select({ ideaId: ideaInvitations.ideaId })
      .from(ideaInvitations)
      .where(eq(ideaInvitations.id, input.invitationId));
    if (!found) throw new NotFound("There is no such invitation.");
    const { idea, round, team } = await lockIdea(tx, found.ideaId);
    const [invitation] = await tx
      .select()
      .from(ideaInvitations)
      .where(eq(ideaInvitations.id, input.invitationId))
      .for("update");
    if (invitation.email !== actor.email.toLowerCase()) {
      throw new Forbidden(
        "This invitation was sent to a different email address. Sign in with that address to answer it.",
      );
    }
    if (invitation.status !== "pending") throw new Conflict(ANSWERED[invitation.status]);
    const at = now();
    if (input.accept) {
      assertAllowed(round, "editIdea", actor);
      if (idea.state === "withdrawn") throw new Invalid("This idea has been withdrawn, so its team cannot change.");
      if (!team.some((m) => m.userId === actor.id)) {
        await tx.insert(ideaTeamMembers).values({ ideaId: idea.id, userId: actor.id, role: "member", joinedAt: at });
      }
      await recordAudit(
        {
          actorId: actor.id,
          action: "idea.team.join",
          subjectType: "idea",
          subjectId: idea.id,
          roundId: round.id,
          details: { invitationId: invitation.id },
        },
        tx,
      );
    }
    await tx
      .update(ideaInvitations)
      .set({ status: input.accept ? "accepted" : "declined", respondedAt: at, respondedById: actor.id })
      .where(and(eq(ideaInvitations.id, invitation.id), eq(ideaInvitations.status, "pending")));
    return {
      ideaId: idea.id,
      accepted: input.accept,
      title: idea.title,
      path: `/rounds/${round.slug}/ideas/${idea.slug}`,
    };
  });
}
