import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  auditLog,
  ballotLedger,
  ideas,
  ledgerSeals,
  outbox,
  projects,
  resultLines,
  roundResults,
  rounds,
  roundTransitions,
  users,
  type User,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createVotingRound, insertLedgerEntries, randomVoterRef } from "../../db/seed/factories/voting";
import { resetClock } from "../../app/lib/clock";
import { Conflict, Invalid } from "../../app/lib/errors";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { decideFunding } from "../../app/modules/voting/funding";
import { entryHash, merkleRoot, tally } from "../../app/modules/voting/ledger";
import { LEDGER_COLUMNS } from "../../app/modules/voting/ledger-export";
import { overrideResultLine, undoOverride } from "../../app/modules/voting/override-result.server";
import { publishResults } from "../../app/modules/voting/publish-results.server";
import { recountRound } from "../../app/modules/voting/recount.server";
import { ledgerDocument } from "../../app/modules/voting/results-queries.server";
import { loader as csvLoader } from "../../app/routes/rounds.$round_.results.ledger[.]csv";
import { loader as resultsJsonLoader } from "../../app/routes/rounds.$round_.results[.]json";
import { loader as jsonLoader } from "../../app/routes/rounds.$round_.results.ledger[.]json";
import { loader as receiptLoader } from "../../app/routes/rounds.$round_.receipt";
import { loader as resultsLoader } from "../../app/routes/rounds.$round_.results._index";
import { action as adminAction, loader as adminLoader } from "../../app/routes/admin.rounds.$round.results";
import { context, cookieFor, get, post, run } from "../support/http";

afterEach(() => resetClock());

const MINUTE = 60_000;
let admin: User;
beforeAll(async () => {
  admin = await createUser({ isAdmin: true, name: "Ada Admin" });
});

/** A round in voting with 3 proposals per category and a ledger: 5 online voters (one replaced their ballot) and 1 paper ballot. */
async function votedRound() {
  const scene = await createVotingRound({ perCategory: 3, requestedPence: 2_000_000 });
  const [a1, a2, a3, b1, b2, b3] = scene.proposals.map((p) => p.id);
  const start = scene.round.votingOpensAt.getTime();
  const at = (m: number) => new Date(start + m * MINUTE);
  const changer = randomVoterRef();
  const rows = await insertLedgerEntries(scene.round.id, [
    { picks: [a1, b1], at: at(1) },
    { picks: [a1, b2], at: at(2) },
    { picks: [a2, b1], at: at(3) },
    { picks: [a1, b1], at: at(4) },
    { voterRef: changer, version: 1, picks: [a3, b3], at: at(5) },
    { voterRef: changer, version: 2, picks: [a2, b1], at: at(6) },
    { picks: [a3, b2], at: at(7), source: "paper" },
  ]);
  return { ...scene, rows, replaced: rows[4], replacement: rows[5], ids: { a1, a2, a3, b1, b2, b3 } };
}

async function sealByClock(round: { id: string; votingClosesAt: Date }) {
  const result = await advanceRound(null, round.id, {
    kind: "scheduled",
    at: new Date(round.votingClosesAt.getTime() + MINUTE),
  });
  expect(result).toEqual({ status: "advanced", from: "voting", to: "results" });
}

const roundRow = async (id: string) => (await db.select().from(rounds).where(eq(rounds.id, id)))[0];

