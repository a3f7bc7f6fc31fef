import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { ideaInvitations, ideaTeamMembers, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Invalid } from "~/lib/errors";
import { generateToken, hashToken } from "~/modules/accounts/tokens.server";
import { recordAudit } from "~/modules/audit/record.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { notifyInvitation } from "~/modules/conversation/events.server";
import { assertAllowed, assertLead, lockIdea, type Actor } from "./context.server";
import { invitationEmail } from "./emails";

const ALREADY_INVITED = "You have already invited this address; the invitation is waiting for an answer.";

/** The lead invites someone by email. No account is needed yet: the invitation waits for them. */
export async function inviteMember(
  actor: Actor,
  input: { ideaId: string; email: string },
): Promise<{ invitationId: string }> {
  const email = input.email.trim().toLowerCase();
  try {
    return await db.transaction(async (tx) => {
      const { idea, round, team } = await lockIdea(tx, input.ideaId);
      assertLead(actor, team, "invite people to the team");
      assertAllowed(round, "editIdea", actor);
      if (idea.state === "withdrawn") throw new Invalid("This idea has been withdrawn.");
      const [member] = await tx
        .select({ name: users.name })
        .from(ideaTeamMembers)
        .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
        .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(users.email, email)));
      if (member)
        throw new Invalid(`${member.name} is already on the team.`, {
          email: `${member.name} is already on the team.`,
        });
      const token = generateToken();
      const [invitation] = await tx
        .insert(ideaInvitations)
        .values({ ideaId: idea.id, email, tokenHash: hashToken(token), invitedById: actor.id, createdAt: now() })
        .onConflictDoNothing()
        .returning({ id: ideaInvitations.id });
      if (!invitation) throw new Invalid(ALREADY_INVITED, { email: ALREADY_INVITED });
      const base = env().APP_URL;
      const message = invitationEmail({
        inviter: actor.name,
        title: idea.title,
        round: round.title,
        link: `${base}/invitations/${token}`,
        meLink: `${base}/me/ideas`,
      });
      await enqueueEmail(
        { dedupeKey: `idea-invitation:${invitation.id}`, kind: "idea_invitation", to: email, ...message },
        tx,
      );
      await recordAudit(
        {
          actorId: actor.id,
          action: "idea.team.invite",
          subjectType: "idea",
          subjectId: idea.id,
          roundId: round.id,
          details: { invitationId: invitation.id },
        },
        tx,
      );
      await notifyInvitation(tx, {
        invitationId: invitation.id,
        email,
        ideaId: idea.id,
        ideaTitle: idea.title,
        inviterId: actor.id,
        inviterName: actor.name,
      });
      return { invitationId: invitation.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "idea_invitations_pending_key"))
      throw new Invalid(ALREADY_INVITED, { email: ALREADY_INVITED });
    throw error;
  }
}
