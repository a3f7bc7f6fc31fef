// What the transition guards need to know from other domains, read inside the transition's
// transaction. The shortlist is the panel's PUBLISHED one (until it is published, nothing is
// shortlisted, so voting cannot open). Delivery begins once the voting module has published the
// results (round_results.published_at).
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import { ideas, panelReviews, roundResults, shortlistDecisions, shortlistPublications } from "~db/schema";

/** Idea ids shortlisted in each category, keyed by category id (every category present). */
export async function shortlistOf(
  executor: Tx | Db,
  roundId: string,
  categories: ReadonlyArray<{ id: string }>,
): Promise<Record<string, string[]>> {
  const rows = await executor
    .select({ ideaId: ideas.id, categoryId: ideas.categoryId })
    .from(shortlistDecisions)
    .innerJoin(shortlistPublications, eq(shortlistPublications.roundId, shortlistDecisions.roundId))
    .innerJoin(ideas, eq(ideas.id, shortlistDecisions.ideaId))
    .where(
      and(
        eq(shortlistDecisions.roundId, roundId),
        eq(shortlistDecisions.included, true),
        eq(ideas.state, "shortlisted"),
      ),
    );
  const result: Record<string, string[]> = Object.fromEntries(categories.map((c) => [c.id, [] as string[]]));
  for (const row of rows) result[row.categoryId]?.push(row.ideaId);
  return result;
}

/** Whether the round's results have been published (the voting module writes round_results). */
export async function resultsPublished(executor: Tx | Db, roundId: string): Promise<boolean> {
  const [row] = await executor
    .select({ at: roundResults.publishedAt })
    .from(roundResults)
    .where(eq(roundResults.roundId, roundId));
  return Boolean(row?.at);
}

/** Whether reviewers have started scoring this round (the rubric they score against is then fixed). */
export async function hasPanelReviews(executor: Tx | Db, roundId: string): Promise<boolean> {
  const [row] = await executor
    .select({ one: sql`1` })
    .from(panelReviews)
    .where(eq(panelReviews.roundId, roundId))
    .limit(1);
  return Boolean(row);
}
