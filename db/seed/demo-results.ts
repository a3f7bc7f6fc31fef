// Demo results (issue 7). The past round 2026 gets a published result that agrees with its ideas'
// states: its frozen shortlist, an online ledger under HMAC voter references of the demo members
// (plus a few paper ballots), the seal, and results lines computed by the real sealAndCount. With
// DEMO_PANEL_ROUND, a `results-rehearsal` round is sealed by the real scheduler transition and
// left unpublished, for the admin's publishing journey in the browser tests.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "../client";
import {
  ballotLedger,
  ideas,
  proposalBudgetLines,
  resultLines,
  roundCategories,
  roundResults,
  rounds,
  users,
  type Round,
} from "../schema";
import { now } from "../../app/lib/clock";
import { freezeRoundSettings, type FundingRule } from "../../app/modules/rounds/frozen-settings";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { ledgerRowFor } from "../../app/modules/voting/ledger-rows.server";
import { sealAndCount } from "../../app/modules/voting/seal.server";
import { DEMO_PASSWORD } from "./demo";
import { IDEAS_2026 } from "./demo-ideas-data";
import { createUser } from "./factories";
import { insertIdea } from "./factories/ideas";
import { insertRound } from "./factories/rounds";
import { paperVoterRef, voterRef } from "../../app/modules/voting/voter-ref.server";
import { rehearsalRounds } from "./demo-options";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The voter reference of the ballot use case: HMAC-SHA256(SECRET_KEY, "ballot:" + roundId + ":" + userId), hex. */
type Shortlisted = { id: string; categoryId: string; funded: boolean };

/**
 * Ballots that put every proposal to be funded above every other: each voter picks `picks` per
 * category, from the funded ones in rotation, and every fourth voter gives one pick to a proposal
 * that was not funded. Every tenth voter changed their mind once (a replaced ballot).
 */
function demoBallots(categories: string[], shortlisted: Shortlisted[], picks: number, voters: number) {
  const ballots: Array<{ voter: number; version: number; picks: string[] }> = [];
  for (let v = 0; v < voters; v++) {
    const chosen: string[] = [];
    const first: string[] = [];
    for (const c of categories) {
      const F = shortlisted.filter((p) => p.categoryId === c && p.funded).map((p) => p.id);
      const N = shortlisted.filter((p) => p.categoryId === c && !p.funded).map((p) => p.id);
      const n = Math.min(picks, F.length + N.length);
      const fromN = N.length === 0 ? 0 : Math.max(n - F.length, v % 4 === 0 ? 1 : 0);
      const mine = [
        ...Array.from({ length: n - fromN }, (_, j) => F[(v * picks + j) % F.length]),
        ...Array.from({ length: fromN }, (_, j) => N[(v + j) % N.length]),
      ];
      chosen.push(...new Set(mine));
      first.push(...[...F, ...N].slice(-n));
    }
    if (v % 10 === 3) ballots.push({ voter: v, version: 1, picks: [...new Set(first)] });
    ballots.push({ voter: v, version: v % 10 === 3 ? 2 : 1, picks: chosen });
  }
  return ballots;
}

async function shortlistedOf(
  tx: Tx,
  round: Round,
): Promise<{ categories: Array<{ id: string; name: string }>; shortlisted: Shortlisted[] }> {
  const categories = await tx
    .select({ id: roundCategories.id, name: roundCategories.name })
    .from(roundCategories)
    .where(eq(roundCategories.roundId, round.id))
    .orderBy(asc(roundCategories.position));
  const rows = await tx
    .select({ id: ideas.id, categoryId: ideas.categoryId, state: ideas.state })
    .from(ideas)
    .where(and(eq(ideas.roundId, round.id), inArray(ideas.state, ["shortlisted", "funded", "not_funded"])))
    .orderBy(asc(ideas.submittedAt), asc(ideas.id));
  return {
    categories,
    shortlisted: rows.map((r) => ({ id: r.id, categoryId: r.categoryId, funded: r.state !== "not_funded" })),
  };
}

class RuleDoesNotFit extends Error {}

