// A person's own ideas and the invitations waiting for them.
import { and, desc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideaInvitations, ideas, ideaTeamMembers, rounds, users } from "~db/schema";
import { hashToken } from "~/modules/accounts/tokens.server";

export async function myIdeas(userId: string) {
  return db
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      state: ideas.state,
      role: ideaTeamMembers.role,
      updatedAt: ideas.updatedAt,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      roundPhase: rounds.phase,
    })
    .from(ideaTeamMembers)
    .innerJoin(ideas, eq(ideas.id, ideaTeamMembers.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(eq(ideaTeamMembers.userId, userId))
    .orderBy(desc(rounds.ideasOpensAt), desc(ideas.updatedAt));
}

const invitationColumns = {
  id: ideaInvitations.id,
  email: ideaInvitations.email,
  status: ideaInvitations.status,
  createdAt: ideaInvitations.createdAt,
  ideaTitle: ideas.title,
  ideaSlug: ideas.slug,
  ideaState: ideas.state,
  roundSlug: rounds.slug,
  roundTitle: rounds.title,
  inviterName: users.name,
};

function invitations() {
  return db
    .select(invitationColumns)
    .from(ideaInvitations)
    .innerJoin(ideas, eq(ideas.id, ideaInvitations.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .leftJoin(users, eq(users.id, ideaInvitations.invitedById));
}

/** Invitations to this address that nobody has answered: they wait until the person signs in. */
export async function pendingInvitationsFor(email: string) {
  return invitations()
    .where(and(eq(ideaInvitations.email, email.toLowerCase()), eq(ideaInvitations.status, "pending")))
    .orderBy(desc(ideaInvitations.createdAt));
}

export async function invitationByToken(token: string) {
  const [row] = await invitations().where(eq(ideaInvitations.tokenHash, hashToken(token)));
  return row ?? null;
}
