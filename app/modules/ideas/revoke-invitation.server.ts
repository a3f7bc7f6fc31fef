import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideaInvitations } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertLead, lockIdea, type Actor } from "./context.server";

/** The lead withdraws an invitation nobody has answered yet. */
export async function revokeInvitation(
  actor: Actor,
  input: { ideaId: string; invitationId: string },
): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertLead(actor, team, "withdraw invitations");
    const [invitation] = await tx
      .select()
      .from(ideaInvitations)
      .where(and(eq(ideaInvitations.id, input.invitationId), eq(ideaInvitations.ideaId, idea.id)))
      .for("update");
    if (!invitation) throw new NotFound("There is no such invitation.");
    if (invitation.status !== "pending") throw new Conflict("This invitation has already been answered or withdrawn.");
    await tx
      .update(ideaInvitations)
      .set({ status: "revoked", respondedAt: now(), respondedById: actor.id })
      .where(eq(ideaInvitations.id, invitation.id));
    await recordAudit(
      {
        actorId: actor.id,
        action: "idea.team.revoke_invitation",
        subjectType: "idea",
        subjectId: idea.id,
        roundId: round.id,
        details: { invitationId: invitation.id },
      },
      tx,
    );
    return { email: invitation.email };
  });
}