describe("sealing when voting closes", () => {
  it("at the scheduled close: stores the Merkle root of every entry, counts, and computes the lines with decideFunding", async () => {
    const { round, proposals, ids } = await votedRound();
    const eligible = (await db.select().from(users).where(eq(users.membership, "approved"))).filter(
      (u) => !u.suspendedAt,
    ).length;
    await sealByClock(round);

    const [seal] = await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, round.id));
    const doc = (await ledgerDocument(await roundRow(round.id)))!;
    // The seal covers the 6 ballots that count (the replaced one stays in the database only).
    expect(doc.entries).toHaveLength(6);
    expect(seal.root).toBe(await merkleRoot(await Promise.all(doc.entries.map((e) => entryHash(e)))));
    expect(seal).toMatchObject({ entries: 7, ballots: 6, eligible });

    const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
    const expectedTallies = { [ids.a1]: 3, [ids.a2]: 2, [ids.a3]: 1, [ids.b1]: 4, [ids.b2]: 2 };
    expect(results.tallies).toEqual(tally(doc.entries));
    expect(results.tallies).toEqual(
      Object.fromEntries(Object.entries(expectedTallies).sort(([a], [b]) => (a < b ? -1 : 1))),
    );
    expect(results).toMatchObject({ ballots: 6, eligible, publishedAt: null });

    const frozen = (await roundRow(round.id)).frozenSettings!;
    const decision = decideFunding({
      rule: frozen.fundingRule,
      potPence: frozen.potPence,
      categories: frozen.categories,
      proposals: proposals.map((p) => ({
        id: p.id,
        categoryId: p.categoryId,
        title: p.title,
        votes: (expectedTallies as Record<string, number>)[p.id] ?? 0,
        requestedPence: 2_000_000,
        calibratedScore: null,
        submittedAt: p.submittedAt!,
      })),
    });
    const lines = await db.select().from(resultLines).where(eq(resultLines.roundId, round.id));
    expect(lines).toHaveLength(6);
    for (const outcome of decision.outcomes) {
      const line = lines.find((l) => l.ideaId === outcome.id)!;
      expect(line).toMatchObject({
        rank: outcome.rank,
        roundRank: outcome.roundRank,
        recommendedFunded: outcome.funded,
        funded: outcome.funded,
        explanation: outcome.explanation,
        overrideReason: null,
      });
    }
    // Nobody picked b3: it is still a line, with 0 votes, and 2 of 3 per category are funded.
    expect(lines.find((l) => l.ideaId === ids.b3)).toMatchObject({ votes: 0, funded: false });
    expect(
      lines
        .filter((l) => l.funded)
        .map((l) => l.ideaId)
        .sort(),
    ).toEqual([ids.a1, ids.a2, ids.b1, ids.b2].sort());
    expect(results.spentPence).toBe(4 * 2_000_000);
  });

  it("when an admin closes voting early, the same transaction seals it, once", async () => {
    const { round } = await votedRound();
    await advanceRound(admin, round.id, { kind: "early", reason: "Closing the vote", from: "voting" });
    const seals = await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, round.id));
    expect(seals).toHaveLength(1);
    expect(seals[0].entries).toBe(7);
    // A scheduler arriving afterwards finds nothing due and seals nothing again.
    expect(
      await advanceRound(null, round.id, { kind: "scheduled", at: new Date(round.votingClosesAt.getTime() + MINUTE) }),
    ).toEqual({ status: "not-due" });
    expect(await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, round.id))).toHaveLength(1);
  });
});

