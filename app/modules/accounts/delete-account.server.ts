// A person deletes their own account. Everything that identifies them is erased in one
// transaction; what others rely on stays without them (see docs/decisions/0004-account-deletion.md):
// - the users row stays, anonymised, so that ids recorded elsewhere (audit, submitted panel scores,
//   ideas past the vote, who confirmed a shortlist) point to "Former member" and nothing more;
// - comments and revisions keep their text but lose their author (shown as "former member");
// - ideas they lead go to the longest-standing team member who can lead, or are withdrawn
//   (published, submitted), deleted (private drafts), or kept as a record (past the shortlist);
// - panel work: on a round whose shortlist is published, submitted reviews stay as pseudonymous
//   scores; otherwise the person leaves the panel and their reviews and assignments go;
// - ballots rows go; the ledger keeps their ballots under the pseudonym only;
// - names in texts written about them for others (notifications, emails, conflict notes) become
//   "a former member".
import {
  and,
  asc,
  eq,
  inArray,
  isNull,
  ne,
  notExists,
  notInArray,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from "drizzle-orm";
import { db, type Tx } from "~db/client";
import {
  ballotSubmissions,
  ballots,
  commentReports,
  comments,
  emailTokens,
  follows,
  ideaInvitations,
  ideaRevisions,
  ideas,
  ideaTeamMembers,
  membershipDomains,
  notificationDigests,
  notificationPreferences,
  notifications,
  outbox,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  projectUpdates,
  proposals,
  rateLimitBuckets,
  recoveryCodes,
  rounds,
  sessions,
  shortlistPublications,
  siteSettings,
  supports,
  totpCredentials,
  users,
} from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid, NotFound } from "~/lib/errors";
import { LIMITS } from "~/lib/rate-limit.server";
import { recordAudit } from "~/modules/audit/record.server";
import { notifyIdeaState } from "~/modules/conversation/events.server";
import { verifyPassword } from "./passwords.server";

export const FORMER_MEMBER = "Former member";
const IN_TEXT = "a former member";
// Ideas in later states (shortlisted onwards, or already withdrawn) are part of the round's record
// and stay, led by "Former member", when nobody on the team can take them over.
const PROPOSAL_STATES = ["submitted", "shortlisted", "not_shortlisted", "funded", "not_funded"] as const;

export type IdeaOutcome = { ideaId: string; outcome: "handed_over" | "withdrawn" | "deleted" | "kept" };

type Person = { id: string; email: string; name: string; handle: string; isAdmin: boolean };

/** Checks the confirmation (their email address or their password), then erases the account. */
export async function deleteAccount(
  actor: { id: string },
  input: { confirmation: string },
): Promise<{ ideas: IdeaOutcome[] }> {
  const [account] = await db
    .select({ passwordHash: users.passwordHash, email: users.email, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!account || account.deletedAt) throw new NotFound("There is no such account.");
  const typed = input.confirmation.trim();
  const confirmed =
    typed.toLowerCase() === account.email ||
    (typed.length > 0 && (await verifyPassword(account.passwordHash, input.confirmation)));
  if (!confirmed) {
    throw new Invalid("Confirm with your email address or password", {
      confirmation: "Enter your account's email address or your password to confirm",
    });
  }
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, email: users.email, name: users.name, handle: users.handle, isAdmin: users.isAdmin })
      .from(users)
      .where(and(eq(users.id, actor.id), isNull(users.deletedAt)))
      .for("update");
    if (!person) throw new NotFound("There is no such account.");
    if (person.isAdmin) await assertNotLastAdmin(tx, person.id);
    const outcomes = await settleIdeas(tx, person);
    await leaveEverythingElse(tx, person);
    await scrubMentions(tx, person);
    await anonymise(tx, person.id);
    // Ids only: the audit log is append-only and must not hold personal data.
    await recordAudit(
      {
        actorId: person.id,
        action: "account.deleted",
        subjectType: "user",
        subjectId: person.id,
        details: { ideas: outcomes },
      },
      tx,
    );
    return { ideas: outcomes };
  });
}

async function assertNotLastAdmin(tx: Tx, personId: string) {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAdmin, true), ne(users.id, personId), isNull(users.deletedAt), isNull(users.suspendedAt)))
    .for("update");
  if (others.length === 0) {
    throw new Invalid("You are the last admin", {
      confirmation: "You are the last admin: make someone else an admin before you delete your account",
    });
  }
}

