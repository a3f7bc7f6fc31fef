// Notifications for events other use cases own. Each is one call from inside that use case's
// transaction; where the use case already sends its own email, the notification is in-app only.
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Tx } from "~db/client";
import { comments, ideas, ideaTeamMembers, users } from "~db/schema";
import { ideaPath } from "~/modules/ideas/paths";
import { notify } from "./notify.server";

const STATE_WORDS: Record<string, string> = {
  submitted: "was submitted as a proposal",
  withdrawn: "was withdrawn",
  shortlisted: "was shortlisted",
  not_shortlisted: "was not shortlisted",
  funded: "is funded",
  not_funded: "was not funded",
  published: "was published",
};

/** The idea's team hears that its state changed (not the person who changed it). */
export async function notifyIdeaState(
  tx: Tx,
  idea: { id: string; slug: string; title: string },
  roundSlug: string,
  state: string,
  actorId: string | null,
): Promise<void> {
  const team = await tx
    .select({ userId: ideaTeamMembers.userId })
    .from(ideaTeamMembers)
    .where(eq(ideaTeamMembers.ideaId, idea.id));
  const text = `“${idea.title}” ${STATE_WORDS[state] ?? `is now ${state.replace(/_/g, " ")}`}.`;
  await notify(tx, {
    kind: "idea_state",
    dedupeKey: `idea-state:${idea.id}:${state}`,
    actorId,
    recipients: team.map((t) => t.userId),
    text,
    path: ideaPath(roundSlug, idea.slug),
    ideaId: idea.id,
    email: { subject: text, body: `Your idea ${text.charAt(0).toLowerCase()}${text.slice(1)}` },
  });
}

/** Someone with an account is invited to a team; the invitation email itself is the ideas module's. */
export async function notifyInvitation(
  tx: Tx,
  input: {
    invitationId: string;
    email: string;
    ideaId: string;
    ideaTitle: string;
    inviterId: string;
    inviterName: string;
  },
): Promise<void> {
  const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (!person) return;
  await notify(tx, {
    kind: "invitation",
    dedupeKey: `invitation:${input.invitationId}`,
    actorId: input.inviterId,
    recipients: [person.id],
    text: `${input.inviterName} invited you to join the team of “${input.ideaTitle}”.`,
    path: "/me/ideas",
    ideaId: input.ideaId,
    email: null,
  });
}

/**
 * Everyone taking part in the round (its idea teams and commenters) sees the phase change in the
 * app. The rounds module already emails every member, so no second email.
 */
/**
 * Tells everyone who takes part in a round that it changed (a new phase, a moved deadline): the
 * programme team, every member (they vote), and every account on a team or in a conversation in
 * it. Each hears once, in the app and by email as they prefer, with an unsubscribe link.
 */
export async function notifyRoundChange(
  tx: Tx,
  round: { id: string; slug: string; title: string },
  change: { dedupeKey: string; text: string; email: { subject: string; body: string } },
  actorId: string | null,
): Promise<void> {
  const ideaIds = tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, round.id));
  const teams = await tx
    .select({ userId: ideaTeamMembers.userId })
    .from(ideaTeamMembers)
    .where(inArray(ideaTeamMembers.ideaId, ideaIds));
  const commenters = await tx
    .selectDistinct({ userId: comments.authorId })
    .from(comments)
    .where(and(inArray(comments.ideaId, ideaIds), isNotNull(comments.authorId)));
  const members = await tx
    .select({ userId: users.id })
    .from(users)
    .where(
      and(
        isNull(users.suspendedAt),
        isNotNull(users.emailVerifiedAt),
        or(eq(users.isAdmin, true), eq(users.membership, "approved")),
      ),
    );
  await notify(tx, {
    kind: "phase_change",
    dedupeKey: change.dedupeKey,
    actorId,
    recipients: [...members, ...teams, ...commenters].map((r) => r.userId!),
    text: change.text,
    path: `/rounds/${round.slug}`,
    email: change.email,
  });
}
