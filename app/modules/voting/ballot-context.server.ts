// What a ballot in a round is checked against: the settings frozen when voting opened (the
// shortlist per category and the ballot rule), never the live round settings, and the voter's
// own proposals (those on whose team they are).
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import { ideaTeamMembers, type Round } from "~db/schema";
import type { ShortlistCategory } from "./ballot";

export type BallotRules = { shortlist: ShortlistCategory[]; picksPerCategory: number; allowOwnIdea: boolean };

/** The frozen ballot rules, or null when the round has none (voting has never opened). */
export function ballotRulesOf(round: Pick<Round, "frozenSettings">): BallotRules | null {
  const frozen = round.frozenSettings;
  if (!frozen) return null;
  return {
    shortlist: frozen.categories.map((c) => ({
      categoryId: c.id,
      name: c.name,
      proposalIds: frozen.shortlist[c.id] ?? [],
    })),
    picksPerCategory: frozen.ballotRule.picksPerCategory,
    allowOwnIdea: frozen.ballotRule.allowOwnIdea,
  };
}

export function shortlistedIds(rules: BallotRules): string[] {
  return rules.shortlist.flatMap((c) => c.proposalIds);
}

/** The shortlisted proposals on whose team this person is. */
export async function ownProposalIds(executor: Tx | Db, userId: string, rules: BallotRules): Promise<string[]> {
  const ids = shortlistedIds(rules);
  if (ids.length === 0) return [];
  const rows = await executor
    .select({ ideaId: ideaTeamMembers.ideaId })
    .from(ideaTeamMembers)
    .where(and(eq(ideaTeamMembers.userId, userId), inArray(ideaTeamMembers.ideaId, ids)));
  return rows.map((r) => r.ideaId);
}
