import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, outbox, rounds, roundTransitions, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertRound, scheduleFor } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { Conflict, Forbidden, Invalid } from "../../app/lib/errors";
import { runScheduler } from "../../app/modules/rounds/scheduler.server";
import { advanceRound, extendDeadline } from "../../app/modules/rounds/transition.server";

const HOUR = 3_600_000;
const T = new Date("2026-11-27T12:00:00Z");
let admin: User;
let member: User;

beforeAll(async () => {
  admin = await createUser({ isAdmin: true });
  member = await createUser();
});
afterEach(() => resetClock());

const rowOf = async (id: string) => (await db.select().from(rounds).where(eq(rounds.id, id)))[0];
const transitionsOf = (id: string) => db.select().from(roundTransitions).where(eq(roundTransitions.roundId, id));
const auditsOf = (id: string, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.roundId, id), eq(auditLog.action, action)));

describe("an admin moves a round on early", () => {
  it("moves one phase, records the reason, and sets that phase's start to now so the dates shown stay true", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
    setClock(() => T);
    const result = await advanceRound(admin, round.id, {
      kind: "early",
      reason: "Enough ideas already",
      from: "ideas",
    });
    expect(result).toEqual({ status: "advanced", from: "ideas", to: "proposals" });
    const after = await rowOf(round.id);
    expect(after.phase).toBe("proposals");
    expect(after.proposalsOpensAt).toEqual(T);
    expect(after.shortlistingOpensAt).toEqual(round.shortlistingOpensAt);
    const [transition] = await transitionsOf(round.id);
    expect(transition).toMatchObject({ kind: "early", actorId: admin.id, reason: "Enough ideas already" });
    const [audit] = await auditsOf(round.id, "round.phase_changed");
    expect(audit).toMatchObject({
      actorId: admin.id,
      details: { from: "ideas", to: "proposals", kind: "early", reason: "Enough ideas already" },
    });
    const emails = await db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `notification:%:phase:${round.id}:proposals`));
    // Everyone taking part hears, except the admin who made the change (never one's own action).
    expect(emails.map((e) => e.toAddress)).toEqual([member.email]);
    expect(emails[0].textBody).toMatch(/Stop these emails: http/);
  });

  it("opening a draft round starts ideas now", async () => {
    const round = await insertRound({ phase: "draft", ...scheduleFor("draft", T) });
    setClock(() => T);
    await advanceRound(admin, round.id, { kind: "early", reason: "Launch", from: "draft" });
    const after = await rowOf(round.id);
    expect(after.phase).toBe("ideas");
    expect(after.ideasOpensAt).toEqual(T);
  });

  it("a draft round whose ideas deadline has passed cannot be opened", async () => {
    const round = await insertRound({ phase: "draft", ...scheduleFor("proposals", T) });
    setClock(() => T);
    await expect(advanceRound(admin, round.id, { kind: "early", reason: "Launch" })).rejects.toThrow(
      /ideas phase would end at once/,
    );
    expect((await rowOf(round.id)).phase).toBe("draft");
  });

  it("is refused to anyone but the programme team, and without a reason", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
    await expect(advanceRound(member, round.id, { kind: "early", reason: "Because" })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(advanceRound(null, round.id, { kind: "early", reason: "Because" })).rejects.toBeInstanceOf(Forbidden);
    await expect(advanceRound(admin, round.id, { kind: "early", reason: "  " })).rejects.toBeInstanceOf(Invalid);
    expect(await transitionsOf(round.id)).toHaveLength(0);
  });

  it("does nothing when the round moved on since the admin looked (no double step)", async () => {
    const round = await insertRound({ phase: "proposals", ...scheduleFor("proposals", T) });
    setClock(() => T);
    await expect(
      advanceRound(admin, round.id, { kind: "early", reason: "Move on", from: "ideas" }),
    ).rejects.toBeInstanceOf(Conflict);
    expect((await rowOf(round.id)).phase).toBe("proposals");
  });

  it("voting cannot open while a category has fewer shortlisted proposals than picks", async () => {
    const round = await insertRound({ phase: "shortlisting", ...scheduleFor("shortlisting", T) });
    setClock(() => T);
    await expect(
      advanceRound(admin, round.id, { kind: "early", reason: "Ready", from: "shortlisting" }),
    ).rejects.toThrow(/Voting cannot open/);
    const after = await rowOf(round.id);
    expect(after.phase).toBe("shortlisting");
    expect(after.frozenAt).toBeNull();
  });

  it("delivery does not begin before the results are published", async () => {
    const round = await insertRound({ phase: "results", ...scheduleFor("results", T) });
    setClock(() => T);
    await expect(advanceRound(admin, round.id, { kind: "early", reason: "Done", from: "results" })).rejects.toThrow(
      /results are published/,
    );
  });
});

