import { spawn } from "node:child_process";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase } from "../../db/client";
import { auditLog, ballotLedger, ballots, outbox, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createRound } from "../../db/seed/factories/rounds";
import { createVotingRound } from "../../db/seed/factories/voting";
import { resetClock } from "../../app/lib/clock";
import { Forbidden, Invalid, PhaseClosed } from "../../app/lib/errors";
import { pickField } from "../../app/modules/voting/ballot-form";
import { castBallot } from "../../app/modules/voting/cast-ballot.server";
import { tally } from "../../app/modules/voting/ledger";
import { countingRows, ledgerEntryOf } from "../../app/modules/voting/ledger-rows.server";
import { eligibleMembers } from "../../app/modules/voting/queries.server";
import { recordPaperBallot } from "../../app/modules/voting/record-paper-ballot.server";
import { voterRef } from "../../app/modules/voting/voter-ref.server";
import { action as voteAction, loader as voteLoader } from "../../app/routes/rounds.$round_.vote";
import { loader as roundLoader } from "../../app/routes/rounds.$round._index";
import { action as paperAction, loader as paperLoader } from "../../app/routes/admin.rounds.$round.paper-ballots";
import { context, cookieFor, get, post, run } from "../support/http";
import { withDatabase } from "../support/test-database";

afterEach(() => resetClock());

type VotingRound = Awaited<ReturnType<typeof createVotingRound>>;

/** A valid ballot: the first two shortlisted proposals of every category, skipping `skip`. */
function picksFor(v: VotingRound, offset = 0, skip: string[] = []) {
  return v.round.categories.flatMap((c) =>
    v.shortlist[c.id]
      .filter((id) => !skip.includes(id))
      .slice(offset, offset + 2)
      .map((proposalId) => ({ categoryId: c.id, proposalId })),
  );
}

const key = (label: string | number) => `test-key-${label}-${Math.random().toString(36).slice(2)}`;

async function ledgerOf(roundId: string) {
  return db.select().from(ballotLedger).where(eq(ballotLedger.roundId, roundId)).orderBy(asc(ballotLedger.id));
}

async function ballotRows(roundId: string, voterId: string) {
  return db
    .select()
    .from(ballots)
    .where(and(eq(ballots.roundId, roundId), eq(ballots.voterId, voterId)));
}

