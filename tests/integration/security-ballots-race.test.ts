// Issue 11, figures 1 and 2: ballots under real concurrency on PostgreSQL.
//
// What "1 ballot" means, since a member may change their vote: the member has exactly one current
// ballot (one `ballots` row for the round), every accepted submission is one ledger entry (versions
// 1..n, each once, n = the row's version), repeats of a form (same idempotency key) add nothing,
// and the count takes one entry per member: their latest, whose receipt the `ballots` row holds.
//
// PGlite is one in-process connection, so every transaction runs after the other and nothing can
// race: these checks need PostgreSQL and a pool of many connections.
import { and, asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase, type DatabaseHandle } from "../../db/client";
import { ballotLedger, ballots, ballotSubmissions, outbox, rounds, roundResults, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createVotingRound } from "../../db/seed/factories/voting";
import { PhaseClosed } from "../../app/lib/errors";
import { castBallot, type CastBallotResult } from "../../app/modules/voting/cast-ballot.server";
import { tally } from "../../app/modules/voting/ledger";
import { countingRows, ledgerEntryOf } from "../../app/modules/voting/ledger-rows.server";
import { voterRef } from "../../app/modules/voting/voter-ref.server";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { withDatabase } from "../support/test-database";

const onPglite = inject("database").kind === "pglite";
const RUNS = 20;
const SUBMISSIONS = 200;
const POOL = 25;

type VotingRound = Awaited<ReturnType<typeof createVotingRound>>;

function picksFor(v: VotingRound, offset = 0) {
  return v.round.categories.flatMap((c) =>
    v.shortlist[c.id].slice(offset, offset + 2).map((proposalId) => ({ categoryId: c.id, proposalId })),
  );
}

