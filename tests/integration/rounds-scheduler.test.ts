import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase } from "../../db/client";
import { auditLog, outbox, rounds, roundTransitions, users } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertRound, scheduleFor } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { runScheduler } from "../../app/modules/rounds/scheduler.server";
import { withDatabase } from "../support/test-database";

const HOUR = 3_600_000;
const T = new Date("2026-11-27T12:00:00Z");

afterEach(() => resetClock());

let participants = 0;
beforeAll(async () => {
  await createUser({ isAdmin: true, membership: "none" });
  await createUser();
  await createUser();
  await createUser({ membership: "none", membershipDecidedAt: null });
  await createUser({ suspendedAt: T });
  await createUser({ emailVerifiedAt: null });
  participants = 3;
});

/** Everything a transition of this round left behind. */
async function traces(roundId: string) {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  const transitions = await db.select().from(roundTransitions).where(eq(roundTransitions.roundId, roundId));
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.roundId, roundId), eq(auditLog.action, "round.phase_changed")));
  const emails = await db
    .select()
    .from(outbox)
    .where(like(outbox.dedupeKey, `notification:%:phase:${roundId}:%`));
  return { round, transitions, audits, emails };
}

/** An ideas-phase round whose ideas deadline passed an hour before T. */
async function dueRound() {
  const schedule = scheduleFor("ideas", T);
  const shift = schedule.proposalsOpensAt.getTime() - (T.getTime() - HOUR);
  const moved = Object.fromEntries(Object.entries(schedule).map(([k, v]) => [k, v && new Date(v.getTime() - shift)]));
  return insertRound({ phase: "ideas", ...moved });
}

describe("the scheduler moves due rounds on exactly once", () => {
  it("a due round moves to its next phase with one transition, one audit row and one email per participant", async () => {
    const round = await dueRound();
    setClock(() => T);
    const first = await runScheduler(T);
    expect(first.advanced.filter((a) => a.roundId === round.id)).toEqual([
      { roundId: round.id, from: "ideas", to: "proposals" },
    ]);
    const again = await runScheduler(T);
    expect(again.advanced.filter((a) => a.roundId === round.id)).toEqual([]);

    const { round: after, transitions, audits, emails } = await traces(round.id);
    expect(after.phase).toBe("proposals");
    expect(after.proposalsOpensAt).toEqual(round.proposalsOpensAt); // a scheduled change keeps the schedule
    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({
      fromPhase: "ideas",
      toPhase: "proposals",
      kind: "scheduled",
      actorId: null,
    });
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ from: "ideas", to: "proposals", kind: "scheduled" });
    expect(emails).toHaveLength(participants);
    expect(emails[0].subject).toBe(`${round.title}: proposals are open`);
  });

  it("two schedulers racing on the same due round: one transition, one audit row, one set of emails", async () => {
    const round = await dueRound();
    setClock(() => T);
    const reports = await Promise.all([runScheduler(T), runScheduler(T), runScheduler(T)]);
    const moves = reports.flatMap((r) => r.advanced.filter((a) => a.roundId === round.id));
    expect(moves).toHaveLength(1);
    const { round: after, transitions, audits, emails } = await traces(round.id);
    expect(after.phase).toBe("proposals");
    expect(transitions).toHaveLength(1);
    expect(audits).toHaveLength(1);
    expect(emails).toHaveLength(participants);
    expect(new Set(emails.map((e) => e.toAddress)).size).toBe(participants);
  });

  // PGlite is one in-process connection: a second handle to the same database cannot exist.
  it.skipIf(inject("database").kind === "pglite")(
    "two instances (separate connection pools) racing: still exactly once",
    async () => {
      const config = inject("database");
      if (config.kind !== "postgres") return;
      const [{ name }] = await databaseHandle().query<{ name: string }>("select current_database() as name");
      const other = await openDatabase({ kind: "postgres", url: withDatabase(config.url, name), max: 3 });
      try {
        const due = await Promise.all([dueRound(), dueRound(), dueRound()]);
        setClock(() => T);
        const reports = await Promise.all([
          runScheduler(T),
          runScheduler(T, other.db),
          runScheduler(T, other.db),
          runScheduler(T),
        ]);
        for (const round of due) {
          const moves = reports.flatMap((r) => r.advanced.filter((a) => a.roundId === round.id));
          expect(moves).toHaveLength(1);
          const { round: after, transitions, audits, emails } = await traces(round.id);
          expect(after.phase).toBe("proposals");
          expect(transitions).toHaveLength(1);
          expect(audits).toHaveLength(1);
          expect(emails).toHaveLength(participants);
        }
      } finally {
        await other.close();
      }
    },
  );

  it("a round that fell behind moves one phase at a time, and voting does not open without a full shortlist", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("shortlisting", T) });
    const late = new Date(round.votingOpensAt.getTime() + HOUR);
    setClock(() => late);
    const report = await runScheduler(late);
    expect(report.advanced.filter((a) => a.roundId === round.id).map((a) => a.to)).toEqual([
      "proposals",
      "shortlisting",
    ]);
    const blocked = report.blocked.find((b) => b.roundId === round.id);
    expect(blocked?.to).toBe("voting");
    expect(blocked?.reason).toMatch(/Voting cannot open: “Improving care” has 0 shortlisted proposals/);
    const { round: after, transitions, audits } = await traces(round.id);
    expect(after.phase).toBe("shortlisting");
    expect(after.frozenAt).toBeNull();
    expect(transitions.map((t) => `${t.fromPhase}->${t.toPhase}`).sort()).toEqual([
      "ideas->proposals",
      "proposals->shortlisting",
    ]);
    expect(audits).toHaveLength(2);
  });

  it("draft and results rounds never move by the clock", async () => {
    const draft = await insertRound({ phase: "draft", ...scheduleFor("proposals", T) });
    const results = await insertRound({ phase: "results", ...scheduleFor("delivery", T) });
    setClock(() => T);
    await runScheduler(T);
    expect((await traces(draft.id)).round.phase).toBe("draft");
    expect((await traces(results.id)).round.phase).toBe("results");
  });

  it("a round in delivery closes at its closing time", async () => {
    const schedule = scheduleFor("delivery", T);
    const round = await insertRound({ phase: "delivery", ...schedule, closesAt: new Date(T.getTime() - HOUR) });
    setClock(() => T);
    await runScheduler(T);
    const { round: after, emails } = await traces(round.id);
    expect(after.phase).toBe("closed");
    expect(emails[0].subject).toBe(`${round.title} has closed`);
  });

  it("only verified, unsuspended admins and approved members are emailed", async () => {
    const round = await dueRound();
    setClock(() => T);
    await runScheduler(T);
    const { emails } = await traces(round.id);
    const recipients = await db.select().from(users);
    const emailed = recipients.filter((u) => emails.some((e) => e.toAddress === u.email));
    for (const person of emailed) {
      expect(person.suspendedAt).toBeNull();
      expect(person.emailVerifiedAt).not.toBeNull();
      expect(person.isAdmin || person.membership === "approved").toBe(true);
    }
  });
});