/** Every idea the person leads is handed over, withdrawn, deleted or kept; they leave every team. */
async function settleIdeas(tx: Tx, person: Person): Promise<IdeaOutcome[]> {
  const led = await tx
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      state: ideas.state,
      roundId: ideas.roundId,
      roundSlug: rounds.slug,
    })
    .from(ideas)
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(eq(ideas.leadId, person.id))
    .orderBy(asc(ideas.createdAt))
    .for("update", { of: ideas });
  const outcomes: IdeaOutcome[] = [];
  const at = now();
  for (const idea of led) {
    const successor = await successorFor(tx, idea, person.id);
    if (successor) {
      await tx
        .update(ideaTeamMembers)
        .set({ role: "member" })
        .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.userId, person.id)));
      await tx
        .update(ideaTeamMembers)
        .set({ role: "lead" })
        .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.userId, successor)));
      await tx.update(ideas).set({ leadId: successor, updatedAt: at }).where(eq(ideas.id, idea.id));
      outcomes.push({ ideaId: idea.id, outcome: "handed_over" });
    } else if (idea.state === "draft") {
      // A draft was never public: it is the person's own unfinished writing.
      await tx.delete(ideas).where(eq(ideas.id, idea.id));
      outcomes.push({ ideaId: idea.id, outcome: "deleted" });
    } else if (idea.state === "published" || idea.state === "submitted") {
      await tx
        .update(ideas)
        .set({ state: "withdrawn", withdrawnAt: at, updatedAt: at, lastActivityAt: at })
        .where(eq(ideas.id, idea.id));
      await tx.update(proposals).set({ withdrawnAt: at }).where(eq(proposals.ideaId, idea.id));
      // The team and followers hear of it; the person's own notification goes with the rest.
      await notifyIdeaState(tx, idea, idea.roundSlug, "withdrawn", null);
      outcomes.push({ ideaId: idea.id, outcome: "withdrawn" });
    } else {
      outcomes.push({ ideaId: idea.id, outcome: "kept" });
    }
  }
  await tx.delete(ideaTeamMembers).where(eq(ideaTeamMembers.userId, person.id));
  return outcomes;
}

/**
 * The longest-standing team member who may lead (an approved member or an admin, not suspended)
 * and, for a proposal, does not already lead a proposal in the round (one per lead).
 */
async function successorFor(
  tx: Tx,
  idea: { id: string; state: string; roundId: string },
  personId: string,
): Promise<string | null> {
  const proposalState = (PROPOSAL_STATES as readonly string[]).includes(idea.state);
  const leadsProposal = tx
    .select({ one: sql`1` })
    .from(ideas)
    .where(
      and(
        eq(ideas.roundId, idea.roundId),
        eq(ideas.leadId, ideaTeamMembers.userId),
        inArray(ideas.state, [...PROPOSAL_STATES]),
      ),
    );
  const [next] = await tx
    .select({ userId: ideaTeamMembers.userId })
    .from(ideaTeamMembers)
    .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
    .where(
      and(
        eq(ideaTeamMembers.ideaId, idea.id),
        ne(ideaTeamMembers.userId, personId),
        isNull(users.deletedAt),
        isNull(users.suspendedAt),
        or(eq(users.membership, "approved"), eq(users.isAdmin, true)),
        proposalState ? notExists(leadsProposal) : undefined,
      ),
    )
    .orderBy(asc(ideaTeamMembers.joinedAt), asc(ideaTeamMembers.userId))
    .limit(1);
  return next?.userId ?? null;
}

