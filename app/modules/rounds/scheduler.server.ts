// The scheduler: every app instance runs it (app/runtime.server.ts, every 30 seconds), and each
// scheduled phase change still happens exactly once.
//
// Why exactly once, with any number of instances racing:
// 1. Finding due rounds is only a hint, read without locks. The decision is taken inside
//    advanceRound's transaction, after `SELECT … FOR UPDATE` on the round's row: a second
//    instance waits on that lock, then (READ COMMITTED re-reads the locked row) sees the new
//    phase, asks dueTransition again and finds nothing due, so it writes nothing.
// 2. The transition row, the phase update, the audit row and the outbox emails are written in
//    that one transaction, so they all exist or none do; a crash mid-way leaves the round due
//    and the next run retries it from the start.
// 3. round_transitions has a unique index on (round, from, to) for phase changes: even code that
//    forgot the lock could not record one twice (the loser's transaction rolls back whole), and
//    the outbox's dedupe key `phase:<round>:<to>:<user>` stops a second email to anyone.
// The test "two schedulers racing on the same due round" in tests/integration/rounds-scheduler
// proves it on both databases, with two connection pools on PostgreSQL.
import { notInArray } from "drizzle-orm";
import { db as defaultDb, type Db } from "~db/client";
import { rounds } from "~db/schema";
import { now } from "~/lib/clock";
import { logger } from "~/lib/logger.server";
import { forRules } from "./model";
import { dueTransition, type Phase } from "./rules";
import { advanceRound } from "./transition.server";

export type SchedulerReport = {
  advanced: Array<{ roundId: string; from: Phase; to: Phase }>;
  blocked: Array<{ roundId: string; to: Phase; reason: string }>;
};

/** More than enough for a round that fell behind by every phase; a guard against a bug looping forever. */
const MAX_PASSES = 20;

// A blocked transition is retried every run; say so in the log once per process, not every 30 s.
const reported = new Set<string>();

/** Rounds the schedule says are due at `at` (a hint: advanceRound decides under the lock). */
async function dueRounds(at: Date, database: Db) {
  const candidates = await database
    .select()
    .from(rounds)
    .where(notInArray(rounds.phase, ["draft", "results", "closed"]));
  return candidates.filter((round) => dueTransition(forRules(round), at) !== null);
}

/**
 * Moves every due round on, one phase at a time, until nothing is due at `at`. A round that fell
 * behind by two phases takes two passes, each its own transition with its own audit row.
 */
export async function runScheduler(at: Date = now(), database: Db = defaultDb): Promise<SchedulerReport> {
  const report: SchedulerReport = { advanced: [], blocked: [] };
  const done = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const due = (await dueRounds(at, database)).filter((round) => !done.has(round.id));
    if (due.length === 0) break;
    for (const round of due) {
      const result = await advanceRound(null, round.id, { kind: "scheduled", at, database });
      if (result.status === "advanced") {
        report.advanced.push({ roundId: round.id, from: result.from, to: result.to });
        logger.info(
          { roundId: round.id, slug: round.slug, from: result.from, to: result.to },
          "round moved on by the schedule",
        );
        continue;
      }
      // Not due any more (another instance moved it) or blocked by a guard: leave it for the next run.
      done.add(round.id);
      if (result.status === "blocked") {
        report.blocked.push({ roundId: round.id, to: result.to, reason: result.reason });
        const key = `${round.id}:${result.to}:${result.reason}`;
        if (!reported.has(key)) {
          reported.add(key);
          logger.warn(
            { roundId: round.id, slug: round.slug, to: result.to, reason: result.reason },
            "a due phase change is blocked",
          );
        }
      }
    }
  }
  return report;
}
