// The reviewer's queue across rounds: every assignment with its state, and every proposal they
// recused themselves from. Blocked proposals show only their title, never a score or a link.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideas,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  roundCategories,
  rounds,
} from "~db/schema";

import { blocking, REVIEWABLE_STATES } from "./conflicts.server";

export type QueueState = "to do" | "draft" | "done" | "recused" | "blocked";
export type QueueRow = {
  roundSlug: string;
  roundTitle: string;
  ideaSlug: string;
  title: string;
  category: string;
  state: QueueState;
  deadline: Date;
  canOpen: boolean;
};

export async function reviewerQueue(reviewerId: string): Promise<QueueRow[]> {
  const [assigned, recused, blockedRows] = await Promise.all([
    db
      .select({
        ideaId: ideas.id,
        roundSlug: rounds.slug,
        roundTitle: rounds.title,
        ideaSlug: ideas.slug,
        title: ideas.title,
        category: roundCategories.name,
        deadline: rounds.votingOpensAt,
        status: panelReviews.status,
      })
      .from(panelAssignments)
      .innerJoin(ideas, eq(ideas.id, panelAssignments.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .leftJoin(panelReviews, and(eq(panelReviews.ideaId, ideas.id), eq(panelReviews.reviewerId, reviewerId)))
      .where(and(eq(panelAssignments.reviewerId, reviewerId), inArray(ideas.state, [...REVIEWABLE_STATES])))
      .orderBy(asc(rounds.votingOpensAt), asc(ideas.title)),
    db
      .select({
        ideaId: ideas.id,
        roundSlug: rounds.slug,
        roundTitle: rounds.title,
        ideaSlug: ideas.slug,
        title: ideas.title,
        category: roundCategories.name,
        deadline: rounds.votingOpensAt,
      })
      .from(panelConflicts)
      .innerJoin(ideas, eq(ideas.id, panelConflicts.ideaId))
      .innerJoin(rounds, eq(rounds.id, ideas.roundId))
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .where(and(eq(panelConflicts.reviewerId, reviewerId), eq(panelConflicts.kind, "declared"))),
    db
      .select({ ideaId: panelConflicts.ideaId, kind: panelConflicts.kind })
      .from(panelConflicts)
      .where(and(eq(panelConflicts.reviewerId, reviewerId), blocking())),
  ]);
  const blockedKind = new Map(blockedRows.map((b) => [b.ideaId, b.kind]));
  const rows: QueueRow[] = assigned.map((a) => {
    const kind = blockedKind.get(a.ideaId);
    // A blocked row never carries its review status: nothing about its scores leaks.
    const state: QueueState =
      kind === "declared"
        ? "recused"
        : kind
          ? "blocked"
          : a.status === "submitted"
            ? "done"
            : a.status === "draft"
              ? "draft"
              : "to do";
    return {
      roundSlug: a.roundSlug,
      roundTitle: a.roundTitle,
      ideaSlug: a.ideaSlug,
      title: a.title,
      category: a.category,
      state,
      deadline: a.deadline,
      canOpen: !kind,
    };
  });
  const listed = new Set(assigned.map((a) => a.ideaId));
  for (const r of recused) {
    if (!listed.has(r.ideaId))
      rows.push({
        roundSlug: r.roundSlug,
        roundTitle: r.roundTitle,
        ideaSlug: r.ideaSlug,
        title: r.title,
        category: r.category,
        state: "recused",
        deadline: r.deadline,
        canOpen: false,
      });
  }
  return rows;
}

/** Rounds where this person chairs the panel (their queue links to the ranking and shortlist). */
export async function chairedRounds(userId: string) {
  return db
    .select({ slug: rounds.slug, title: rounds.title })
    .from(panelMembers)
    .innerJoin(rounds, eq(rounds.id, panelMembers.roundId))
    .where(and(eq(panelMembers.userId, userId), eq(panelMembers.isChair, true)))
    .orderBy(asc(rounds.title));
}

/** Whether this person sits on any round's panel (the site navigation then links to /panel). */
export async function isOnAPanel(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ roundId: panelMembers.roundId })
    .from(panelMembers)
    .where(eq(panelMembers.userId, userId))
    .limit(1);
  return Boolean(row);
}