describe("reviewing and publishing", () => {
  it("an override needs a reason and is audited; undoing it restores the rule's outcome", async () => {
    const { round, ids } = await votedRound();
    await sealByClock(round);
    await expect(
      overrideResultLine(admin, { roundId: round.id, ideaId: ids.b3, funded: true, reason: "  " }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      overrideResultLine(admin, { roundId: round.id, ideaId: ids.b3, funded: false, reason: "Same as the rule" }),
    ).rejects.toBeInstanceOf(Invalid);
    const member = await createUser();
    await expect(
      overrideResultLine(member, { roundId: round.id, ideaId: ids.b3, funded: true, reason: "Because I say so" }),
    ).rejects.toThrow(/programme team/);

    // Through the page: only admins; no reason is a 400 with the field error and the typed values kept.
    const cookie = await cookieFor(admin.id);
    const path = `/admin/rounds/${round.slug}/results`;
    const memberCookie = await cookieFor(member.id);
    expect(
      (
        await run(() =>
          adminLoader({ request: get(path, memberCookie), params: { round: round.slug }, context: context() }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await run(() =>
          adminAction({
            request: post(path, { intent: "undo", ideaId: ids.b3 }, memberCookie),
            params: { round: round.slug },
            context: context(),
          }),
        )
      ).status,
    ).toBe(403);
    const noReason = await run(() =>
      adminAction({
        request: post(
          `${path}?line=${ids.b3}`,
          { intent: "override", ideaId: ids.b3, funded: "yes", reason: "" },
          cookie,
        ),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/public reason/);
    const saved = await run(() =>
      adminAction({
        request: post(
          path,
          {
            intent: "override",
            ideaId: ids.b3,
            funded: "yes",
            reason: "Serves a community no other proposal reaches.",
          },
          cookie,
        ),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(saved.status).toBe(303);

    const [line] = await db.select().from(resultLines).where(eq(resultLines.ideaId, ids.b3));
    expect(line).toMatchObject({
      funded: true,
      recommendedFunded: false,
      overrideReason: "Serves a community no other proposal reaches.",
      overriddenById: admin.id,
    });
    const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
    expect(results.spentPence).toBe(5 * 2_000_000);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "results.line_overridden")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      subjectId: ids.b3,
      details: { funded: true, reason: "Serves a community no other proposal reaches." },
    });

    await undoOverride(admin, { roundId: round.id, ideaId: ids.b3 });
    const [undone] = await db.select().from(resultLines).where(eq(resultLines.ideaId, ids.b3));
    expect(undone).toMatchObject({ funded: false, overrideReason: null });
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "results.override_undone"))),
    ).toHaveLength(1);
  });

  it("publishing sets the states, tells each team, audits once, moves to delivery, and cannot happen twice", async () => {
    const { round, proposals, ids } = await votedRound();
    await sealByClock(round);
    await overrideResultLine(admin, {
      roundId: round.id,
      ideaId: ids.b3,
      funded: true,
      reason: "Serves a community no other proposal reaches.",
    });

    // Before publication a visitor sees turnout and the seal, not the tallies; an admin previews.
    const before = await run(() =>
      resultsLoader({
        request: get(`/rounds/${round.slug}/results`),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(before.data.state).toBe("checking");
    expect(before.data.categories).toBeUndefined();
    const adminCookie = await cookieFor(admin.id);
    const preview = await run(() =>
      resultsLoader({
        request: get(`/rounds/${round.slug}/results`, adminCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(preview.data.state).toBe("preview");

    const unconfirmed = await run(() =>
      adminAction({
        request: post(`/admin/rounds/${round.slug}/results`, { intent: "publish" }, adminCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toMatch(/Confirm/);

    const outcomes = await Promise.allSettled([
      publishResults(admin, { roundId: round.id }),
      publishResults(admin, { roundId: round.id }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    await expect(publishResults(admin, { roundId: round.id })).rejects.toBeInstanceOf(Conflict);

    const states = Object.fromEntries(
      (await db.select({ id: ideas.id, state: ideas.state }).from(ideas).where(eq(ideas.roundId, round.id))).map(
        (i) => [i.id, i.state],
      ),
    );
    expect(states).toEqual({
      [ids.a1]: "funded",
      [ids.a2]: "funded",
      [ids.a3]: "not_funded",
      [ids.b1]: "funded",
      [ids.b2]: "funded",
      [ids.b3]: "funded",
    });
    const after = await roundRow(round.id);
    expect(after.phase).toBe("delivery");
    // Each funded proposal became a project in the same transaction.
    const started = await db.select({ ideaId: projects.ideaId }).from(projects).where(eq(projects.roundId, round.id));
    expect(started.map((p) => p.ideaId).sort()).toEqual([ids.a1, ids.a2, ids.b1, ids.b2, ids.b3].sort());
    const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
    expect(results.publishedById).toBe(admin.id);
    expect(results.publishedAt).not.toBeNull();
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "results.published"))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(roundTransitions)
        .where(and(eq(roundTransitions.roundId, round.id), eq(roundTransitions.toPhase, "delivery"))),
    ).toHaveLength(1);
    for (const p of proposals) {
      const state = states[p.id];
      const emails = await db
        .select()
        .from(outbox)
        .where(like(outbox.dedupeKey, `notification:%:idea-state:${p.id}:${state}`));
      expect(emails.map((e) => e.toAddress)).toEqual([p.lead.email]);
    }

    const published = await run(() =>
      resultsLoader({
        request: get(`/rounds/${round.slug}/results`),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(published.data.state).toBe("published");
    const b = published.data.categories
      .flatMap((c: { lines: Array<{ ideaId: string; overrideReason: string | null }> }) => c.lines)
      .find((l: { ideaId: string }) => l.ideaId === ids.b3);
    expect(b.overrideReason).toBe("Serves a community no other proposal reaches.");
    const adminPage = await run(() =>
      adminLoader({
        request: get(`/admin/rounds/${round.slug}/results`, adminCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(adminPage.data.editable).toBe(false);
  });
});

describe("the embargo, the anonymised ledger, receipts and the recount", () => {
  const download = (loader: typeof csvLoader, slug: string, file: string) =>
    run(() => loader({ request: get(`/rounds/${slug}/${file}`), params: { round: slug }, context: context() }));
  const files = [
    [csvLoader, "results/ledger.csv"],
    [jsonLoader, "results/ledger.json"],
    [resultsJsonLoader, "results.json"],
  ] as const;

  it("before the results are published no file gives a ballot away: 404 before the close, then 403 with the seal", async () => {
    const { round, ids } = await votedRound();
    for (const [loader, file] of files) {
      const early = await download(loader, round.slug, file);
      expect(early.status).toBe(404);
      expect(early.data).toMatch(/voting has not closed/);
    }
    await sealByClock(round);
    const [seal] = await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, round.id));
    // A signed-in admin is under the same embargo: the programme team's recount reads the database.
    const cookie = await cookieFor(admin.id);
    for (const [loader, file] of files) {
      for (const request of [get(`/rounds/${round.slug}/${file}`), get(`/rounds/${round.slug}/${file}`, cookie)]) {
        const answer = await run(() => loader({ request, params: { round: round.slug }, context: context() }));
        expect(answer.status).toBe(403);
        expect(answer.headers.get("Content-Type")).toMatch(/text\/plain/);
        expect(answer.headers.get("Cache-Control")).toBe("no-store");
        expect(answer.data).toMatch(/under embargo until the programme team publishes them/);
        expect(answer.data).toContain(seal.root);
        expect(answer.data).toMatch(/ballots sealed: +6/);
        for (const id of Object.values(ids)) expect(answer.data).not.toContain(id);
      }
    }
    const recount = await recountRound(round.slug);
    expect(recount.ok).toBe(true);
    expect(recount.lines[0]).toMatch(/results not published yet/);
  });

  it("once published, the downloads carry only the anonymised fields, in a stable order", async () => {
    const { round } = await votedRound();
    await sealByClock(round);
    await publishResults(admin, { roundId: round.id });

    const csv = await download(csvLoader, round.slug, "results/ledger.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (csv.data as string).trim().split("\r\n");
    expect(lines[0]).toBe(LEDGER_COLUMNS.join(","));
    expect(lines).toHaveLength(7); // the header and the 6 ballots that count
    const json = await download(jsonLoader, round.slug, "results/ledger.json");
    const doc = JSON.parse(json.data as string);
    expect(Object.keys(doc).sort()).toEqual(["entries", "format", "hashing", "round", "seal"]);
    expect(doc.format).toBe("q-exchange-ledger/2");
    expect(Object.keys(doc.seal).sort()).toEqual(["ballots", "root", "sealedAt"]);
    for (const entry of doc.entries)
      expect(Object.keys(entry).sort()).toEqual(["entryHash", "picks", "receiptCode", "ref", "source"]);
    const results = JSON.parse((await download(resultsJsonLoader, round.slug, "results.json")).data as string);
    expect(results.format).toBe("q-exchange-results/1");
    expect(results.proposals).toHaveLength(6);

    const everyone = await db.select().from(users);
    const stored = await db.select().from(ballotLedger).where(eq(ballotLedger.roundId, round.id));
    for (const text of [csv.data as string, json.data as string]) {
      for (const person of everyone) {
        expect(text).not.toContain(person.id);
        expect(text).not.toContain(person.email);
        expect(text).not.toContain(person.name);
      }
      for (const row of stored) {
        expect(text).not.toContain(row.voterRef);
        expect(text).not.toContain(row.at.toISOString());
      }
    }
  });

  it("a receipt that counted is found; a replaced or unknown one reads the same; a malformed code is a 400", async () => {
    const { round, rows, replaced, replacement } = await votedRound();
    const check = (code: string) =>
      run(() =>
        receiptLoader({
          request: get(`/rounds/${round.slug}/receipt?code=${encodeURIComponent(code)}`),
          params: { round: round.slug },
          context: context(),
        }),
      );
    expect((await check(rows[0].receiptCode)).data.sealed).toBe(false);
    await sealByClock(round);
    // Sealed but not published: still under embargo.
    expect((await check(rows[0].receiptCode)).data.sealed).toBe(false);
    await publishResults(admin, { roundId: round.id });

    const counted = await check(rows[0].receiptCode.toLowerCase().replace("-", " "));
    expect(counted.status).toBe(200);
    expect(counted.data.check).toMatchObject({ found: true, verified: true, source: "online" });
    expect(Object.keys(counted.data.check)).not.toContain("version");
    expect(Object.keys(counted.data.check)).not.toContain("at");
    expect(counted.data.check.picks).toHaveLength(2);
    expect(JSON.stringify(counted.data)).not.toContain(rows[0].voterRef);
    expect((await check(replacement.receiptCode)).data.check).toMatchObject({ found: true, verified: true });

    // A coercer holding the replaced ballot's code learns no more than from a mistyped code.
    const unknown = rows.some((r) => r.receiptCode === "00000-00000") ? "00000-00001" : "00000-00000";
    const old = (await check(replaced.receiptCode)).data.check;
    expect(old).toEqual({ found: false, code: replaced.receiptCode });
    expect((await check(unknown)).data.check).toEqual({ found: false, code: unknown });

    const bad = await check("not a code");
    expect(bad.status).toBe(400);
    expect(bad.data.errors.code).toMatch(/10 letters and numbers/);
  });

  it("the programme team's recount matches, and a wrong seal in the database is named", async () => {
    const { round } = await votedRound();
    await sealByClock(round);
    const report = await recountRound(round.slug);
    expect(report).toMatchObject({ ok: true, difference: null });
    expect(report.lines.at(-1)).toMatch(/matches/);
    await db
      .update(ledgerSeals)
      .set({ root: "0".repeat(64) })
      .where(eq(ledgerSeals.roundId, round.id));
    const wrongRoot = await recountRound(round.slug);
    expect(wrongRoot.ok).toBe(false);
    expect(wrongRoot.difference).toMatch(
      /^Seal: the Merkle root of the entries is [0-9a-f]{64}, but the published seal is 0{64}/,
    );
  });
});
