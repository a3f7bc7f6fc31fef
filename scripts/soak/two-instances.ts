// Figure 16: two app servers (ports 3231 and 3232) on one PostgreSQL database under mixed load for
// about a minute, then every rule that must hold across instances is checked in the database:
// - one ballot per member: one `ballots` row, ledger entries 1..n for their pseudonym, n = the
//   row's version = their accepted submissions (distinct keys answered 303 by either server; the
//   same form sent to both servers at once is one submission);
// - a comment form sent to both servers at once makes one comment;
// - an admin moving a round on from both servers at the same moment moves it once: one
//   transition, one audit row, one notification and one email per recipient;
// - the sign-in limit (10 failures per IP and per account in 15 minutes, counted in PostgreSQL) is
//   shared: failures through one server count on the other, and a burst split over both servers
//   gets no more than 10 password checks.
// Run: npm run soak -- --only two-instances (add --no-build after a build).
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, eq, like } from "drizzle-orm";
import { closeDb, db, initDb } from "../../db/client";
import {
  auditLog,
  ballotLedger,
  ballots,
  ballotSubmissions,
  comments,
  notifications,
  outbox,
  rateLimitBuckets,
  rounds,
  roundTransitions,
  type User,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { createVotingRound } from "../../db/seed/factories/voting";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { pickField } from "../../app/modules/voting/ballot-form";
import { createSoakDatabase, report, SOAK_SECRET_KEY, startServer, stopServer, type Server } from "./support";

const PORTS = [3231, 3232];
const DURATION_MS = Number(process.env.SOAK_SECONDS ?? 60) * 1000;
const VOTERS = 30;
// Ten comments a minute per account, and the two sends of one form may both count: one form
// every 13 s or more keeps each commenter under it.
const COMMENTERS = 12;

// The voter pseudonyms are an HMAC under the servers' secret: this process computes them too.
process.env.SECRET_KEY = SOAK_SECRET_KEY;
const { voterRef } = await import("../../app/modules/voting/voter-ref.server");

const database = await createSoakDatabase("two-instances");
await initDb({ kind: "postgres", url: database.url, max: 5 });
const servers: Server[] = [];
const details: string[] = [];
let pass = true;
const fail = (why: string) => {
  pass = false;
  details.push(`FAILED: ${why}`);
};

try {
  // --- Seed, straight into the database with the factories.
  const v = await createVotingRound();
  const moving = await createRound({ phase: "ideas" });
  await insertIdea({ round: moving, lead: await createUser() });
  const admin = await createUser({ isAdmin: true, name: "Soak Admin" });
  const voters: User[] = [];
  for (let i = 0; i < VOTERS; i++) voters.push(await createUser());
  const commenters = voters.slice(0, COMMENTERS);
  const target = await createUser({ name: "Sign-in target" });
  const target2 = await createUser({ name: "Burst target" });
  const cookieJar = createCookie("__Host-qx_session");
  const cookieOf = async (user: User) =>
    (await cookieJar.serialize((await createSession(user.id)).token)).split(";")[0];
  const cookies = new Map<string, string>();
  for (const u of [...voters, admin]) cookies.set(u.id, await cookieOf(u));
  const idea = v.proposals[0];
  const ideaPath = `/rounds/${v.round.slug}/ideas/${idea.slug}`;

  for (const port of PORTS)
    servers.push(await startServer({ port, databaseUrl: database.url, env: { TRUST_PROXY: "true" } }));
  const [A, B] = servers.map((s) => s.base);

  // --- Load.
  type Answer = { status: number; location: string | null };
  const statuses = new Map<number, number>();
  let requests = 0;
  async function send(
    base: string,
    path: string,
    options: { form?: Record<string, string | string[]>; cookie?: string; ip?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { "X-Forwarded-For": options.ip ?? "192.0.2.1" };
    if (options.cookie) headers.Cookie = options.cookie;
    let body: URLSearchParams | undefined;
    if (options.form) {
      body = new URLSearchParams();
      for (const [k, value] of Object.entries(options.form))
        for (const item of Array.isArray(value) ? value : [value]) body.append(k, item);
      headers.Origin = base;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    requests++;
    try {
      const response = await fetch(`${base}${path}`, {
        method: options.form ? "POST" : "GET",
        headers,
        body,
        redirect: "manual",
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return { status: response.status, location: response.headers.get("location") };
    } catch (error) {
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
      return { status: 0, location: `${(error as Error).message}` };
    }
  }
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const jitter = (ms: number) => pause(ms * (0.5 + Math.random()));
  const key = () => randomBytes(16).toString("hex");
  const started = Date.now();
  const running = () => Date.now() - started < DURATION_MS;
  const ipOf = (i: number) => `10.0.${Math.floor(i / 200)}.${(i % 200) + 1}`;

  // Ballots: every voter now and then; a third of the time the same form to both servers at once,
  // sometimes two different forms (a changed mind) to the two servers at once.
  const ballotKeys = new Map<string, { voter: string; answers: Answer[] }>();
  let ballotSends = 0;
  async function voter(i: number) {
    const member = voters[i];
    const cookie = cookies.get(member.id)!;
    const path = `/rounds/${v.round.slug}/vote`;
    await jitter(1500);
    while (running()) {
      const offset = Math.random() < 0.5 ? 0 : 2;
      const form = (k: string) => {
        const f: Record<string, string | string[]> = { token: k, intent: "submit" };
        for (const c of v.round.categories) f[pickField(c.id)] = v.shortlist[c.id].slice(offset, offset + 2);
        return f;
      };
      const roll = Math.random();
      const plan: Array<[string, string]> =
        roll < 0.33
          ? (() => {
              const k = key();
              return [
                [A, k],
                [B, k],
              ] as Array<[string, string]>;
            })()
          : roll < 0.45
            ? [
                [A, key()],
                [B, key()],
              ]
            : [[Math.random() < 0.5 ? A : B, key()]];
      const answers = await Promise.all(
        plan.map(([base, k]) => send(base, path, { form: form(k), cookie, ip: ipOf(i) })),
      );
      plan.forEach(([, k], j) => {
        const entry = ballotKeys.get(k) ?? { voter: member.id, answers: [] };
        entry.answers.push(answers[j]);
        ballotKeys.set(k, entry);
      });
      ballotSends += plan.length;
      await jitter(3000);
    }
  }

  // Comments: each form sent to both servers at once.
  const commentKeys = new Map<string, Answer[]>();
  async function commenter(i: number) {
    const member = commenters[i];
    const cookie = cookies.get(member.id)!;
    await jitter(4000);
    let n = 0;
    while (running()) {
      const k = `${key()}-comment`;
      const form = { intent: "comment", body: `Soak comment ${i}-${n++}`, formKey: k };
      commentKeys.set(
        k,
        await Promise.all([A, B].map((base) => send(base, ideaPath, { form, cookie, ip: ipOf(1000 + i) }))),
      );
      await pause(13_000 + Math.random() * 3000);
    }
  }

  // Page views, alternating servers.
  async function reader(i: number) {
    const pages = ["/", "/rounds", `/rounds/${v.round.slug}`, ideaPath, `/rounds/${v.round.slug}/ideas`];
    let n = 0;
    while (running()) {
      const answer = await send(n % 2 ? A : B, pages[n % pages.length], {
        cookie: n % 3 ? cookies.get(voters[(i + n) % VOTERS].id) : undefined,
        ip: ipOf(2000 + i),
      });
      if (answer.status !== 200) fail(`GET ${pages[n % pages.length]} answered ${answer.status}`);
      n++;
      await jitter(400);
    }
  }

  // The admin moves the round on from both servers at the same moment.
  let advance: Answer[] = [];
  async function admins() {
    await pause(DURATION_MS / 3);
    const form = { intent: "advance", from: "ideas", reason: "Soak test: moving on from both servers at once" };
    advance = await Promise.all(
      [A, B].map((base) =>
        send(base, `/admin/rounds/${moving.slug}/phase`, { form, cookie: cookies.get(admin.id), ip: "192.0.2.50" }),
      ),
    );
  }

  // Sign-in: 12 failures in turn, alternating servers; then a burst of 24 split over both.
  const sequential: number[] = [];
  let burst: number[] = [];
  async function signIns() {
    await pause(DURATION_MS / 2);
    for (let n = 0; n < 12; n++) {
      const answer = await send(n % 2 ? B : A, "/sign-in", {
        form: { email: target.email, password: `wrong password ${n}` },
        ip: "198.51.100.7",
      });
      sequential.push(answer.status);
    }
    const attempts = Array.from({ length: 24 }, (_, n) =>
      send(n % 2 ? B : A, "/sign-in", {
        form: { email: target2.email, password: `wrong burst ${n}` },
        ip: "198.51.100.8",
      }),
    );
    burst = (await Promise.all(attempts)).map((a) => a.status);
  }

  await Promise.all([
    ...voters.map((_, i) => voter(i)),
    ...commenters.map((_, i) => commenter(i)),
    ...[0, 1, 2].map(reader),
    admins(),
    signIns(),
  ]);
  const seconds = Math.round((Date.now() - started) / 1000);
  details.push(
    `${seconds} s of load, ${requests} requests over both servers; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  if ((statuses.get(0) ?? 0) > 0) fail(`${statuses.get(0)} requests got no answer`);
  for (const [status, n] of statuses) if (status >= 500) fail(`${n} answers with status ${status}`);

  // --- Ballots: one per member; ledger entries = accepted submissions.
  const accepted = [...ballotKeys.entries()].filter(([, e]) => e.answers.some((a) => a.status === 303));
  const clashes = [...ballotKeys.values()].flatMap((e) => e.answers).filter((a) => a.status !== 303);
  for (const a of clashes) if (a.status !== 409) fail(`a ballot answered ${a.status}`);
  const rows = await db.select().from(ballots).where(eq(ballots.roundId, v.round.id));
  const ledger = await db.select().from(ballotLedger).where(eq(ballotLedger.roundId, v.round.id));
  const submissions = await db.select().from(ballotSubmissions).where(eq(ballotSubmissions.roundId, v.round.id));
  let membersWrong = 0;
  for (const member of voters) {
    const mine = rows.filter((r) => r.voterId === member.id);
    const ref = voterRef(v.round.id, member.id);
    const entries = ledger
      .filter((e) => e.voterRef === ref)
      .map((e) => e.version)
      .sort((x, y) => x - y);
    const acceptedKeys = new Set(accepted.filter(([, e]) => e.voter === member.id).map(([k]) => k));
    const claimed = submissions.filter((s) => s.voterId === member.id);
    const ok =
      mine.length === (acceptedKeys.size > 0 ? 1 : 0) &&
      entries.length === acceptedKeys.size &&
      entries.every((version, i) => version === i + 1) &&
      (mine[0]?.version ?? 0) === acceptedKeys.size &&
      claimed.length === acceptedKeys.size &&
      claimed.every((s) => acceptedKeys.has(s.idempotencyKey));
    if (!ok) membersWrong++;
  }
  const sameFormBoth = [...ballotKeys.values()].filter((e) => e.answers.length === 2).length;
  details.push(
    `ballots: ${ballotSends} sent (${sameFormBoth} forms to both servers at once), ${accepted.length} accepted, ${clashes.length} refused as clashes; ${rows.length} ballots rows for ${VOTERS} voters, ${ledger.length} ledger entries, ${submissions.length} submission keys; ${membersWrong} members wrong`,
  );
  if (membersWrong > 0) fail(`${membersWrong} members without exactly one ballot matching their accepted submissions`);
  if (ledger.length !== accepted.length)
    fail(`${ledger.length} ledger entries for ${accepted.length} accepted submissions`);

  // --- Comments: one per form.
  const posted = await db.select({ id: comments.id }).from(comments).where(eq(comments.ideaId, idea.id));
  const commentOk = [...commentKeys.values()].filter(
    (answers) => answers.every((a) => a.status === 303) && answers[0].location === answers[1].location,
  ).length;
  details.push(
    `comments: ${commentKeys.size} forms each sent to both servers at once, ${commentOk} answered 303 by both with the same address, ${posted.length} comments`,
  );
  if (posted.length !== commentKeys.size || commentOk !== commentKeys.size)
    fail("a comment form sent to both servers did not make exactly one comment");

  // --- The phase transition: once.
  const transitions = await db.select().from(roundTransitions).where(eq(roundTransitions.roundId, moving.id));
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.roundId, moving.id), eq(auditLog.action, "round.phase_changed")));
  const emails = await db
    .select({ to: outbox.toAddress })
    .from(outbox)
    .where(like(outbox.dedupeKey, `phase:${moving.id}:%`));
  const notes = await db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(like(notifications.dedupeKey, `phase:${moving.id}:%`));
  const [after] = await db.select({ phase: rounds.phase }).from(rounds).where(eq(rounds.id, moving.id));
  const dupes = (list: string[]) => list.length - new Set(list).size;
  details.push(
    `phase: admin answers ${advance.map((a) => a.status).join(" and ")}; round now ${after.phase}; ${transitions.length} transition, ${audits.length} audit row, ${notes.length} notifications (${dupes(notes.map((n) => n.userId))} repeated), ${emails.length} emails (${dupes(emails.map((e) => e.to))} repeated)`,
  );
  if (transitions.length !== 1 || audits.length !== 1 || after.phase !== "proposals")
    fail("the round was not moved on exactly once");
  if (advance.filter((a) => a.status === 303).length !== 1) fail("not exactly one admin request succeeded");
  if (notes.length === 0 || dupes(notes.map((n) => n.userId)) > 0 || dupes(emails.map((e) => e.to)) > 0)
    fail("the phase change was not notified exactly once per person");

  // --- Sign-in limit across servers.
  const buckets = (
    await db.select({ key: rateLimitBuckets.key }).from(rateLimitBuckets).where(like(rateLimitBuckets.key, "sign-in:%"))
  ).length;
  const checked = burst.filter((s) => s !== 429).length;
  details.push(
    `sign-in: 12 failures in turn over A/B answered ${sequential.join(",")}; a burst of 24 over both servers: ${checked} password checks, ${burst.filter((s) => s === 429).length} answered 429; ${buckets} counters, in PostgreSQL`,
  );
  if (sequential.slice(0, 10).some((s) => s !== 400) || sequential.slice(10).some((s) => s !== 429))
    fail("the sequential failures were not limited at 10 across both servers");
  if (checked > 10) fail(`a burst over both servers got ${checked} password checks (limit 10)`);
} catch (error) {
  fail(`${(error as Error).stack ?? error}`);
} finally {
  for (const server of servers) await stopServer(server);
  await closeDb();
  await database.drop();
}

report({
  figure: 16,
  title: "Two instances on one database",
  result: pass ? "all rules held across both servers" : "a rule was broken (see details)",
  pass,
  details,
});
