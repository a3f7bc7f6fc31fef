// A round by its slug, with its categories and topics, as the ideas pages and use cases see it.
import type { Tx, Db } from "~db/client";
import { db } from "~db/client";
import { forRules } from "~/modules/rounds/model";
import { getRoundById, getRoundBySlug, type RoundWithDetails } from "~/modules/rounds/queries.server";

export type RoundWithLists = RoundWithDetails;

/** The round, or null when there is none or the viewer may not see it (drafts: admins only). */
export async function findRound(slug: string, viewer?: { isAdmin: boolean } | null): Promise<RoundWithLists | null> {
  const round = await getRoundBySlug(slug);
  if (!round || (round.phase === "draft" && !viewer?.isAdmin)) return null;
  return round;
}

export function findRoundById(executor: Tx | Db | typeof db, id: string): Promise<RoundWithLists | null> {
  return getRoundById(id, executor as Tx);
}

/** What the phase rules need to know about a round. */
export const rulesView = forRules;
