// What the panel sees of an idea's engagement. Comments arrive with the conversation issue; until
// then this counts only what exists, and the conversation module adds its counts beside these.
import { eq, sql } from "drizzle-orm";
import { db } from "~db/client";
import { ideaRevisions, ideas } from "~db/schema";

export type EngagementSummary = {
  /** Members supporting the idea now. */
  supports: number;
  /** Public revisions: the published text and every saved edit after it. */
  revisions: number;
  /** Saved edits after the idea was first published (public revisions after the first). */
  revisionsAfterPublication: number;
};

export async function engagementSummary(ideaId: string): Promise<EngagementSummary | null> {
  const [row] = await db
    .select({
      supports: ideas.supportCount,
      revisions: sql<number>`count(${ideaRevisions.id}) filter (where ${ideaRevisions.isPublic})`.mapWith(Number),
    })
    .from(ideas)
    .leftJoin(ideaRevisions, eq(ideaRevisions.ideaId, ideas.id))
    .where(eq(ideas.id, ideaId))
    .groupBy(ideas.id);
  if (!row) return null;
  return { supports: row.supports, revisions: row.revisions, revisionsAfterPublication: Math.max(0, row.revisions - 1) };
}