describe("casting a ballot", () => {
  it("a valid ballot writes one ledger entry under the member's pseudonym and emails the receipt, without the picks", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const picks = picksFor(v);
    const result = await castBallot(member, { roundId: v.round.id, picks, idempotencyKey: key("valid") });
    expect(result).toMatchObject({ version: 1, repeated: false });
    expect(result.receiptCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const [entry] = await ledgerOf(v.round.id);
    expect(entry).toMatchObject({
      voterRef: voterRef(v.round.id, member.id),
      version: 1,
      source: "online",
      receiptCode: result.receiptCode,
    });
    expect(entry.voterRef).not.toContain(member.id);
    expect([...entry.picks].sort()).toEqual(picks.map((p) => p.proposalId).sort());
    expect(entry.at.getTime()).toBeLessThan(v.round.votingClosesAt.getTime());
    const [row] = await ballotRows(v.round.id, member.id);
    expect(row).toMatchObject({ version: 1, receiptCode: result.receiptCode });

    const emails = await db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `ballot:${v.round.id}:${member.id}:1`));
    expect(emails).toHaveLength(1);
    expect(emails[0].toAddress).toBe(member.email);
    expect(emails[0].textBody).toContain(result.receiptCode);
    for (const p of v.proposals) expect(emails[0].textBody).not.toContain(p.title);
  });

  it("wrong counts are refused with an error at each category, and nothing is written", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const [first, second] = v.round.categories;
    const tooFew = [
      { categoryId: first.id, proposalId: v.shortlist[first.id][0] },
      ...v.shortlist[second.id].slice(0, 3).map((proposalId) => ({ categoryId: second.id, proposalId })),
    ];
    const error = await castBallot(member, { roundId: v.round.id, picks: tooFew, idempotencyKey: key("wrong") }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors).toEqual({
      [pickField(first.id)]: `Choose 2 ideas in ${first.name}: you chose 1.`,
      [pickField(second.id)]: `Choose 2 ideas in ${second.name}: you chose 3.`,
    });
    expect(await ledgerOf(v.round.id)).toHaveLength(0);
    expect(await ballotRows(v.round.id, member.id)).toHaveLength(0);
  });

  it("a member cannot pick an idea whose team they are on unless the frozen rule allows it", async () => {
    const teamMember = await createUser();
    const v = await createVotingRound({ members: { 0: [teamMember] } });
    const own = v.proposals[0];
    const category = v.round.categories.find((c) => c.id === own.categoryId)!;
    const withOwn = picksFor(v);
    expect(withOwn.some((p) => p.proposalId === own.id)).toBe(true);
    const error = await castBallot(teamMember, {
      roundId: v.round.id,
      picks: withOwn,
      idempotencyKey: key("own"),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors[pickField(category.id)]).toBe(
      `You cannot choose an idea whose team you are on in ${category.name}.`,
    );
    await castBallot(teamMember, {
      roundId: v.round.id,
      picks: picksFor(v, 0, [own.id]),
      idempotencyKey: key("own-ok"),
    });

    const allowed = await createVotingRound({ members: { 0: [teamMember] }, allowOwnIdea: true });
    await expect(
      castBallot(teamMember, {
        roundId: allowed.round.id,
        picks: picksFor(allowed),
        idempotencyKey: key("own-allowed"),
      }),
    ).resolves.toMatchObject({ version: 1 });
  });

  it("only approved, unsuspended members may vote", async () => {
    const v = await createVotingRound();
    for (const person of [await createUser({ membership: "pending" }), await createUser({ suspendedAt: new Date() })]) {
      await expect(
        castBallot(person, { roundId: v.round.id, picks: picksFor(v), idempotencyKey: key("not-member") }),
      ).rejects.toBeInstanceOf(Forbidden);
    }
    expect(await ledgerOf(v.round.id)).toHaveLength(0);
  });

  it("replacing a ballot makes version 2, and the tally has no trace of the old picks", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const before = picksFor(v, 0);
    const after = picksFor(v, 2);
    await castBallot(member, { roundId: v.round.id, picks: before, idempotencyKey: key("first") });
    const second = await castBallot(member, { roundId: v.round.id, picks: after, idempotencyKey: key("second") });
    expect(second.version).toBe(2);
    const rows = await ledgerOf(v.round.id);
    expect(rows.map((e) => e.version)).toEqual([1, 2]);
    const counted = tally(countingRows(rows).map(ledgerEntryOf));
    expect(Object.keys(counted).sort()).toEqual(after.map((p) => p.proposalId).sort());
    for (const p of before) expect(counted[p.proposalId]).toBeUndefined();
    const [row] = await ballotRows(v.round.id, member.id);
    expect(row).toMatchObject({ version: 2, receiptCode: second.receiptCode });
    expect(row.firstCastAt.getTime()).toBeLessThanOrEqual(row.castAt.getTime());
  });

  it("200 parallel submissions by one member: one ballots row, ledger versions 1..200 exactly once", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        castBallot(member, { roundId: v.round.id, picks: picksFor(v, i % 2 === 0 ? 0 : 2), idempotencyKey: key(i) }),
      ),
    );
    expect(results.every((r) => !r.repeated)).toBe(true);
    const rows = await ballotRows(v.round.id, member.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(200);
    const versions = (await ledgerOf(v.round.id)).map((e) => e.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(versions);
  });

  it("the same idempotency key twice, in turn or at once, records one entry and gives the same receipt", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const same = key("same");
    const first = await castBallot(member, { roundId: v.round.id, picks: picksFor(v), idempotencyKey: same });
    const again = await castBallot(member, { roundId: v.round.id, picks: picksFor(v), idempotencyKey: same });
    expect(again).toMatchObject({ repeated: true, version: 1, receiptCode: first.receiptCode });

    const other = await createUser();
    const racing = key("racing");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        castBallot(other, { roundId: v.round.id, picks: picksFor(v, 2), idempotencyKey: racing }),
      ),
    );
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    expect(new Set(results.map((r) => r.receiptCode)).size).toBe(1);
    expect(await ledgerOf(v.round.id)).toHaveLength(2);
    const emails = await db.select().from(outbox).where(eq(outbox.kind, "ballot_receipt"));
    expect(emails.filter((e) => e.toAddress === other.email)).toHaveLength(1);

    // A form sent again after a later ballot (a retry arriving late) does not bring the old ballot back.
    const later = await castBallot(member, {
      roundId: v.round.id,
      picks: picksFor(v, 2),
      idempotencyKey: key("later"),
    });
    const late = await castBallot(member, { roundId: v.round.id, picks: picksFor(v), idempotencyKey: same });
    expect(late).toMatchObject({ repeated: true, version: 1, receiptCode: first.receiptCode });
    const [row] = await ballotRows(v.round.id, member.id);
    expect(row).toMatchObject({ version: 2, receiptCode: later.receiptCode });
    expect(await ledgerOf(v.round.id)).toHaveLength(3);
  });

  it("outside voting a ballot is refused with PhaseClosed", async () => {
    const round = await createRound({ phase: "shortlisting" });
    const member = await createUser();
    const error = await castBallot(member, { roundId: round.id, picks: [], idempotencyKey: key("early") }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PhaseClosed);
    expect(error.message).toMatch(/^Ballots can be cast only while voting is open/);
  });

  it("50 members either side of the close: exactly those recorded before it (by the database clock) are in the ledger", async () => {
    const v = await createVotingRound();
    const voters: User[] = [];
    for (let i = 0; i < 50; i++) voters.push(await createUser());
    const cast = (voter: User, i: number) =>
      castBallot(voter, {
        roundId: v.round.id,
        picks: picksFor(v, i % 2 === 0 ? 0 : 2),
        idempotencyKey: key(`close-${i}`),
      }).then(
        (r) => ({ ok: true as const, at: r.at }),
        (error) => ({ ok: false as const, error }),
      );
    // Ordered by events, not timers, so a slow machine changes nothing: 25 cast at once and
    // answered, then the close set to the database's "now", then 25 more at once. (Ballots in
    // flight at the close: security-ballots-race.test.ts, figure 2.)
    const before = await Promise.all(voters.slice(0, 25).map((voter, i) => cast(voter, i)));
    const [{ close }] = await databaseHandle().query<{ close: number }>(
      "update rounds set voting_closes_at = date_trunc('milliseconds', clock_timestamp()) where id = $1 returning (extract(epoch from voting_closes_at) * 1000)::float8 as close",
      [v.round.id],
    );
    const after = await Promise.all(voters.slice(25).map((voter, i) => cast(voter, 25 + i)));
    expect(before.every((o) => o.ok)).toBe(true);
    for (const o of after) {
      expect(o.ok).toBe(false);
      if (!o.ok) {
        expect(o.error).toBeInstanceOf(PhaseClosed);
        expect(o.error.message).toMatch(/^Voting closed at /);
      }
    }
    const ledger = await ledgerOf(v.round.id);
    expect(ledger).toHaveLength(25);
    for (const entry of ledger) expect(entry.at.getTime()).toBeLessThan(Number(close));
    // And after the close, nobody.
    const late = await castBallot(await createUser(), {
      roundId: v.round.id,
      picks: picksFor(v),
      idempotencyKey: key("late"),
    }).catch((e) => e);
    expect(late).toBeInstanceOf(PhaseClosed);
    expect((await ledgerOf(v.round.id)).length).toBe(25);
  });

  // PGlite is one in-process connection: a second handle to the same database cannot exist.
  it.skipIf(inject("database").kind === "pglite")(
    "two app servers (separate pools) sending the same member's ballots with the same keys accept each exactly once",
    async () => {
      const config = inject("database");
      if (config.kind !== "postgres") return;
      const [{ name }] = await databaseHandle().query<{ name: string }>("select current_database() as name");
      const other = await openDatabase({ kind: "postgres", url: withDatabase(config.url, name), max: 5 });
      try {
        const v = await createVotingRound();
        const member = await createUser();
        const keys = Array.from({ length: 20 }, (_, i) => key(`server-${i}`));
        const submit = (k: string, i: number, database?: typeof db) =>
          castBallot(
            member,
            { roundId: v.round.id, picks: picksFor(v, i % 2 === 0 ? 0 : 2), idempotencyKey: k },
            { database },
          );
        const results = await Promise.all(
          keys.flatMap((k, i) => [submit(k, i), submit(k, i, other.db), submit(k, i, other.db)]),
        );
        expect(results.filter((r) => !r.repeated)).toHaveLength(20);
        const versions = (await ledgerOf(v.round.id)).map((e) => e.version).sort((a, b) => a - b);
        expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const [row] = await ballotRows(v.round.id, member.id);
        expect(row.version).toBe(20);
      } finally {
        await other.close();
      }
    },
  );
});

