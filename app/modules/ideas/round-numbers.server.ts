import { inArray, sql } from "drizzle-orm";
import { db } from "~db/client";
import { ideas } from "~db/schema";

export type RoundNumbers = { ideas: number; proposals: number; shortlisted: number; funded: number };

const EMPTY: RoundNumbers = { ideas: 0, proposals: 0, shortlisted: 0, funded: 0 };

/**
 * The numbers so far for each round, in one query: public ideas (drafts are the team's own),
 * submitted proposals, proposals that reached the shortlist, and funded projects. A withdrawn
 * idea still counts as an idea that was posted.
 */
export async function roundNumbers(roundIds: string[]): Promise<Map<string, RoundNumbers>> {
  const result = new Map<string, RoundNumbers>(roundIds.map((id) => [id, { ...EMPTY }]));
  if (roundIds.length === 0) return result;
  const rows = await db
    .select({
      roundId: ideas.roundId,
      ideas: sql<number>`count(*) filter (where ${ideas.state} <> 'draft')::int`,
      proposals: sql<number>`count(*) filter (where ${ideas.state} in ('submitted', 'shortlisted', 'not_shortlisted', 'funded', 'not_funded'))::int`,
      shortlisted: sql<number>`count(*) filter (where ${ideas.state} in ('shortlisted', 'funded', 'not_funded'))::int`,
      funded: sql<number>`count(*) filter (where ${ideas.state} = 'funded')::int`,
    })
    .from(ideas)
    .where(inArray(ideas.roundId, roundIds))
    .groupBy(ideas.roundId);
  for (const row of rows)
    result.set(row.roundId, {
      ideas: row.ideas,
      proposals: row.proposals,
      shortlisted: row.shortlisted,
      funded: row.funded,
    });
  return result;
}