/** Round 2026: a published result consistent with its funded / not_funded ideas. */
export async function seedDemoResults2026(adminId: string): Promise<void> {
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, "2026"));
  if (!round) return;
  const [already] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
  if (already) return;
  // About half the members voted online (turnout in the real programme was 18%), a few more on paper.
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.membership, "approved"), eq(users.isAdmin, false)))
    .orderBy(asc(users.email));
  const voters = members.filter((_, i) => i % 2 === 0);
  const closedAt = new Date(round.votingClosesAt.getTime() + 30_000);

  // The round's own rule first; if the demo's states do not follow from it, a rule they do follow from.
  const requested = async (tx: Tx, ids: string[]) =>
    (
      await tx
        .select({ amount: proposalBudgetLines.amountPence })
        .from(proposalBudgetLines)
        .where(inArray(proposalBudgetLines.ideaId, ids))
    ).reduce((s, r) => s + r.amount, 0);
  const candidates: Array<(tx: Tx, funded: string[]) => Promise<{ rule: FundingRule; potPence: number }>> = [
    async () => ({ rule: round.fundingRule, potPence: round.potPence }),
    // The same number funded in every category: the top N of each.
    async (tx) => {
      const { categories, shortlisted } = await shortlistedOf(tx, round);
      const counts = new Set(
        categories.map((c) => shortlisted.filter((p) => p.categoryId === c.id && p.funded).length),
      );
      if (counts.size !== 1 || [...counts][0] === 0) throw new RuleDoesNotFit();
      return { rule: { kind: "topN", n: [...counts][0] }, potPence: round.potPence };
    },
    async (tx, funded) => ({
      rule: { kind: "greedyWithinPot" },
      potPence: Math.max(round.maxAwardPence, await requested(tx, funded)),
    }),
  ];
  for (const candidate of candidates) {
    try {
      await db.transaction(async (tx) => {
        const { categories, shortlisted } = await shortlistedOf(tx, round);
        const funded = shortlisted.filter((p) => p.funded).map((p) => p.id);
        const { rule, potPence } = await candidate(tx, funded);
        const shortlist = Object.fromEntries(
          categories.map((c) => [c.id, shortlisted.filter((p) => p.categoryId === c.id).map((p) => p.id)]),
        );
        const frozen = freezeRoundSettings({ ...round, fundingRule: rule, potPence }, categories, shortlist);
        const [updated] = await tx
          .update(rounds)
          .set({ fundingRule: rule, potPence, ...frozen, frozenAt: round.votingOpensAt })
          .where(eq(rounds.id, round.id))
          .returning();
        const ballots = demoBallots(
          categories.map((c) => c.id),
          shortlisted,
          round.picksPerCategory,
          voters.length,
        );
        const span = round.votingClosesAt.getTime() - round.votingOpensAt.getTime();
        const rows = await Promise.all(
          ballots.map((b, i) =>
            ledgerRowFor(round.id, {
              voterRef: voterRef(round.id, voters[b.voter].id),
              version: b.version,
              picks: b.picks,
              at: new Date(
                round.votingOpensAt.getTime() + Math.floor((((i + 1) / (ballots.length + 1)) * span) / MINUTE) * MINUTE,
              ),
              source: "online",
            }),
          ),
        );
        // Three counted paper ballots from the in-person vote at the Q community event.
        for (let p = 0; p < 3; p++)
          rows.push(
            await ledgerRowFor(round.id, {
              voterRef: paperVoterRef(round.id),
              version: 1,
              picks: ballots[p].picks,
              at: new Date(round.votingClosesAt.getTime() - (p + 1) * 60 * MINUTE),
              source: "paper",
            }),
          );
        if (rows.length > 0) await tx.insert(ballotLedger).values(rows);
        await sealAndCount(tx, updated, closedAt);
        const lines = await tx
          .select({ ideaId: resultLines.ideaId, funded: resultLines.recommendedFunded })
          .from(resultLines)
          .where(eq(resultLines.roundId, round.id));
        const want = new Map(shortlisted.map((p) => [p.id, p.funded]));
        if (lines.some((l) => want.get(l.ideaId) !== l.funded)) throw new RuleDoesNotFit();
        await tx
          .update(roundResults)
          .set({ publishedAt: round.phaseChangedAt, publishedById: adminId })
          .where(eq(roundResults.roundId, round.id));
      });
      return;
    } catch (error) {
      if (!(error instanceof RuleDoesNotFit)) throw error;
    }
  }
  throw new Error("seedDemoResults2026: no funding rule gives the demo's funded and not funded ideas");
}