// Two real processes, as two app servers would be: each opens its own pool and casts the same
// member's ballots with the same keys at the same moment.
describe("two app server processes on one PostgreSQL", () => {
  it.skipIf(inject("database").kind === "pglite")(
    "accept the same ballots exactly once",
    async () => {
      const config = inject("database");
      if (config.kind !== "postgres") return;
      const [{ name }] = await databaseHandle().query<{ name: string }>("select current_database() as name");
      const v = await createVotingRound();
      const member = await createUser();
      const ballotsToSend = Array.from({ length: 30 }, (_, i) => ({
        key: key(`process-${i}`),
        picks: picksFor(v, i % 2 === 0 ? 0 : 2),
      }));
      const input = JSON.stringify({
        url: withDatabase(config.url, name),
        voterId: member.id,
        roundId: v.round.id,
        ballots: ballotsToSend,
      });
      const children = [0, 1].map(() =>
        spawn(process.execPath, ["--import", "tsx", "tests/support/ballot-process.ts", input], {
          stdio: ["pipe", "pipe", "inherit"],
        }),
      );
      const outputs = children.map(
        (child) =>
          new Promise<string[]>((resolve, reject) => {
            const lines: string[] = [];
            let buffer = "";
            child.stdout!.on("data", (chunk: Buffer) => {
              buffer += chunk.toString();
              while (buffer.includes("\n")) {
                const at = buffer.indexOf("\n");
                lines.push(buffer.slice(0, at));
                buffer = buffer.slice(at + 1);
              }
            });
            child.on("exit", (code) =>
              code === 0 ? resolve(lines) : reject(new Error(`ballot process exited with ${code}`)),
            );
          }),
      );
      const ready = children.map(
        (child) => new Promise<void>((resolve) => child.stdout!.once("data", () => resolve())),
      );
      await Promise.all(ready);
      for (const child of children) child.stdin!.end("go\n");
      const [a, b] = (await Promise.all(outputs)).map(
        (lines) =>
          JSON.parse(lines[lines.length - 1]) as Array<{
            key: string;
            receiptCode?: string;
            repeated?: boolean;
            error?: string;
          }>,
      );

      expect([...a, ...b].filter((r) => r.error)).toEqual([]);
      // Each key was accepted once, by one process; the other got the same receipt as a repeat.
      for (const sent of ballotsToSend) {
        const both = [a, b].map((results) => results.find((r) => r.key === sent.key)!);
        expect(both.filter((r) => !r.repeated)).toHaveLength(1);
        expect(both[0].receiptCode).toBe(both[1].receiptCode);
      }
      const versions = (await ledgerOf(v.round.id)).map((e) => e.version).sort((x, y) => x - y);
      expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const [row] = await ballotRows(v.round.id, member.id);
      expect(row.version).toBe(30);
    },
    60_000,
  );
});

