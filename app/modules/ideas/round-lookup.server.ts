// A round by its slug, with its categories and topics, for the ideas pages and use cases.
// The rounds module will own this lookup; until then this small query stands in for it.
import { asc, eq } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { roundCategories, rounds, roundTopics, type Round, type RoundCategory, type RoundTopic } from "~db/schema";
import type { RoundForRules } from "~/modules/rounds/rules";

export type RoundWithLists = Round & { categories: RoundCategory[]; topics: RoundTopic[] };

/** The round, or null when there is none or the viewer may not see it (drafts: admins only). */
export async function findRound(slug: string, viewer?: { isAdmin: boolean } | null): Promise<RoundWithLists | null> {
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, slug));
  if (!round || (round.phase === "draft" && !viewer?.isAdmin)) return null;
  return withLists(db, round);
}

export async function findRoundById(executor: Tx | typeof db, id: string): Promise<RoundWithLists | null> {
  const [round] = await executor.select().from(rounds).where(eq(rounds.id, id));
  return round ? withLists(executor, round) : null;
}

async function withLists(executor: Tx | typeof db, round: Round): Promise<RoundWithLists> {
  // One after the other: PGlite has a single connection, and inside a transaction so does tx.
  const categories = await executor.select().from(roundCategories).where(eq(roundCategories.roundId, round.id)).orderBy(asc(roundCategories.position));
  const topics = await executor.select().from(roundTopics).where(eq(roundTopics.roundId, round.id)).orderBy(asc(roundTopics.name));
  return { ...round, categories, topics };
}

/** What the phase rules need to know about a round. */
export function rulesView(round: Round): RoundForRules {
  return {
    phase: round.phase,
    commentPolicy: round.commentPolicy,
    schedule: {
      ideasOpensAt: round.ideasOpensAt,
      proposalsOpensAt: round.proposalsOpensAt,
      shortlistingOpensAt: round.shortlistingOpensAt,
      votingOpensAt: round.votingOpensAt,
      votingClosesAt: round.votingClosesAt,
      closesAt: round.closesAt,
    },
  };
}