/**
 * `results-rehearsal`: six shortlisted proposals, voting closed a day ago, sealed and counted by
 * the real scheduler transition, results not published.
 */
export async function seedDemoResultsRehearsal(slug = "results-rehearsal"): Promise<string> {
  const at = now().getTime();
  const round = await insertRound({
    slug,
    title: "Results rehearsal round",
    themeMd: "A practice round for the programme team: **review, override and publish results**.",
    phase: "voting",
    ideasOpensAt: new Date(at - 120 * DAY),
    proposalsOpensAt: new Date(at - 90 * DAY),
    shortlistingOpensAt: new Date(at - 60 * DAY),
    votingOpensAt: new Date(at - 15 * DAY),
    votingClosesAt: new Date(at - DAY),
    closesAt: null,
    shortlistSize: 6,
    picksPerCategory: 1,
    phaseChangedAt: new Date(at - 15 * DAY),
    categories: [
      { name: "Better care closer to home", description: "Care in the community and at home." },
      { name: "Healthier workplaces", description: "Staff wellbeing and retention." },
    ],
  });
  const shortlisted: Shortlisted[] = [];
  for (const [i, idea] of IDEAS_2026.slice(8, 14).entries()) {
    const email = `results.applicant${i + 1}@demo.q-exchange.org`;
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    const lead =
      existing ??
      (await createUser({
        email,
        name: `Results applicant ${i + 1}`,
        organisation: `Rehearsal Health Board ${i + 1}`,
        password: DEMO_PASSWORD,
      }));
    const row = await insertIdea({
      round,
      lead,
      state: "shortlisted",
      title: idea.title,
      summary: idea.summary,
      challengeMd: idea.challenge,
      categoryId: round.categories[i % 2].id,
      at: new Date(at - (100 - i) * DAY),
      proposal: {
        budget: [
          { description: "Project lead (0.4 whole-time equivalent)", amountPence: 1_200_000 + i * 100_000 },
          { description: "Patient involvement payments", amountPence: 250_000 },
        ],
      },
    });
    shortlisted.push({ id: row.id, categoryId: row.categoryId, funded: i < 4 });
  }
  const shortlist = Object.fromEntries(
    round.categories.map((c) => [c.id, shortlisted.filter((p) => p.categoryId === c.id).map((p) => p.id)]),
  );
  const frozen = freezeRoundSettings(round, round.categories, shortlist);
  await db
    .update(rounds)
    .set({ ...frozen, frozenAt: round.votingOpensAt })
    .where(eq(rounds.id, round.id));
  // A few dozen ballots: each voter's one pick per category, spread so the votes differ.
  const voters = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.membership, "approved"), eq(users.isAdmin, false)))
    .orderBy(asc(users.email))
    .limit(36);
  const order = round.categories.map((c) => shortlisted.filter((p) => p.categoryId === c.id).map((p) => p.id));
  const rows = await Promise.all(
    voters.map((voter, v) =>
      ledgerRowFor(round.id, {
        voterRef: voterRef(round.id, voter.id),
        version: 1,
        // Weights 3 : 2 : 1 within each category's three proposals.
        picks: order.map((ids) => ids[[0, 0, 0, 1, 1, 2][v % 6]]),
        at: new Date(at - 14 * DAY + v * 7 * MINUTE),
        source: "online",
      }),
    ),
  );
  if (rows.length > 0) await db.insert(ballotLedger).values(rows);
  await advanceRound(null, round.id, { kind: "scheduled", at: now() });
  return round.id;
}

/** The one call from the demo seed: 2026's published result, and the rehearsal round when DEMO_PANEL_ROUND is set. */
export async function seedDemoResults(adminId: string): Promise<void> {
  await seedDemoResults2026(adminId);
  if (rehearsalRounds()) await seedDemoResultsRehearsal();
}