describe("paper ballots", () => {
  it("an admin enters a counted paper ballot: marked paper in the ledger, audited, entered once however often the form is sent", async () => {
    const admin = await createUser({ isAdmin: true });
    const v = await createVotingRound();
    const token = key("paper");
    const picks = picksFor(v);
    const first = await recordPaperBallot(admin, { roundId: v.round.id, picks, idempotencyKey: token });
    const again = await recordPaperBallot(admin, { roundId: v.round.id, picks, idempotencyKey: token });
    expect(first).toMatchObject({ repeated: false, paperBallots: 1 });
    expect(again).toMatchObject({ repeated: true, paperBallots: 1, receiptCode: first.receiptCode });
    await recordPaperBallot(admin, { roundId: v.round.id, picks: picksFor(v, 2), idempotencyKey: key("paper-2") });

    const ledger = await ledgerOf(v.round.id);
    expect(ledger).toHaveLength(2);
    expect(
      ledger.every((e) => e.source === "paper" && e.version === 1 && /^paper-[0-9a-f]{32}$/.test(e.voterRef)),
    ).toBe(true);
    expect(new Set(ledger.map((e) => e.voterRef)).size).toBe(2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, v.round.id), eq(auditLog.action, "ballot.paper_recorded")));
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actorId === admin.id)).toBe(true);
    expect(await db.select().from(ballots).where(eq(ballots.roundId, v.round.id))).toHaveLength(0);
  });

  it("paper ballots need the right counts, may name anyone's idea, and only admins enter them", async () => {
    const admin = await createUser({ isAdmin: true });
    const v = await createVotingRound({ members: { 0: [admin] } });
    const [category] = v.round.categories;
    const error = await recordPaperBallot(admin, {
      roundId: v.round.id,
      picks: [{ categoryId: category.id, proposalId: v.shortlist[category.id][0] }],
      idempotencyKey: key("p"),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(v.round.categories.map((c) => pickField(c.id)).sort());
    await expect(
      recordPaperBallot(admin, { roundId: v.round.id, picks: picksFor(v), idempotencyKey: key("p2") }),
    ).resolves.toMatchObject({ repeated: false });
    await expect(
      recordPaperBallot(await createUser(), { roundId: v.round.id, picks: picksFor(v), idempotencyKey: key("p3") }),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("the ballot page", () => {
  const path = (slug: string) => `/rounds/${slug}/vote`;
  const formFor = (v: VotingRound, token: string, intent: string, offset = 0, take = 2) => {
    const fields: Record<string, string | string[]> = { token, intent };
    for (const c of v.round.categories) fields[pickField(c.id)] = v.shortlist[c.id].slice(offset, offset + take);
    return fields;
  };

  it("sends a visitor to sign in, and tells a non-member why they cannot vote (403)", async () => {
    const v = await createVotingRound();
    const params = { round: v.round.slug };
    const visitor = await run(() => voteLoader({ request: get(path(v.round.slug)), params, context: context() }));
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(path(v.round.slug))}`);

    const account = await createUser({ membership: "none", membershipDecidedAt: null });
    const cookie = await cookieFor(account.id);
    const page = await run(() => voteLoader({ request: get(path(v.round.slug), cookie), params, context: context() }));
    expect(page.status).toBe(403);
    expect(page.data.state).toBe("not-member");
    expect(JSON.stringify(page.data)).not.toContain(v.proposals[0].title);
    const sent = await run(() =>
      voteAction({
        request: post(path(v.round.slug), formFor(v, key("x"), "submit"), cookie),
        params,
        context: context(),
      }),
    );
    expect(sent.status).toBe(403);
    expect(await ledgerOf(v.round.id)).toHaveLength(0);
  });

  it("outside voting the page says so and a submission is refused", async () => {
    const round = await createRound({ phase: "proposals" });
    const member = await createUser();
    const cookie = await cookieFor(member.id);
    const params = { round: round.slug };
    const page = await run(() => voteLoader({ request: get(path(round.slug), cookie), params, context: context() }));
    expect(page.status).toBe(200);
    expect(page.data.state).toBe("closed");
    expect(page.data.reason).toMatch(/^Ballots can be cast only while voting is open/);
    const sent = await run(() =>
      voteAction({
        request: post(path(round.slug), { token: key("closed"), intent: "submit" }, cookie),
        params,
        context: context(),
      }),
    );
    expect(sent.status).toBe(403);
    expect(sent.data.errors.form).toMatch(/voting is open/);
  });

  it("wrong counts: 400 with an error per category and the picks kept; then check, submit, and the page shows the ballot", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const cookie = await cookieFor(member.id);
    const params = { round: v.round.slug };
    const page = await run(() => voteLoader({ request: get(path(v.round.slug), cookie), params, context: context() }));
    expect(page.data.state).toBe("open");
    expect(page.data.current).toBeNull();
    expect(page.data.categories.map((c: { proposals: unknown[] }) => c.proposals.length)).toEqual([4, 4]);
    const token = page.data.token;

    const wrong = await run(() =>
      voteAction({
        request: post(path(v.round.slug), formFor(v, token, "check", 0, 3), cookie),
        params,
        context: context(),
      }),
    );
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.data.errors).sort()).toEqual(v.round.categories.map((c) => pickField(c.id)).sort());
    expect(wrong.data.picks[v.round.categories[0].id]).toEqual(v.shortlist[v.round.categories[0].id].slice(0, 3));
    expect(wrong.data.token).toBe(token);

    const check = await run(() =>
      voteAction({ request: post(path(v.round.slug), formFor(v, token, "check"), cookie), params, context: context() }),
    );
    expect(check.status).toBe(200);
    expect(check.data.step).toBe("check");
    expect(await ledgerOf(v.round.id)).toHaveLength(0);

    const submitted = await run(() =>
      voteAction({
        request: post(path(v.round.slug), formFor(v, token, "submit"), cookie),
        params,
        context: context(),
      }),
    );
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe(path(v.round.slug));
    const again = await run(() =>
      voteAction({
        request: post(path(v.round.slug), formFor(v, token, "submit"), cookie),
        params,
        context: context(),
      }),
    );
    expect(again.status).toBe(303);
    const ledger = await ledgerOf(v.round.id);
    expect(ledger).toHaveLength(1);

    const after = await run(() => voteLoader({ request: get(path(v.round.slug), cookie), params, context: context() }));
    expect(after.data.current.receiptCode).toBe(ledger[0].receiptCode);
    expect(after.data.current.picks[v.round.categories[0].id].sort()).toEqual(
      v.shortlist[v.round.categories[0].id].slice(0, 2).sort(),
    );
    expect(after.data.token).not.toBe(token);

    // The round page shows turnout while voting is open, never a tally.
    const roundPage = await run(() =>
      roundLoader({ request: get(`/rounds/${v.round.slug}`, cookie), params, context: context() }),
    );
    const eligible = await eligibleMembers();
    expect(roundPage.data.voting.turnout).toBe(
      `1 of ${eligible.toLocaleString("en-GB")} ${eligible === 1 ? "member" : "members"} has voted (${Math.round(100 / eligible)}%)`,
    );
    for (const p of v.proposals) expect(JSON.stringify(roundPage.data)).not.toContain(p.id);
  });

  it("own ideas are shown but marked when the rule does not allow them", async () => {
    const member = await createUser();
    const v = await createVotingRound({ members: { 1: [member] } });
    const cookie = await cookieFor(member.id);
    const page = await run(() =>
      voteLoader({ request: get(path(v.round.slug), cookie), params: { round: v.round.slug }, context: context() }),
    );
    const proposals = page.data.categories.flatMap((c: { proposals: { id: string; own: boolean }[] }) => c.proposals);
    expect(proposals.filter((p: { own: boolean }) => p.own).map((p: { id: string }) => p.id)).toEqual([
      v.proposals[1].id,
    ]);
    expect(page.data.allowOwnIdea).toBe(false);
  });

  it("the admin's paper ballot page enters a ballot and counts them; members cannot open it", async () => {
    const admin = await createUser({ isAdmin: true });
    const v = await createVotingRound();
    const params = { round: v.round.slug };
    const url = `/admin/rounds/${v.round.slug}/paper-ballots`;
    const cookie = await cookieFor(admin.id);
    const page = await run(() => paperLoader({ request: get(url, cookie), params, context: context() }));
    expect(page.data).toMatchObject({ entered: 0, closed: null });
    const wrong = await run(() =>
      paperAction({ request: post(url, formFor(v, page.data.token, "", 0, 1), cookie), params, context: context() }),
    );
    expect(wrong.status).toBe(400);
    const sent = await run(() =>
      paperAction({ request: post(url, formFor(v, page.data.token, ""), cookie), params, context: context() }),
    );
    expect(sent.status).toBe(303);
    const after = await run(() => paperLoader({ request: get(url, cookie), params, context: context() }));
    expect(after.data.entered).toBe(1);
    const member = await cookieFor((await createUser()).id);
    expect((await run(() => paperLoader({ request: get(url, member), params, context: context() }))).status).toBe(403);
    expect(
      (
        await run(() =>
          paperAction({ request: post(url, formFor(v, key("m"), ""), member), params, context: context() }),
        )
      ).status,
    ).toBe(403);
  });
});
