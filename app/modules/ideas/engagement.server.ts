// What assessors look at besides the proposal: the conversation around an idea and whether the
// idea changed after feedback. Hidden and deleted comments do not count.
import { inArray, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "~db/client";
import { ideas } from "~db/schema";

export type EngagementSummary = {
  /** Members supporting the idea now. */
  supports: number;
  /** Visible comments. */
  comments: number;
  /** Visible comments written by the idea's team: whether (and how much) the team replied. */
  teamReplies: number;
  /** Public revisions: the published text and every saved edit after it. */
  revisions: number;
  /** Public revisions saved after the first visible comment: did the idea change after feedback? */
  revisionsAfterFirstComment: number;
};

/** The summary for several ideas in one query (the panel's ranking lists a whole round). */
export async function engagementFor(
  ideaIds: string[],
  executor: Tx | Db = db,
): Promise<Map<string, EngagementSummary>> {
  if (ideaIds.length === 0) return new Map();
  // Written out with aliases: inside a subquery an unqualified "id" would be the comment's own.
  const idea = sql.raw(`"ideas"."id"`);
  const visible = sql.raw(`c.deleted_at is null and c.hidden_at is null`);
  const firstComment = sql`(select min(c.created_at) from comments c where c.idea_id = ${idea} and ${visible})`;
  const rows = await executor
    .select({
      id: ideas.id,
      supports: ideas.supportCount,
      comments: ideas.commentCount,
      teamReplies:
        sql<number>`(select count(*) from comments c inner join idea_team_members t on t.idea_id = c.idea_id and t.user_id = c.author_id where c.idea_id = ${idea} and ${visible})`.mapWith(
          Number,
        ),
      revisions: sql<number>`(select count(*) from idea_revisions r where r.idea_id = ${idea} and r.is_public)`.mapWith(
        Number,
      ),
      revisionsAfterFirstComment:
        sql<number>`(select count(*) from idea_revisions r where r.idea_id = ${idea} and r.is_public and r.created_at > ${firstComment})`.mapWith(
          Number,
        ),
    })
    .from(ideas)
    .where(inArray(ideas.id, ideaIds));
  return new Map(rows.map(({ id, ...summary }) => [id, summary]));
}

export async function engagementSummary(ideaId: string): Promise<EngagementSummary | null> {
  return (await engagementFor([ideaId])).get(ideaId) ?? null;
}
