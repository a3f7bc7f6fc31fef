// The linking attack of issue 19, tried as the programme team would: three members vote (one
// replaces their ballot five times), voting closes, the results are published; then everything an
// admin can see — every admin page of the round, the outbox and each email in it, the audit log,
// the exports, their notifications, the server log — is set beside the public files, and the test
// tries to pair a ledger entry with a person. Any pairing fails the test (docs/decisions/0013).
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { ballotLedger, ballots, outbox, rounds, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createVotingRound } from "../../db/seed/factories/voting";
import { resetClock, setClock } from "../../app/lib/clock";
import { formatLondon } from "../../app/lib/time";
import { markSent } from "../../app/modules/notifications/outbox.server";
import { deliverBatch } from "../../app/modules/notifications/mailer.server";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { castBallot } from "../../app/modules/voting/cast-ballot.server";
import { publishResults } from "../../app/modules/voting/publish-results.server";
import { loader as adminHome } from "../../app/routes/admin._index";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { loader as outboxEmailLoader } from "../../app/routes/admin.outbox.$id";
import { loader as outboxListLoader } from "../../app/routes/admin.outbox._index";
import { loader as roundDashboard } from "../../app/routes/admin.rounds.$round._index";
import { loader as adminExport } from "../../app/routes/admin.rounds.$round.data.$file";
import { loader as adminResults } from "../../app/routes/admin.rounds.$round.results";
import { loader as userLoader } from "../../app/routes/admin.users.$user";
import { loader as usersLoader } from "../../app/routes/admin.users._index";
import { loader as notificationsLoader } from "../../app/routes/me.notifications._index";
import { loader as publicExport } from "../../app/routes/rounds.$round_.data.$file";
import { loader as csvLoader } from "../../app/routes/rounds.$round_.results.ledger[.]csv";
import { loader as jsonLoader } from "../../app/routes/rounds.$round_.results.ledger[.]json";
import { loader as resultsJson } from "../../app/routes/rounds.$round_.results[.]json";
import { loader as resultsPage } from "../../app/routes/rounds.$round_.results._index";
import { context, cookieFor, get, run } from "../support/http";

// The server log as the programme team might read it: every line the app's logger writes.
const log = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock("../../app/lib/logger.server", async () => {
  const { pino } = await import("pino");
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log.lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: pino({ level: "trace" }, stream) };
});
beforeEach(() => void (log.lines.length = 0));

type Loader = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof context>;
}) => unknown;