const randomKey = (label: string) =>
  `race-${label}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

// A second pool on the same database, as big as an app server's: the test database's own handle
// has only 5 connections, which would queue the submissions instead of racing them.
let pool: DatabaseHandle | undefined;
beforeAll(async () => {
  const config = inject("database");
  if (config.kind !== "postgres") return;
  pool = await openDatabase({ kind: "postgres", url: withDatabase(config.url, await currentDatabase()), max: POOL });
});
afterAll(async () => {
  await pool?.close();
});

async function currentDatabase(): Promise<string> {
  const [{ name }] = await databaseHandle().query<{ name: string }>("select current_database() as name");
  return name;
}

/** Connections of this database waiting on a lock now. */
async function lockWaits(): Promise<number> {
  const [{ n }] = await databaseHandle().query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return n;
}

/** Connections the racing pool has open now: proof the submissions ran side by side. */
async function openConnections(): Promise<number> {
  const [{ n }] = await databaseHandle().query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'q-exchange' and pid <> pg_backend_pid()",
  );
  return n;
}

async function memberState(roundId: string, member: User) {
  const rows = await db
    .select()
    .from(ballots)
    .where(and(eq(ballots.roundId, roundId), eq(ballots.voterId, member.id)));
  const ref = voterRef(roundId, member.id);
  const ledger = await db
    .select()
    .from(ballotLedger)
    .where(and(eq(ballotLedger.roundId, roundId), eq(ballotLedger.voterRef, ref)))
    .orderBy(asc(ballotLedger.version));
  const submissions = await db
    .select()
    .from(ballotSubmissions)
    .where(and(eq(ballotSubmissions.roundId, roundId), eq(ballotSubmissions.voterId, member.id)));
  const emails = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.kind, "ballot_receipt"), eq(outbox.toAddress, member.email)));
  return { rows, ledger, submissions, emails };
}

/** The submissions' results, and one line for those that failed (a clash refused after the retries counts as wrong here). */
function settle(outcomes: PromiseSettledResult<CastBallotResult>[]): { results: CastBallotResult[]; errors: string[] } {
  const results = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  const failed = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as Error] : []));
  return {
    results,
    errors:
      failed.length > 0 ? [`${failed.length} submissions failed, e.g. ${failed[0].name}: ${failed[0].message}`] : [],
  };
}

/** Every way "one ballot" can be broken; empty when the member has exactly one. */
function oneBallotProblems(state: Awaited<ReturnType<typeof memberState>>, results: CastBallotResult[]): string[] {
  const problems: string[] = [];
  const accepted = results.filter((r) => !r.repeated);
  if (state.rows.length !== 1) return [`${state.rows.length} ballots rows`];
  const [row] = state.rows;
  const versions = state.ledger.map((e) => e.version);
  const expected = Array.from({ length: accepted.length }, (_, i) => i + 1);
  if (row.version !== accepted.length) problems.push(`row version ${row.version}, ${accepted.length} accepted`);
  if (JSON.stringify(versions) !== JSON.stringify(expected)) problems.push(`ledger versions ${versions.join(",")}`);
  if (JSON.stringify(accepted.map((r) => r.version).sort((a, b) => a - b)) !== JSON.stringify(expected))
    problems.push("accepted versions are not 1..n once each");
  if (state.submissions.length !== accepted.length)
    problems.push(`${state.submissions.length} submission keys for ${accepted.length} accepted`);
  if (state.emails.length !== accepted.length)
    problems.push(`${state.emails.length} receipt emails for ${accepted.length} accepted`);
  const latest = state.ledger[state.ledger.length - 1];
  if (latest?.receiptCode !== row.receiptCode)
    problems.push("the ballots row's receipt is not the latest ledger entry's");
  const counting = countingRows(state.ledger);
  if (counting.length !== 1) problems.push(`${counting.length} entries count`);
  const counted = tally(counting.map(ledgerEntryOf));
  if (
    JSON.stringify(Object.keys(counted).sort()) !== JSON.stringify([...latest.picks].sort()) ||
    Object.values(counted).some((n) => n !== 1)
  ) {
    problems.push(`the tally counts ${JSON.stringify(counted)}`);
  }
  // Every result a submission was given names a real ledger entry.
  const receipts = new Set(state.ledger.map((e) => e.receiptCode));
  if (results.some((r) => !receipts.has(r.receiptCode)))
    problems.push("a submission was given a receipt that is not in the ledger");
  return problems;
}

describe.skipIf(onPglite)(
  "figure 1: 200 parallel ballot submissions by one member (PostgreSQL; PGlite has one connection and serialises everything)",
  () => {
    it(`different keys (200 forms): ${RUNS} of ${RUNS} runs leave 1 ballot, with one ledger entry per accepted submission`, async () => {
      const v = await createVotingRound();
      let good = 0;
      const failures: string[] = [];
      let peak = 0;
      for (let run = 0; run < RUNS; run++) {
        const member = await createUser();
        const { results, errors } = settle(
          await Promise.allSettled(
            Array.from({ length: SUBMISSIONS }, (_, i) =>
              castBallot(
                member,
                {
                  roundId: v.round.id,
                  picks: picksFor(v, i % 2 === 0 ? 0 : 2),
                  idempotencyKey: randomKey(`${run}-${i}`),
                },
                { database: pool!.db },
              ),
            ),
          ),
        );
        peak = Math.max(peak, await openConnections());
        const problems = [...errors, ...oneBallotProblems(await memberState(v.round.id, member), results)];
        if (results.some((r) => r.repeated)) problems.push("a distinct key was taken for a repeat");
        if (problems.length === 0) good++;
        else failures.push(`run ${run + 1}: ${problems.join("; ")}`);
      }
      console.log(
        `figure 1 (200 different keys, pool of ${POOL}, ${peak} connections open): ${good}/${RUNS} runs: 1 ballot`,
      );
      expect(failures).toEqual([]);
      expect(good).toBe(RUNS);
      expect(peak).toBeGreaterThanOrEqual(20);
    }, 1_800_000);

    it(`the same key 200 times (a double click): ${RUNS} of ${RUNS} runs accept exactly one submission`, async () => {
      const v = await createVotingRound();
      let good = 0;
      const failures: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        const member = await createUser();
        const key = randomKey(`same-${run}`);
        const { results, errors } = settle(
          await Promise.allSettled(
            Array.from({ length: SUBMISSIONS }, () =>
              castBallot(
                member,
                { roundId: v.round.id, picks: picksFor(v), idempotencyKey: key },
                { database: pool!.db },
              ),
            ),
          ),
        );
        const problems = [...errors, ...oneBallotProblems(await memberState(v.round.id, member), results)];
        const accepted = results.filter((r) => !r.repeated).length;
        if (accepted !== 1) problems.push(`${accepted} accepted`);
        if (new Set(results.map((r) => r.receiptCode)).size !== 1)
          problems.push("repeats were given a different receipt");
        if (problems.length === 0) good++;
        else failures.push(`run ${run + 1}: ${problems.join("; ")}`);
      }
      console.log(`figure 1 (200 × the same key): ${good}/${RUNS} runs: 1 ballot`);
      expect(failures).toEqual([]);
      expect(good).toBe(RUNS);
    }, 1_800_000);
  },
);

describe.skipIf(onPglite)(
  "figure 2: 100 ballots across the closing instant (PostgreSQL; on PGlite nothing runs side by side)",
  () => {
    it("those accepted before the close (database clock) count, those after are refused, and the sealed tally is the accepted ones", async () => {
      const v = await createVotingRound();
      const voters: User[] = [];
      for (let i = 0; i < 100; i++) voters.push(await createUser());
      const cast = (voter: User, i: number) =>
        castBallot(
          voter,
          { roundId: v.round.id, picks: picksFor(v, i % 2 === 0 ? 0 : 2), idempotencyKey: randomKey(`close-${i}`) },
          { database: pool!.db },
        ).then(
          (r) => ({ voter, ok: true as const, result: r }),
          (error: unknown) => ({ voter, ok: false as const, error }),
        );
      // Ordered by locks, not timers, so that a loaded machine changes nothing. 50 ballots are cast
      // at once and answered. Then a transaction holds the round's row FOR UPDATE, as the sealing
      // transition does; 50 more ballots are sent and wait on it (every connection of the pool is
      // seen waiting); the transaction sets the close to the database's "now" and commits; the
      // waiting ballots then read the new close and the clock after it.
      const first = await Promise.all(voters.slice(0, 50).map((voter, i) => cast(voter, i)));
      const config = inject("database");
      if (config.kind !== "postgres") throw new Error("PostgreSQL only");
      const barrier = postgres(withDatabase(config.url, await currentDatabase()), {
        max: 1,
        onnotice: () => {},
      });
      let second: Promise<Awaited<ReturnType<typeof cast>>[]> | undefined;
      let close = "";
      await barrier.begin(async (sql) => {
        await sql`select id from rounds where id = ${v.round.id} for update`;
        second = Promise.all(voters.slice(50).map((voter, i) => cast(voter, 50 + i)));
        while ((await lockWaits()) < POOL) await new Promise((resolve) => setTimeout(resolve, 10));
        [{ close }] = await sql<{ close: string }[]>`
          update rounds set voting_closes_at = date_trunc('milliseconds', clock_timestamp())
          where id = ${v.round.id} returning voting_closes_at::text as close`;
      });
      await barrier.end();
      const outcomes = [...first, ...(await second!)];
      const [{ closeMs }] = await databaseHandle().query<{ closeMs: number }>(
        'select (extract(epoch from voting_closes_at) * 1000)::float8 as "closeMs" from rounds where id = $1',
        [v.round.id],
      );
      const accepted = outcomes.filter((o) => o.ok);
      const refused = outcomes.filter((o) => !o.ok);
      const wrong: string[] = [];
      for (const o of accepted)
        if (o.result.at.getTime() >= closeMs)
          wrong.push(`accepted at ${o.result.at.toISOString()}, after the close ${close}`);
      for (const o of refused) {
        const error = o.error as Error;
        if (!(error instanceof PhaseClosed) || !/^Voting closed at /.test(error.message))
          wrong.push(`refused with ${error.name}: ${error.message}`);
      }
      const ledger = await db.select().from(ballotLedger).where(eq(ballotLedger.roundId, v.round.id));
      if (ledger.length !== accepted.length)
        wrong.push(`${ledger.length} ledger entries for ${accepted.length} accepted`);
      for (const entry of ledger)
        if (entry.at.getTime() >= closeMs) wrong.push(`ledger entry at ${entry.at.toISOString()} after the close`);
      const acceptedRefs = new Set(accepted.map((o) => voterRef(v.round.id, o.voter.id)));
      for (const entry of ledger)
        if (!acceptedRefs.has(entry.voterRef)) wrong.push("a ledger entry from a refused ballot");

      // Sealing (voting -> results, as the scheduler does it once the close has passed).
      // The close is in the past by the database's clock; the scheduler compares the app's clock.
      while (Date.now() <= closeMs) await new Promise((resolve) => setTimeout(resolve, 10));
      const advanced = await advanceRound(null, v.round.id, { kind: "scheduled" });
      expect(advanced).toMatchObject({ status: "advanced", to: "results" });
      const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, v.round.id));
      const expectedTally: Record<string, number> = {};
      for (const o of accepted)
        for (const p of picksFor(v, outcomes.indexOf(o) % 2 === 0 ? 0 : 2))
          expectedTally[p.proposalId] = (expectedTally[p.proposalId] ?? 0) + 1;
      if (results.ballots !== accepted.length)
        wrong.push(`sealed ${results.ballots} ballots for ${accepted.length} accepted`);
      if (
        JSON.stringify(
          Object.entries(results.tallies)
            .filter(([, n]) => n > 0)
            .sort(),
        ) !== JSON.stringify(Object.entries(expectedTally).sort())
      ) {
        wrong.push(
          `sealed tally ${JSON.stringify(results.tallies)} is not the accepted ballots' ${JSON.stringify(expectedTally)}`,
        );
      }
      const [round] = await db.select({ phase: rounds.phase }).from(rounds).where(eq(rounds.id, v.round.id));
      expect(round.phase).toBe("results");

      console.log(
        `figure 2: 100 ballots: ${accepted.length} before the close counted, ${refused.length} after refused, ${wrong.length} wrong`,
      );
      expect(wrong).toEqual([]);
      expect(accepted.length + refused.length).toBe(100);
      // Those answered before the close were accepted; those that waited on the lock, refused.
      expect(accepted.map((o) => o.voter.id).sort()).toEqual(first.map((o) => o.voter.id).sort());
      expect(refused).toHaveLength(50);
    });
  },
);
