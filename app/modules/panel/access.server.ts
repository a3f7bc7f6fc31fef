// Who may open a proposal's review: the ONE query every panel read goes through. A reviewer
// reaches a proposal only through an assignment, and never while a blocking conflict (team,
// declared, organisation not overridden) stands — the conflict is joined here, not checked later.
import { and, eq, inArray, not, sql } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import { ideas, ideaTeamMembers, panelAssignments, rounds } from "~db/schema";
import { isBlockedSql, REVIEWABLE_STATES } from "./conflicts.server";

export type ReviewTarget = {
  ideaId: string;
  ideaSlug: string;
  title: string;
  roundId: string;
  roundSlug: string;
};

const columns = {
  ideaId: ideas.id,
  ideaSlug: ideas.slug,
  title: ideas.title,
  roundId: rounds.id,
  roundSlug: rounds.slug,
};

function accessible(reviewerId: string) {
  return and(
    eq(panelAssignments.reviewerId, reviewerId),
    inArray(ideas.state, [...REVIEWABLE_STATES]),
    not(isBlockedSql(panelAssignments.reviewerId, ideas.id)),
    // Live as well as recorded: someone who joined the team since conflicts were last refreshed.
    sql`not exists (select 1 from ${ideaTeamMembers} where ${ideaTeamMembers.ideaId} = ${ideas.id} and ${ideaTeamMembers.userId} = ${panelAssignments.reviewerId})`,
  );
}

/** The proposal, when this reviewer is assigned to it and not blocked; otherwise null (a 404). */
export async function reviewTargetBySlug(
  executor: Tx | Db,
  reviewerId: string,
  roundSlug: string,
  ideaSlug: string,
): Promise<ReviewTarget | null> {
  const [row] = await executor
    .select(columns)
    .from(panelAssignments)
    .innerJoin(ideas, eq(ideas.id, panelAssignments.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(and(accessible(reviewerId), eq(rounds.slug, roundSlug), eq(ideas.slug, ideaSlug)));
  return row ?? null;
}

export async function reviewTargetById(
  executor: Tx | Db,
  reviewerId: string,
  ideaId: string,
): Promise<ReviewTarget | null> {
  const [row] = await executor
    .select(columns)
    .from(panelAssignments)
    .innerJoin(ideas, eq(ideas.id, panelAssignments.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(and(accessible(reviewerId), eq(ideas.id, ideaId)));
  return row ?? null;
}

/** Every proposal of a round this reviewer may open (for the panel pack). */
export async function reviewTargetsInRound(
  executor: Tx | Db,
  reviewerId: string,
  roundSlug: string,
): Promise<ReviewTarget[]> {
  return executor
    .select(columns)
    .from(panelAssignments)
    .innerJoin(ideas, eq(ideas.id, panelAssignments.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(and(accessible(reviewerId), eq(rounds.slug, roundSlug)))
    .orderBy(ideas.title);
}
