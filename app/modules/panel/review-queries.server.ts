// What the review page and the panel pack show. Every read starts from access.server.ts, so a
// blocked or recused reviewer gets null and no score; others' reviews are read only when the
// reviewer's own review is submitted.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideas,
  ideaTeamMembers,
  panelConflicts,
  panelReviews,
  proposalBudgetLines,
  proposalMilestones,
  proposals,
  roundCategories,
  rounds,
  users,
} from "~db/schema";
import { engagementFor } from "~/modules/ideas/engagement.server";
import { reviewTargetById, reviewTargetBySlug, reviewTargetsInRound, type ReviewTarget } from "./access.server";
import { publicationOf } from "./context.server";

/**
 * The proposals of several review targets, in full, with one query per kind of row whatever the
 * number of proposals (the panel pack lists every proposal of a reviewer's round).
 */
async function proposalsFor(ideaIds: string[]) {
  const [ideaRows, proposalRows, milestoneRows, budgetRows, teamRows, engagement] = await Promise.all([
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        summary: ideas.summary,
        challengeHtml: ideas.challengeHtml,
        category: roundCategories.name,
        submittedAt: ideas.submittedAt,
        comments: ideas.commentCount,
      })
      .from(ideas)
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .where(inArray(ideas.id, ideaIds)),
    db.select().from(proposals).where(inArray(proposals.ideaId, ideaIds)),
    db
      .select({
        ideaId: proposalMilestones.ideaId,
        title: proposalMilestones.title,
        targetMonth: proposalMilestones.targetMonth,
      })
      .from(proposalMilestones)
      .where(inArray(proposalMilestones.ideaId, ideaIds))
      .orderBy(asc(proposalMilestones.position)),
    db
      .select({
        ideaId: proposalBudgetLines.ideaId,
        description: proposalBudgetLines.description,
        amountPence: proposalBudgetLines.amountPence,
      })
      .from(proposalBudgetLines)
      .where(inArray(proposalBudgetLines.ideaId, ideaIds))
      .orderBy(asc(proposalBudgetLines.position)),
    db
      .select({
        ideaId: ideaTeamMembers.ideaId,
        name: users.name,
        organisation: users.organisation,
        role: ideaTeamMembers.role,
      })
      .from(ideaTeamMembers)
      .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
      .where(inArray(ideaTeamMembers.ideaId, ideaIds))
      .orderBy(asc(ideaTeamMembers.role), asc(users.name)),
    engagementFor(ideaIds),
  ]);
  const of = <T extends { ideaId: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.ideaId === id).map(({ ideaId: _i, ...rest }) => rest);
  return new Map(
    ideaIds.map((id) => [
      id,
      {
        idea: ideaRows.find((r) => r.id === id)!,
        proposal: proposalRows.find((r) => r.ideaId === id) ?? null,
        milestones: of(milestoneRows, id),
        budget: of(budgetRows, id),
        team: of(teamRows, id),
        engagement: engagement.get(id) ?? null,
      },
    ]),
  );
}

async function proposalFor(target: ReviewTarget) {
  return (await proposalsFor([target.ideaId])).get(target.ideaId)!;
}

export type ProposalForPanel = Awaited<ReturnType<typeof proposalFor>>;

/** The review page for one reviewer, or null when they may not open it. */
export async function reviewPage(reviewerId: string, roundSlug: string, ideaSlug: string) {
  const target = await reviewTargetBySlug(db, reviewerId, roundSlug, ideaSlug);
  if (!target) return null;
  const [[round], content, [own], flags, publication] = await Promise.all([
    db.select().from(rounds).where(eq(rounds.id, target.roundId)),
    proposalFor(target),
    db
      .select()
      .from(panelReviews)
      .where(and(eq(panelReviews.ideaId, target.ideaId), eq(panelReviews.reviewerId, reviewerId))),
    db
      .select({
        kind: panelConflicts.kind,
        detail: panelConflicts.detail,
        overrideReason: panelConflicts.overrideReason,
      })
      .from(panelConflicts)
      .where(and(eq(panelConflicts.ideaId, target.ideaId), eq(panelConflicts.reviewerId, reviewerId))),
    publicationOf(db, target.roundId),
  ]);
  const others = own?.status === "submitted" ? await othersReviews(reviewerId, target.ideaId) : null;
  return { target, round, ...content, own: own ?? null, flags, others, published: publication !== null };
}

/** Others' submitted reviews of a proposal; asks the access query again so it is safe alone. */
export async function othersReviews(reviewerId: string, ideaId: string) {
  if (!(await reviewTargetById(db, reviewerId, ideaId))) return null;
  return db
    .select({
      name: users.name,
      scores: panelReviews.scores,
      panelComment: panelReviews.panelComment,
      submittedAt: panelReviews.submittedAt,
    })
    .from(panelReviews)
    .innerJoin(users, eq(users.id, panelReviews.reviewerId))
    .where(
      and(
        eq(panelReviews.ideaId, ideaId),
        ne(panelReviews.reviewerId, reviewerId),
        eq(panelReviews.status, "submitted"),
      ),
    )
    .orderBy(asc(users.name));
}

/** The panel pack: the proposals from reviewTargetsInRound (what this reviewer may open), in full. */
export async function panelPack(targets: ReviewTarget[]) {
  if (targets.length === 0) return [];
  const all = await proposalsFor(targets.map((t) => t.ideaId));
  return targets.map((t) => ({ target: t, ...all.get(t.ideaId)! }));
}

/** For routes: the proposal this reviewer may open, or null. */
export function findReviewTarget(reviewerId: string, roundSlug: string, ideaSlug: string) {
  return reviewTargetBySlug(db, reviewerId, roundSlug, ideaSlug);
}

/** For routes: the round's proposals this reviewer may open. */
export function findReviewTargets(reviewerId: string, roundSlug: string) {
  return reviewTargetsInRound(db, reviewerId, roundSlug);
}
