// Reads for the admin panel page. Nothing here writes.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideas,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  roundCategories,
  users,
} from "~db/schema";
import { REVIEWABLE_STATES } from "./conflicts.server";
import { publicationOf } from "./context.server";

export async function panelOverview(roundId: string) {
  const [members, proposals, assignments, conflicts, reviews, publication] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        organisation: users.organisation,
        isChair: panelMembers.isChair,
      })
      .from(panelMembers)
      .innerJoin(users, eq(users.id, panelMembers.userId))
      .where(eq(panelMembers.roundId, roundId))
      .orderBy(asc(users.name)),
    db
      .select({ id: ideas.id, title: ideas.title, slug: ideas.slug, category: roundCategories.name })
      .from(ideas)
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .where(and(eq(ideas.roundId, roundId), inArray(ideas.state, [...REVIEWABLE_STATES])))
      .orderBy(asc(roundCategories.position), asc(ideas.title)),
    db
      .select({ ideaId: panelAssignments.ideaId, reviewerId: panelAssignments.reviewerId })
      .from(panelAssignments)
      .where(eq(panelAssignments.roundId, roundId)),
    db.select().from(panelConflicts).where(eq(panelConflicts.roundId, roundId)),
    db
      .select({ ideaId: panelReviews.ideaId, reviewerId: panelReviews.reviewerId, status: panelReviews.status })
      .from(panelReviews)
      .where(eq(panelReviews.roundId, roundId)),
    publicationOf(db, roundId),
  ]);
  return { members, proposals, assignments, conflicts, reviews, published: publication !== null };
}
export type PanelOverview = Awaited<ReturnType<typeof panelOverview>>;
