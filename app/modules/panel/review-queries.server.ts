// What the review page and the panel pack show. Every read starts from access.server.ts, so a
// blocked or recused reviewer gets null and no score; others' reviews are read only when the
// reviewer's own review is submitted.
import { and, asc, eq, ne } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideas, ideaTeamMembers, panelConflicts, panelReviews, proposalBudgetLines, proposalMilestones, proposals, roundCategories, rounds, users,
} from "~db/schema";
import { engagementSummary } from "~/modules/ideas/engagement.server";
import { reviewTargetById, reviewTargetBySlug, reviewTargetsInRound, type ReviewTarget } from "./access.server";
import { publicationOf } from "./context.server";

async function proposalFor(target: ReviewTarget) {
  const [[idea], [proposal], milestones, budget, team, engagement] = await Promise.all([
    db.select({ id: ideas.id, title: ideas.title, summary: ideas.summary, challengeHtml: ideas.challengeHtml, category: roundCategories.name, submittedAt: ideas.submittedAt, comments: ideas.commentCount })
      .from(ideas).innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId)).where(eq(ideas.id, target.ideaId)),
    db.select().from(proposals).where(eq(proposals.ideaId, target.ideaId)),
    db.select({ title: proposalMilestones.title, targetMonth: proposalMilestones.targetMonth }).from(proposalMilestones).where(eq(proposalMilestones.ideaId, target.ideaId)).orderBy(asc(proposalMilestones.position)),
    db.select({ description: proposalBudgetLines.description, amountPence: proposalBudgetLines.amountPence }).from(proposalBudgetLines).where(eq(proposalBudgetLines.ideaId, target.ideaId)).orderBy(asc(proposalBudgetLines.position)),
    db.select({ name: users.name, organisation: users.organisation, role: ideaTeamMembers.role }).from(ideaTeamMembers).innerJoin(users, eq(users.id, ideaTeamMembers.userId)).where(eq(ideaTeamMembers.ideaId, target.ideaId)).orderBy(asc(ideaTeamMembers.role), asc(users.name)),
    engagementSummary(target.ideaId),
  ]);
  return { idea, proposal: proposal ?? null, milestones, budget, team, engagement };
}

export type ProposalForPanel = Awaited<ReturnType<typeof proposalFor>>;

/** The review page for one reviewer, or null when they may not open it. */
export async function reviewPage(reviewerId: string, roundSlug: string, ideaSlug: string) {
  const target = await reviewTargetBySlug(db, reviewerId, roundSlug, ideaSlug);
  if (!target) return null;
  const [[round], content, [own], flags, publication] = await Promise.all([
    db.select().from(rounds).where(eq(rounds.id, target.roundId)),
    proposalFor(target),
    db.select().from(panelReviews).where(and(eq(panelReviews.ideaId, target.ideaId), eq(panelReviews.reviewerId, reviewerId))),
    db.select({ kind: panelConflicts.kind, detail: panelConflicts.detail, overrideReason: panelConflicts.overrideReason })
      .from(panelConflicts).where(and(eq(panelConflicts.ideaId, target.ideaId), eq(panelConflicts.reviewerId, reviewerId))),
    publicationOf(db, target.roundId),
  ]);
  const others = own?.status === "submitted" ? await othersReviews(reviewerId, target.ideaId) : null;
  return { target, round, ...content, own: own ?? null, flags, others, published: publication !== null };
}

/** Others' submitted reviews of a proposal; asks the access query again so it is safe alone. */
export async function othersReviews(reviewerId: string, ideaId: string) {
  if (!(await reviewTargetById(db, reviewerId, ideaId))) return null;
  return db
    .select({ name: users.name, scores: panelReviews.scores, panelComment: panelReviews.panelComment, submittedAt: panelReviews.submittedAt })
    .from(panelReviews)
    .innerJoin(users, eq(users.id, panelReviews.reviewerId))
    .where(and(eq(panelReviews.ideaId, ideaId), ne(panelReviews.reviewerId, reviewerId), eq(panelReviews.status, "submitted")))
    .orderBy(asc(users.name));
}

/** The panel pack: the proposals from reviewTargetsInRound (what this reviewer may open), in full. */
export async function panelPack(targets: ReviewTarget[]) {
  return Promise.all(targets.map(async (t) => ({ target: t, ...(await proposalFor(t)) })));
}

/** For routes: the proposal this reviewer may open, or null. */
export function findReviewTarget(reviewerId: string, roundSlug: string, ideaSlug: string) {
  return reviewTargetBySlug(db, reviewerId, roundSlug, ideaSlug);
}

/** For routes: the round's proposals this reviewer may open. */
export function findReviewTargets(reviewerId: string, roundSlug: string) {
  return reviewTargetsInRound(db, reviewerId, roundSlug);
}
