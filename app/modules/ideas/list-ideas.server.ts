// The public list of a round's ideas: search, filters, sorts and a page, in one query.
import { and, asc, desc, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, ideaTopics, roundCategories, users, type IdeaState } from "~db/schema";
import { PUBLIC_STATES, type Sort } from "./limits";

export const PAGE_SIZE = 20;

export type IdeaFilters = {
  q?: string;
  categoryId?: string;
  topicId?: string;
  state?: IdeaState;
  sort: Sort;
  page: number;
};

/** Everything public except withdrawn ideas, unless the person asks for those. */
const LISTED_STATES = PUBLIC_STATES.filter((s) => s !== "withdrawn");

export async function listIdeas(roundId: string, filters: IdeaFilters) {
  const query = filters.q ? sql`websearch_to_tsquery('english', ${filters.q})` : null;
  const conditions: (SQL | undefined)[] = [
    eq(ideas.roundId, roundId),
    filters.state && filters.state !== "draft" ? eq(ideas.state, filters.state) : inArray(ideas.state, LISTED_STATES),
    filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined,
    filters.topicId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(ideaTopics)
            .where(and(eq(ideaTopics.ideaId, ideas.id), eq(ideaTopics.topicId, filters.topicId))),
        )
      : undefined,
    query ? sql`${ideas.search} @@ ${query}` : undefined,
  ];
  const where = and(...conditions);
  const order = orderFor(filters.sort, query);
  // The page and the total are two queries run side by side. One query with `count(*) over ()`
  // made PostgreSQL join and carry every matching idea (2,000 in a large round) to the window
  // before it could stop at the page's 20: here the page sorts only the ideas and joins the 20 it
  // keeps, and the count reads nothing but the ideas index and the rows it must check.
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: ideas.id,
        slug: ideas.slug,
        title: ideas.title,
        summary: ideas.summary,
        state: ideas.state,
        categoryName: roundCategories.name,
        leadName: users.name,
        leadHandle: users.handle,
        supportCount: ideas.supportCount,
        commentCount: ideas.commentCount,
        publishedAt: ideas.publishedAt,
        updatedAt: ideas.updatedAt,
        lastActivityAt: ideas.lastActivityAt,
      })
      .from(ideas)
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .innerJoin(users, eq(users.id, ideas.leadId))
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((filters.page - 1) * PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(ideas)
      .where(where),
  ]);
  return { items: rows, total: counted.n };
}

function orderFor(sort: Sort, query: SQL | null): SQL[] {
  const tiebreak = [desc(ideas.publishedAt), asc(ideas.id)];
  switch (sort) {
    case "relevance":
      if (!query) return tiebreak;
      // Title matches first (weight A alone), then by weighted rank.
      return [
        sql`(ts_filter(${ideas.search}, '{a}') @@ ${query}) desc`,
        sql`ts_rank(${ideas.search}, ${query}) desc`,
        ...tiebreak,
      ];
    case "supported":
      return [desc(ideas.supportCount), ...tiebreak];
    case "discussed":
      return [desc(ideas.commentCount), ...tiebreak];
    case "updated":
      return [desc(ideas.updatedAt), asc(ideas.id)];
    default:
      return tiebreak;
  }
}
