// "Download your data": everything the service holds about one person, as one JSON document.
// Ballots are listed by round, time and receipt code only: what a voter picked lives in the
// pseudonymous ledger and is never joined to a person.
import { asc, desc, eq, or } from "drizzle-orm";
import { db } from "~db/client";
import {
  auditLog,
  ballots,
  comments,
  follows,
  ideaInvitations,
  ideas,
  ideaTeamMembers,
  notificationPreferences,
  notifications,
  panelConflicts,
  panelMembers,
  panelReviews,
  rounds,
  sessions,
  supports,
  users,
} from "~db/schema";
import { now } from "~/lib/clock";
import { NotFound } from "~/lib/errors";

export async function personalData(userId: string) {
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      name: users.name,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      handle: users.handle,
      membership: users.membership,
      membershipRequestedAt: users.membershipRequestedAt,
      membershipDecidedAt: users.membershipDecidedAt,
      isAdmin: users.isAdmin,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!profile) throw new NotFound("There is no such account.");
  const ideaRef = { roundSlug: rounds.slug, ideaSlug: ideas.slug, ideaTitle: ideas.title };
  const [
    sessionRows,
    teamRows,
    invitationRows,
    commentRows,
    supportRows,
    followRows,
    notificationRows,
    preferenceRows,
    panelRows,
    reviewRows,
    conflictRows,
    ballotRows,
    auditRows,
  ] = await Promise.all([
    db
      .select({ createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
    db
      .select({
        ...ideaRef,
        ideaId: ideas.id,
        state: ideas.state,
        role: ideaTeamMembers.role,
        joinedAt: ideaTeamMembers.joinedAt,
        summary: ideas.summary,
        challenge: ideas.challengeMd,
      })
      .from(ideaTeamMembers)
      .innerJoin(ideas, eq(ideas.id, ideaTeamMembers.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(ideaTeamMembers.userId, userId))
      .orderBy(asc(ideaTeamMembers.joinedAt)),
    db
      .select({
        ...ideaRef,
        status: ideaInvitations.status,
        createdAt: ideaInvitations.createdAt,
        respondedAt: ideaInvitations.respondedAt,
      })
      .from(ideaInvitations)
      .innerJoin(ideas, eq(ideas.id, ideaInvitations.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(or(eq(ideaInvitations.email, profile.email), eq(ideaInvitations.invitedById, userId))),
    db
      .select({
        ...ideaRef,
        id: comments.id,
        body: comments.bodyMd,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        deletedAt: comments.deletedAt,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
      })
      .from(comments)
      .innerJoin(ideas, eq(ideas.id, comments.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(comments.authorId, userId))
      .orderBy(asc(comments.createdAt)),
    db
      .select({ ...ideaRef, createdAt: supports.createdAt })
      .from(supports)
      .innerJoin(ideas, eq(ideas.id, supports.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(supports.userId, userId)),
    db
      .select({ ...ideaRef, active: follows.active, createdAt: follows.createdAt })
      .from(follows)
      .innerJoin(ideas, eq(ideas.id, follows.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(follows.userId, userId)),
    db
      .select({
        kind: notifications.kind,
        text: notifications.text,
        url: notifications.url,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt)),
    db
      .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId)),
    db
      .select({ roundSlug: rounds.slug, isChair: panelMembers.isChair, addedAt: panelMembers.addedAt })
      .from(panelMembers)
      .innerJoin(rounds, eq(rounds.id, panelMembers.roundId))
      .where(eq(panelMembers.userId, userId)),
    db
      .select({
        ...ideaRef,
        scores: panelReviews.scores,
        panelComment: panelReviews.panelComment,
        applicantFeedback: panelReviews.applicantFeedback,
        status: panelReviews.status,
        submittedAt: panelReviews.submittedAt,
      })
      .from(panelReviews)
      .innerJoin(ideas, eq(ideas.id, panelReviews.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(panelReviews.reviewerId, userId)),
    db
      .select({
        ...ideaRef,
        kind: panelConflicts.kind,
        detail: panelConflicts.detail,
        createdAt: panelConflicts.createdAt,
      })
      .from(panelConflicts)
      .innerJoin(ideas, eq(ideas.id, panelConflicts.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .where(eq(panelConflicts.reviewerId, userId)),
    db
      .select({
        roundSlug: rounds.slug,
        firstCastAt: ballots.firstCastAt,
        castAt: ballots.castAt,
        receiptCode: ballots.receiptCode,
      })
      .from(ballots)
      .innerJoin(rounds, eq(rounds.id, ballots.roundId))
      .where(eq(ballots.voterId, userId)),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        roundId: auditLog.roundId,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId))
      .orderBy(asc(auditLog.id)),
  ]);
  return {
    about:
      "Everything Q Exchange holds about you. Times are UTC (ISO 8601). Your ballots are listed without your picks: those are kept only under a pseudonym in the public ledger.",
    exportedAt: now().toISOString(),
    profile,
    sessions: sessionRows,
    ideas: teamRows,
    invitations: invitationRows,
    comments: commentRows,
    supports: supportRows,
    follows: followRows,
    notifications: notificationRows,
    notificationPreferences: preferenceRows,
    panels: panelRows,
    panelReviews: reviewRows,
    panelConflicts: conflictRows,
    ballots: ballotRows,
    auditEntries: auditRows,
  };
}