describe("an admin extends a deadline", () => {
  it("moves a deadline that has not passed to a later time, with a transition row, an audit row and emails", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
    setClock(() => T);
    const later = new Date(round.proposalsOpensAt.getTime() + 48 * HOUR);
    await extendDeadline(admin, round.id, "proposalsOpensAt", later, "Many asked for more time");
    expect((await rowOf(round.id)).proposalsOpensAt).toEqual(later);
    const [transition] = await transitionsOf(round.id);
    expect(transition).toMatchObject({
      kind: "extension",
      fromPhase: "ideas",
      toPhase: "ideas",
      reason: "Many asked for more time",
    });
    const [audit] = await auditsOf(round.id, "round.deadline_extended");
    expect(audit.details).toMatchObject({
      field: "proposalsOpensAt",
      previous: round.proposalsOpensAt.toISOString(),
      next: later.toISOString(),
    });
    const emails = await db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `notification:%:deadline:${round.id}:%`));
    expect(emails).toHaveLength(1);
    // A second extension of the same deadline is allowed (the unique index covers phase changes only).
    await extendDeadline(admin, round.id, "proposalsOpensAt", new Date(later.getTime() + HOUR), "And a little more");
    expect(await transitionsOf(round.id)).toHaveLength(2);
  });

  it("refuses a deadline that has passed, an earlier time, and a time past the next date", async () => {
    const round = await insertRound({ phase: "proposals", ...scheduleFor("proposals", T) });
    setClock(() => T);
    await expect(
      extendDeadline(admin, round.id, "proposalsOpensAt", new Date(T.getTime() + HOUR), "Late"),
    ).rejects.toMatchObject({
      fieldErrors: { field: expect.stringMatching(/passed .* so it can no longer be extended/) },
    });
    await expect(
      extendDeadline(
        admin,
        round.id,
        "shortlistingOpensAt",
        new Date(round.shortlistingOpensAt.getTime() - HOUR),
        "Earlier",
      ),
    ).rejects.toMatchObject({
      fieldErrors: { newTime: expect.stringMatching(/after the current one/) },
    });
    await expect(
      extendDeadline(admin, round.id, "shortlistingOpensAt", new Date(round.votingOpensAt.getTime() + HOUR), "Too far"),
    ).rejects.toMatchObject({
      fieldErrors: { newTime: expect.stringMatching(/before the opening of voting/) },
    });
    await expect(
      extendDeadline(
        member,
        round.id,
        "shortlistingOpensAt",
        new Date(round.shortlistingOpensAt.getTime() + HOUR),
        "Me",
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    expect(await transitionsOf(round.id)).toHaveLength(0);
  });
});

describe("an admin's extension racing the scheduler", () => {
  it("either the extension comes first and nothing moves, or the phase moves and the extension is refused", async () => {
    const outcomes = new Set<string>();
    // The clock steps a millisecond on every read, straddling the deadline, so the order in which
    // the two transactions take the lock decides which one sees the deadline as passed.
    for (const offset of [-3, -2, -1, 0, 1, 2]) {
      const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
      const deadline = round.proposalsOpensAt;
      let tick = deadline.getTime() + offset;
      setClock(() => new Date(tick++));
      const extended = new Date(deadline.getTime() + 24 * HOUR);
      const [extension] = await Promise.allSettled([
        extendDeadline(admin, round.id, "proposalsOpensAt", extended, "More time"),
        runScheduler(),
      ]);
      // A scheduler that read the clock just before the deadline may leave the change to its
      // next run; run it once more, after the deadline, and look at where everything settled.
      await runScheduler(new Date(deadline.getTime() + 1000));
      const after = await rowOf(round.id);
      const rows = await transitionsOf(round.id);
      if (extension.status === "fulfilled") {
        outcomes.add("extended");
        expect(after.phase).toBe("ideas");
        expect(after.proposalsOpensAt).toEqual(extended);
        expect(rows.map((r) => r.kind)).toEqual(["extension"]);
      } else {
        outcomes.add("moved on");
        expect(String(extension.reason)).toMatch(/can no longer be extended/);
        expect(after.phase).toBe("proposals");
        expect(after.proposalsOpensAt).toEqual(deadline);
        expect(rows.map((r) => r.kind)).toEqual(["scheduled"]);
      }
    }
    // The clock offsets are chosen so both orders happen: the test sees each outcome.
    expect([...outcomes].sort()).toEqual(["extended", "moved on"]);
  });

  it("extension first: the scheduler finds nothing due; scheduler first: the extension is refused", async () => {
    const a = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
    setClock(() => new Date(a.proposalsOpensAt.getTime() - 1000));
    await extendDeadline(admin, a.id, "proposalsOpensAt", new Date(a.proposalsOpensAt.getTime() + HOUR), "More time");
    setClock(() => new Date(a.proposalsOpensAt.getTime() + 1000));
    await runScheduler();
    expect((await rowOf(a.id)).phase).toBe("ideas");

    const b = await insertRound({ phase: "ideas", ...scheduleFor("ideas", T) });
    setClock(() => new Date(b.proposalsOpensAt.getTime() + 1000));
    await runScheduler();
    await expect(
      extendDeadline(admin, b.id, "proposalsOpensAt", new Date(b.proposalsOpensAt.getTime() + HOUR), "Too late"),
    ).rejects.toBeInstanceOf(Conflict);
    expect((await rowOf(b.id)).phase).toBe("proposals");
  });
});