describe("the linking attack: the programme team pairing people with ledger entries", () => {
  it("fails through every page, file, email, audit row, notification and log line an admin can see", async () => {
    const v = await createVotingRound({ perCategory: 3 });
    const slug = v.round.slug;
    const admin = await createUser({ isAdmin: true, name: "Ada Admin" });
    const voters = [
      await createUser({ name: "Alice Ashdown" }),
      await createUser({ name: "Bob Birchwood" }),
      await createUser({ name: "Carol Cranleigh" }),
    ];
    const picks = (n: number) =>
      v.round.categories.flatMap((c) => {
        const ids = v.shortlist[c.id];
        return [ids[n % ids.length], ids[(n + 1) % ids.length]].map((proposalId) => ({ categoryId: c.id, proposalId }));
      });
    // Alice and Bob vote once; Carol votes, then replaces her ballot five times.
    const receipts = new Map<User, string[]>(voters.map((u) => [u, []]));
    for (const [u, times] of [
      [voters[0], 1],
      [voters[1], 1],
      [voters[2], 6],
    ] as const) {
      for (let i = 0; i < times; i++) {
        const { receiptCode } = await castBallot(u, {
          roundId: v.round.id,
          picks: picks(i + voters.indexOf(u)),
          idempotencyKey: `linking-${u.id}-${i}`,
        });
        receipts.get(u)!.push(receiptCode);
      }
    }
    // The development mail "server": no SMTP_URL, so the worker logs what it would send.
    await deliverBatch({ name: "none", send: async () => {} }, 50);
    const [round] = await db.select().from(rounds).where(eq(rounds.id, v.round.id));
    await advanceRound(null, round.id, { kind: "scheduled", at: new Date(round.votingClosesAt.getTime() + 60_000) });
    // Published two days after the close (the publication's time is public; the ballots' are not).
    setClock(() => new Date(round.votingClosesAt.getTime() + 2 * 86_400_000));
    await publishResults(admin, { roundId: round.id });
    resetClock();

    // Everything the programme team can see.
    const cookie = await cookieFor(admin.id);
    const seen: string[] = [];
    const look = async (loader: Loader, path: string, params: Record<string, string> = {}) => {
      const answer = await run(async () => loader({ request: get(path, cookie), params, context: context() }));
      seen.push(typeof answer.data === "string" ? answer.data : JSON.stringify(answer.data));
      return answer;
    };
    await look(adminHome as Loader, "/admin");
    await look(auditLoader as Loader, "/admin/audit");
    await look(roundDashboard as Loader, `/admin/rounds/${slug}`, { round: slug });
    await look(adminResults as Loader, `/admin/rounds/${slug}/results`, { round: slug });
    for (const file of ["scores.csv", "proposals.csv", "scores.json", "proposals.json"])
      await look(adminExport as Loader, `/admin/rounds/${slug}/data/${file}`, { round: slug, file });
    for (const file of ["ideas.csv", "comments.csv", "results.csv", "results.json"])
      await look(publicExport as Loader, `/rounds/${slug}/data/${file}`, { round: slug, file });
    await look(usersLoader as Loader, "/admin/users");
    for (const u of voters) await look(userLoader as Loader, `/admin/users/${u.id}`, { user: u.id });
    await look(notificationsLoader as Loader, "/me/notifications");
    const list = await look(outboxListLoader as Loader, "/admin/outbox");
    for (const email of list.data.emails as Array<{ id: number }>)
      await look(outboxEmailLoader as Loader, `/admin/outbox/${email.id}`, { id: String(email.id) });
    // Guessing the ids of the receipt emails does not open them either.
    const opened: number[] = [];
    for (const row of await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.kind, "ballot_receipt"))) {
      const guessed = await look(outboxEmailLoader as Loader, `/admin/outbox/${row.id}`, { id: String(row.id) });
      if (guessed.status !== 404) opened.push(row.id);
    }
    seen.push(...log.lines);
    const adminView = seen.join("\n");

    // The public files, as anyone downloads them.
    const publicFile = async (loader: Loader, path: string) =>
      (await run(async () => loader({ request: get(path), params: { round: slug }, context: context() })))
        .data as string;
    const ledger = JSON.parse(await publicFile(jsonLoader as Loader, `/rounds/${slug}/results/ledger.json`));
    const ledgerCsv = await publicFile(csvLoader as Loader, `/rounds/${slug}/results/ledger.csv`);
    const results = await publicFile(resultsJson as Loader, `/rounds/${slug}/results.json`);
    const page = JSON.stringify(
      (
        await run(async () =>
          (resultsPage as Loader)({
            request: get(`/rounds/${slug}/results`),
            params: { round: slug },
            context: context(),
          }),
        )
      ).data,
    );
    const publicView = [JSON.stringify(ledger), ledgerCsv, results, page].join("\n");

    const pairings: string[] = [];
    // 1. A token of an entry (its reference, hash or receipt code) anywhere the admin looks.
    for (const entry of ledger.entries as Array<{ ref: string; entryHash: string; receiptCode: string }>)
      for (const token of [entry.ref, entry.entryHash, entry.receiptCode])
        if (adminView.includes(token)) pairings.push(`the admin can see ${token} of a ledger entry`);
    for (const [u, codes] of receipts)
      for (const code of codes)
        if (adminView.includes(code)) pairings.push(`the admin can see ${u.name}'s receipt ${code}`);
    // 2. Counts: a person who voted six times must not stand out from those who voted once. Each
    //    voter is mentioned exactly as often as the others, and the ledger has one entry per voter.
    const mentions = voters.map((u) => [u.email, u.name, u.id].reduce((n, s) => n + adminView.split(s).length - 1, 0));
    if (new Set(mentions).size !== 1) pairings.push(`the voters are mentioned ${mentions.join(", ")} times`);
    expect(ledger.entries).toHaveLength(3);
    for (const entry of ledger.entries)
      expect(Object.keys(entry).sort()).toEqual(["entryHash", "picks", "receiptCode", "ref", "source"]);
    // 3. Times: no time a ballot was cast is in the public files (ISO, or as the pages write it).
    const stored = await db
      .select({ at: ballotLedger.at })
      .from(ballotLedger)
      .where(eq(ballotLedger.roundId, round.id));
    const cast = await db
      .select({ at: ballots.castAt, first: ballots.firstCastAt })
      .from(ballots)
      .where(eq(ballots.roundId, round.id));
    for (const at of [...stored.map((r) => r.at), ...cast.flatMap((r) => [r.at, r.first])])
      for (const text of [at.toISOString(), at.toISOString().slice(0, 16), formatLondon(at)])
        if (publicView.includes(text)) pairings.push(`a ballot's time ${text} is public`);
    // 4. No personal detail reaches the public files at all.
    for (const u of voters)
      for (const s of [u.email, u.name, u.id]) if (publicView.includes(s)) pairings.push(`the public files name ${s}`);

    if (opened.length > 0) pairings.push(`the admin opened receipt emails ${opened.join(", ")}`);
    expect(pairings).toEqual([]);
    // And the attack was real: the voters did vote, and the admin did look.
    expect(receipts.get(voters[2])).toHaveLength(6);
    expect(mentions[0]).toBeGreaterThan(0);
  });

  it("a receipt email's text is erased once the mail server has it; other emails keep theirs", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const picks = v.round.categories.flatMap((c) =>
      v.shortlist[c.id].slice(0, 2).map((proposalId) => ({ categoryId: c.id, proposalId })),
    );
    const { receiptCode } = await castBallot(member, { roundId: v.round.id, picks, idempotencyKey: "privacy-test" });
    const [email] = await db.select().from(outbox).where(eq(outbox.toAddress, member.email));
    expect(email.textBody).toContain(receiptCode);
    expect(email.subject).not.toContain(receiptCode);
    await markSent(email.id);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, email.id));
    expect(sent.status).toBe("sent");
    expect(sent.textBody).toBe("");

    const user = await createUser();
    const [row] = await db
      .insert(outbox)
      .values({
        dedupeKey: "keep-text",
        kind: "verify_email",
        toAddress: user.email,
        subject: "Confirm",
        textBody: "Hello",
        nextAttemptAt: new Date(),
        createdAt: new Date(),
      })
      .returning();
    await markSent(row.id);
    const [kept] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(kept.textBody).toBe("Hello");
  });
});