async function leaveEverythingElse(tx: Tx, person: Person) {
  const id = person.id;
  // Supports: the counts on ideas go down with them.
  await tx
    .update(ideas)
    .set({ supportCount: sql`greatest(${ideas.supportCount} - 1, 0)` })
    .where(inArray(ideas.id, tx.select({ id: supports.ideaId }).from(supports).where(eq(supports.userId, id))));
  await tx.delete(supports).where(eq(supports.userId, id));
  await tx.delete(follows).where(eq(follows.userId, id));
  await tx.delete(notifications).where(eq(notifications.userId, id));
  await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, id));
  await tx.delete(notificationDigests).where(eq(notificationDigests.userId, id));
  await tx.delete(sessions).where(eq(sessions.userId, id));
  await tx.delete(emailTokens).where(eq(emailTokens.userId, id));
  await tx.delete(commentReports).where(eq(commentReports.reporterId, id));
  await tx.delete(ideaInvitations).where(eq(ideaInvitations.email, person.email));
  await tx.update(ideaInvitations).set({ invitedById: null }).where(eq(ideaInvitations.invitedById, id));
  await tx.update(ideaInvitations).set({ respondedById: null }).where(eq(ideaInvitations.respondedById, id));
  await tx.update(comments).set({ authorId: null }).where(eq(comments.authorId, id));
  await tx.update(ideaRevisions).set({ authorId: null }).where(eq(ideaRevisions.authorId, id));
  await tx.update(membershipDomains).set({ addedBy: null }).where(eq(membershipDomains.addedBy, id));
  await tx.delete(ballots).where(eq(ballots.voterId, id));
  await tx.delete(ballotSubmissions).where(eq(ballotSubmissions.voterId, id));
  await tx.delete(totpCredentials).where(eq(totpCredentials.userId, id));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
  await tx.update(siteSettings).set({ updatedById: null }).where(eq(siteSettings.updatedById, id));
  // Updates they wrote are the project's public record: kept, shown as by a former member.
  await tx.update(projectUpdates).set({ authorId: null }).where(eq(projectUpdates.authorId, id));
  await tx.delete(outbox).where(eq(outbox.toAddress, person.email));
  await tx
    .delete(rateLimitBuckets)
    .where(
      inArray(rateLimitBuckets.key, [
        `${LIMITS.signInPerAccount.name}:${person.email}`,
        `${LIMITS.passwordResetPerEmail.name}:${person.email}`,
      ]),
    );

  // The panel: scores submitted for a published shortlist are part of the record and stay under
  // the anonymised row; anything else of theirs goes, and they leave panels still at work.
  const published = tx.select({ roundId: shortlistPublications.roundId }).from(shortlistPublications);
  await tx
    .delete(panelReviews)
    .where(
      and(
        eq(panelReviews.reviewerId, id),
        or(eq(panelReviews.status, "draft"), notInArray(panelReviews.roundId, published)),
      ),
    );
  await tx.delete(panelAssignments).where(
    and(
      eq(panelAssignments.reviewerId, id),
      notExists(
        tx
          .select({ one: sql`1` })
          .from(panelReviews)
          .where(and(eq(panelReviews.ideaId, panelAssignments.ideaId), eq(panelReviews.reviewerId, id))),
      ),
    ),
  );
  await tx.delete(panelConflicts).where(eq(panelConflicts.reviewerId, id));
  await tx.delete(panelMembers).where(and(eq(panelMembers.userId, id), notInArray(panelMembers.roundId, published)));
  await tx.update(panelMembers).set({ isChair: false }).where(eq(panelMembers.userId, id));
}

/** Texts written for other people that name the person (notifications, emails, conflict notes). */
async function scrubMentions(tx: Tx, person: Person) {
  const needles = [person.email, person.name, person.handle].filter((n) => n.trim().length >= 3);
  const scrub = (column: AnyColumn) =>
    needles.reduce<SQL>((expr, needle) => sql`replace(${expr}, ${needle}, ${IN_TEXT})`, sql`${column}`);
  const mentions = (column: AnyColumn) => or(...needles.map((n) => sql`position(${n} in ${column}) > 0`));
  await tx.update(notifications).set({ actorId: null }).where(eq(notifications.actorId, person.id));
  await tx
    .update(notifications)
    .set({ text: scrub(notifications.text) })
    .where(mentions(notifications.text));
  await tx
    .update(outbox)
    .set({ subject: scrub(outbox.subject), textBody: scrub(outbox.textBody) })
    .where(or(mentions(outbox.subject), mentions(outbox.textBody)));
  await tx
    .update(panelConflicts)
    .set({ detail: scrub(panelConflicts.detail) })
    .where(mentions(panelConflicts.detail));
}

async function anonymise(tx: Tx, id: string) {
  const at = now();
  await tx
    .update(users)
    .set({
      email: `deleted-${id}@deleted.invalid`,
      name: FORMER_MEMBER,
      organisation: "",
      jobTitle: null,
      handle: `former-member-${id}`,
      // Not an Argon2 hash: no password can ever match it.
      passwordHash: "!deleted",
      emailVerifiedAt: null,
      membership: "none",
      membershipRequestedAt: null,
      membershipDecidedAt: null,
      isAdmin: false,
      suspendedAt: null,
      suspendedReason: null,
      deletedAt: at,
      updatedAt: at,
    })
    .where(eq(users.id, id));
}
