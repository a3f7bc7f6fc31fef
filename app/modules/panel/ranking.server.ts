// The round's ranking and shortlist recommendation, computed from submitted reviews with the pure
// algorithms (scoring.ts, shortlist.ts). A review counts only while its reviewer is on the panel
// and free of a blocking conflict; a viewer with a blocking conflict sees that proposal without
// scores (the ranking itself still uses them, so the recommendation is the same for everyone).
import { and, asc, eq, inArray, not } from "drizzle-orm";
import { engagementFor, type EngagementSummary } from "~/modules/ideas/engagement.server";
import { db, type Db, type Tx } from "~db/client";
import { ideas, panelMembers, panelReviews, roundCategories, shortlistDecisions, type Round } from "~db/schema";
import { blockedPairs, isBlockedSql, REVIEWABLE_STATES } from "./conflicts.server";
import { pairKey } from "./assignment";
import { publicationOf } from "./context.server";
import { rubricCriteria } from "./review.server";
import { DISAGREEMENT_THRESHOLD, scoreProposals, weightedTotal, type ProposalScore } from "./scoring";
import { rankForShortlist, recommendShortlist, splitSeats } from "./shortlist";

export type RankedRow = {
  ideaId: string;
  slug: string;
  title: string;
  state: string;
  teamLeadId: string;
  score: Omit<ProposalScore, "proposalId"> | null;
  hidden: boolean;
  engagement: EngagementSummary;
  rank: number;
  recommended: boolean;
  decision: { included: boolean; rationale: string | null } | null;
};
export type RankedCategory = {
  id: string;
  name: string;
  proposals: number;
  seats: number;
  unfilledSeats: number;
  rows: RankedRow[];
};
export type Ranking = { threshold: number; shortlistSize: number; categories: RankedCategory[] };

export async function ranking(executor: Tx | Db, round: Round, viewerId: string): Promise<Ranking> {
  const [categories, proposals, reviews, decisions, viewerBlocked] = await Promise.all([
    executor
      .select({ id: roundCategories.id, name: roundCategories.name })
      .from(roundCategories)
      .where(eq(roundCategories.roundId, round.id))
      .orderBy(asc(roundCategories.position)),
    executor
      .select({
        id: ideas.id,
        slug: ideas.slug,
        title: ideas.title,
        state: ideas.state,
        categoryId: ideas.categoryId,
        submittedAt: ideas.submittedAt,
        createdAt: ideas.createdAt,
        supports: ideas.supportCount,
        comments: ideas.commentCount,
        leadId: ideas.leadId,
      })
      .from(ideas)
      .where(and(eq(ideas.roundId, round.id), inArray(ideas.state, [...REVIEWABLE_STATES])))
      .orderBy(asc(ideas.title)),
    executor
      .select({ ideaId: panelReviews.ideaId, reviewerId: panelReviews.reviewerId, scores: panelReviews.scores })
      .from(panelReviews)
      .innerJoin(
        panelMembers,
        and(eq(panelMembers.roundId, panelReviews.roundId), eq(panelMembers.userId, panelReviews.reviewerId)),
      )
      .where(
        and(
          eq(panelReviews.roundId, round.id),
          eq(panelReviews.status, "submitted"),
          not(isBlockedSql(panelReviews.reviewerId, panelReviews.ideaId)),
        ),
      ),
    executor.select().from(shortlistDecisions).where(eq(shortlistDecisions.roundId, round.id)),
    blockedPairs(executor, round.id),
  ]);
  const criteria = rubricCriteria(round.rubric);
  const totals = reviews
    .filter((r) => r.scores.length === criteria.length)
    .map((r) => ({ reviewerId: r.reviewerId, proposalId: r.ideaId, total: weightedTotal(criteria, r.scores) }));
  const scores = new Map(scoreProposals(totals).map((s) => [s.proposalId, s]));
  const engagement = await engagementFor(
    proposals.map((p) => p.id),
    executor,
  );
  const decided = new Map(decisions.map((d) => [d.ideaId, d]));

  const seats = splitSeats(
    round.shortlistSize,
    categories.map((c) => ({ categoryId: c.id, count: proposals.filter((p) => p.categoryId === c.id).length })),
  );
  const ranked = categories.map((c) => ({
    categoryId: c.id,
    proposalIds: rankForShortlist(
      proposals
        .filter((p) => p.categoryId === c.id)
        .map((p) => {
          const s = scores.get(p.id);
          return {
            id: p.id,
            calibratedMean: s?.calibratedMean ?? null,
            rawMean: s?.rawMean ?? null,
            submittedAt: p.submittedAt ?? p.createdAt,
          };
        }),
    ),
  }));
  const recommendation = recommendShortlist(seats, ranked);
  const byId = new Map(proposals.map((p) => [p.id, p]));

  return {
    threshold: DISAGREEMENT_THRESHOLD,
    shortlistSize: round.shortlistSize,
    categories: categories.map((c, ci) => {
      const recommended = new Set(recommendation[ci].proposalIds);
      return {
        id: c.id,
        name: c.name,
        proposals: ranked[ci].proposalIds.length,
        seats: seats[ci].seats,
        unfilledSeats: recommendation[ci].unfilledSeats,
        rows: ranked[ci].proposalIds.map((id, rank) => {
          const p = byId.get(id)!;
          const hidden = viewerBlocked.has(pairKey(viewerId, id));
          const s = scores.get(id);
          const d = decided.get(id);
          return {
            ideaId: id,
            slug: p.slug,
            title: p.title,
            state: p.state,
            teamLeadId: p.leadId,
            score:
              hidden || !s
                ? null
                : {
                    reviews: s.reviews,
                    rawMean: s.rawMean,
                    calibratedMean: s.calibratedMean,
                    range: s.range,
                    disagreement: s.disagreement,
                  },
            hidden,
            engagement: engagement.get(id)!,
            rank: rank + 1,
            recommended: recommended.has(id),
            decision: d ? { included: d.included, rationale: d.rationale } : null,
          };
        }),
      };
    }),
  };
}

/** For the shortlist page: the ranking as this viewer may see it, and whether it is published. */
export async function shortlistPage(round: Round, viewerId: string) {
  const [rank, publication] = await Promise.all([ranking(db, round, viewerId), publicationOf(db, round.id)]);
  return { ranking: rank, publishedAt: publication?.publishedAt ?? null };
}
