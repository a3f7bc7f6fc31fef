// Reads for the ballot pages and the round page. Turnout only, never a tally: who picked what is
// in the ledger under pseudonyms, and the counts are computed by the results, after the close.
import { and, asc, count, countDistinct, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "~db/client";
import { ballotLedger, ballots, ideas, ideaTeamMembers, proposalBudgetLines, users, type Round } from "~db/schema";
import { requiredPicks, validateBallot, type BallotResult } from "./ballot";
import { ballotRulesOf, ownProposalIds, shortlistedIds, type BallotRules } from "./ballot-context.server";
import { ballotFieldErrors, toBallotPicks, type PicksByCategory } from "./ballot-form";
import { voterRef } from "./voter-ref.server";

/** Approved members who are not suspended: the people who may vote. */
export async function eligibleMembers(): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.membership, "approved"), isNull(users.suspendedAt)));
  return n;
}

export type Turnout = { voted: number; eligible: number };

/** Distinct voters in the ledger (each paper ballot is one) against the members who may vote. */
export async function turnout(roundId: string): Promise<Turnout> {
  const [{ voted }] = await db
    .select({ voted: countDistinct(ballotLedger.voterRef) })
    .from(ballotLedger)
    .where(eq(ballotLedger.roundId, roundId));
  return { voted, eligible: await eligibleMembers() };
}

export async function paperBallotCount(roundId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(ballotLedger)
    .where(and(eq(ballotLedger.roundId, roundId), eq(ballotLedger.source, "paper")));
  return n;
}

export type BallotProposal = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  team: string[];
  requestedPence: number;
  own: boolean;
};
export type BallotCategory = { id: string; name: string; required: number; proposals: BallotProposal[] };

/**
 * The shortlist as the ballot shows it: categories in the round's order, proposals by title, each
 * with its team and requested amount. `ownIds` marks the voter's own (none for paper ballots).
 */
export async function ballotChoices(
  round: Round & { categories: { id: string; position: number }[] },
  rules: BallotRules,
  ownIds: ReadonlyArray<string>,
): Promise<BallotCategory[]> {
  const ids = shortlistedIds(rules);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: ideas.id, slug: ideas.slug, title: ideas.title, summary: ideas.summary })
          .from(ideas)
          .where(inArray(ideas.id, ids))
          .orderBy(asc(ideas.title));
  const teams =
    ids.length === 0
      ? []
      : await db
          .select({ ideaId: ideaTeamMembers.ideaId, name: users.name })
          .from(ideaTeamMembers)
          .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
          .where(inArray(ideaTeamMembers.ideaId, ids))
          .orderBy(sql`${ideaTeamMembers.role} = 'lead' desc`, asc(ideaTeamMembers.joinedAt), asc(users.name));
  const budgets =
    ids.length === 0
      ? []
      : await db
          .select({
            ideaId: proposalBudgetLines.ideaId,
            total: sql<number>`coalesce(sum(${proposalBudgetLines.amountPence}), 0)`.mapWith(Number),
          })
          .from(proposalBudgetLines)
          .where(inArray(proposalBudgetLines.ideaId, ids))
          .groupBy(proposalBudgetLines.ideaId);
  const own = new Set(ownIds);
  const position = new Map(round.categories.map((c) => [c.id, c.position]));
  return [...rules.shortlist]
    .sort((a, b) => (position.get(a.categoryId) ?? 0) - (position.get(b.categoryId) ?? 0))
    .map((category) => ({
      id: category.categoryId,
      name: category.name,
      required: requiredPicks(category, rules.picksPerCategory, rules.allowOwnIdea, own),
      proposals: rows
        .filter((r) => category.proposalIds.includes(r.id))
        .map((r) => ({
          ...r,
          team: teams.filter((t) => t.ideaId === r.id).map((t) => t.name),
          requestedPence: budgets.find((b) => b.ideaId === r.id)?.total ?? 0,
          own: own.has(r.id),
        })),
    }));
}

export type CurrentBallot = { version: number; castAt: Date; receiptCode: string; picks: PicksByCategory };

/**
 * The member's counting ballot, read back from the ledger under their own reference and the
 * version on their ballots row, to prefill "replace your ballot". Only ever for the member.
 */
export async function currentBallot(round: Round, userId: string, rules: BallotRules): Promise<CurrentBallot | null> {
  const [row] = await db
    .select()
    .from(ballots)
    .where(and(eq(ballots.roundId, round.id), eq(ballots.voterId, userId)));
  if (!row) return null;
  const [entry] = await db
    .select({ picks: ballotLedger.picks })
    .from(ballotLedger)
    .where(
      and(
        eq(ballotLedger.roundId, round.id),
        eq(ballotLedger.voterRef, voterRef(round.id, userId)),
        eq(ballotLedger.version, row.version),
      ),
    );
  const picks: PicksByCategory = {};
  for (const category of rules.shortlist)
    picks[category.categoryId] = (entry?.picks ?? []).filter((id) => category.proposalIds.includes(id));
  return { version: row.version, castAt: row.castAt, receiptCode: row.receiptCode, picks };
}

/** The member's view of the ballot: the frozen rules, their own proposals and their current ballot. */
export async function ballotFor(
  round: Round & { categories: { id: string; position: number }[] },
  userId: string | null,
) {
  const rules = ballotRulesOf(round);
  if (!rules) return null;
  const own = userId ? await ownProposalIds(db, userId, rules) : [];
  const categories = await ballotChoices(round, rules, own);
  const current = userId ? await currentBallot(round, userId, rules) : null;
  return { rules, own, categories, current };
}

/** The "check your answers" step: the same validation as casting, without writing anything. */
export function checkPicks(
  rules: BallotRules,
  own: ReadonlyArray<string>,
  picks: PicksByCategory,
  options: { paper?: boolean } = {},
): { ok: true } | { ok: false; errors: Record<string, string> } {
  const result: BallotResult = validateBallot({
    picks: toBallotPicks(picks),
    ...rules,
    allowOwnIdea: options.paper ? true : rules.allowOwnIdea,
    ownProposalIds: options.paper ? [] : own,
  });
  return result.ok ? result : { ok: false, errors: ballotFieldErrors(result.errors) };
}
