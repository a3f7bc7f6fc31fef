import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import { comments, ideas } from "~db/schema";

/**
 * Recounts an idea's visible comments in the caller's transaction. Counting (rather than adding
 * and subtracting) keeps the number right whatever sequence of posts, deletions, hides and
 * restores happened; the comments index on (idea_id, created_at) makes it cheap.
 */
export async function refreshCommentCount(tx: Tx, ideaId: string): Promise<void> {
  const visible = tx
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(and(eq(comments.ideaId, ideaId), isNull(comments.deletedAt), isNull(comments.hiddenAt)));
  await tx
    .update(ideas)
    .set({ commentCount: sql`(${visible})` })
    .where(eq(ideas.id, ideaId));
}

/** The same for every idea of some rounds at once (after a bulk import such as the demo seed). */
export async function refreshRoundCommentCounts(executor: Tx | Db, roundIds: string[]): Promise<void> {
  if (roundIds.length === 0) return;
  await executor
    .update(ideas)
    .set({
      commentCount: sql`(select count(*)::int from ${comments} where ${comments.ideaId} = ${ideas.id} and ${comments.deletedAt} is null and ${comments.hiddenAt} is null)`,
    })
    .where(inArray(ideas.roundId, roundIds));
}
