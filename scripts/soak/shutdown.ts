// Figure 14 — a graceful shutdown under load: the built server takes ~100 requests a second
// (pages, a resource route and comment posts by signed-in members, over keep-alive connections)
// and gets SIGTERM after a few seconds. Every request on a connection the server had accepted must
// complete with its normal status; once the listener is closed new connections are refused at
// connect (ECONNREFUSED: what a load balancer retries elsewhere; counted apart, not as failures).
// The process must exit within its grace period with its database pool closed, and every comment
// post that was answered 303 must be in the database (rows = successes).
import http from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import postgres from "postgres";
import { closeDb, initDb } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { generateToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { createSoakDatabase, report, startServer, type Server, type SoakResult } from "./support";

const PORT = Number(process.env.SOAK_SHUTDOWN_PORT ?? 3241);
const RATE = 100; // requests a second, sent open-loop (a request every 10 ms whatever the latency)
const BEFORE_SIGNAL_MS = 5_000;
const AFTER_SIGNAL_MS = 3_000;
const GRACE_MS = 10_000; // server.ts exits by force after 10 s
const MEMBERS = 120;
const title = "Shutdown: SIGTERM during 100 requests/s";

type Kind = "page" | "idea page" | "resource" | "comment";
type Outcome = {
  kind: Kind;
  sentAt: number;
  /** When the request's connection was established (undefined: never connected). */
  connectedAt?: number;
  reused: boolean;
  status?: number;
  error?: string;
  token?: string;
  closeHeader?: boolean;
  ms?: number;
  /** When the client's pool gave the request a connection (it waits there while all are busy). */
  assignedAt?: number;
};

const database = await createSoakDatabase("shutdown");
const details: string[] = [];
let server: Server | undefined;

async function prepare() {
  await initDb({ kind: "postgres", url: database.url, max: 4 });
  const round = await createRound({ phase: "ideas" });
  const lead = await createUser({ name: "Soak Lead" });
  const ideas = [];
  for (let i = 0; i < 4; i++) ideas.push(await insertIdea({ round, lead, title: `Soak idea ${i + 1}` }));
  const members = [];
  for (let i = 0; i < MEMBERS; i++) members.push(await createUser({ name: `Soak Member ${i + 1}` }));
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const sessions = members.map((m) => ({ userId: m.id, token: generateToken() }));
  await sql`
    insert into sessions (id, user_id, created_at, last_used_at, expires_at, two_factor_verified)
    select h, u, now(), now(), now() + interval '1 day', false
    from unnest(${sessions.map((s) => hashToken(s.token))}::text[], ${sessions.map((s) => s.userId)}::uuid[]) as t(h, u)`;
  await sql.end();
  await closeDb();
  // The production cookie: __Host-qx_session, its value JSON-encoded then base64 as Remix's createCookie does.
  const encode = (token: string) => Buffer.from(JSON.stringify(token), "utf8").toString("base64");
  const cookies = sessions.map((s) => `__Host-qx_session=${encodeURIComponent(encode(s.token))}`);
  return { round, ideas, cookies };
}

async function run(): Promise<SoakResult> {
  const { round, ideas, cookies } = await prepare();
  server = await startServer({ port: PORT, databaseUrl: database.url, env: { TRUST_PROXY: "true" } });
  const base = server.base;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 24 });
  const connectedAt = new WeakMap<Socket, number>();
  const outcomes: Outcome[] = [];
  let n = 0;

  const send = (): Promise<void> => {
    const i = n++;
    const pick = i % 10;
    const kind: Kind = pick < 4 ? "page" : pick < 6 ? "idea page" : pick < 8 ? "resource" : "comment";
    const idea = ideas[i % ideas.length];
    const outcome: Outcome = { kind, sentAt: Date.now(), reused: false };
    outcomes.push(outcome);
    const headers: Record<string, string> = { "x-forwarded-for": `10.1.${(i >> 8) & 255}.${i & 255}` };
    let path = "/";
    let body: string | undefined;
    if (kind === "idea page") path = `/rounds/${round.slug}/ideas/${idea.slug}`;
    if (kind === "resource") path = `/rounds/${round.slug}/data/ideas.csv`;
    if (kind === "comment") {
      path = `/rounds/${round.slug}/ideas/${idea.slug}`;
      outcome.token = `soak-${i}-${Math.random().toString(36).slice(2, 10)}`;
      body = new URLSearchParams({
        intent: "comment",
        body: `Soak comment ${outcome.token}: has anyone tried this on a night shift?`,
      }).toString();
      Object.assign(headers, {
        "content-type": "application/x-www-form-urlencoded",
        origin: base,
        cookie: cookies[i % cookies.length],
      });
    }
    return new Promise<void>((resolve) => {
      const req = http.request(`${base}${path}`, { method: body ? "POST" : "GET", agent, headers, timeout: 20_000 });
      req.on("socket", (socket: Socket) => {
        outcome.assignedAt = Date.now();
        if (connectedAt.has(socket)) {
          outcome.reused = true;
          outcome.connectedAt = connectedAt.get(socket);
        } else if (!socket.connecting) {
          connectedAt.set(socket, Date.now());
          outcome.connectedAt = connectedAt.get(socket);
        } else {
          socket.once("connect", () => {
            connectedAt.set(socket, Date.now());
            outcome.connectedAt = connectedAt.get(socket);
          });
        }
      });
      req.on("response", (res) => {
        outcome.closeHeader = res.headers.connection === "close";
        res.on("data", () => {});
        res.on("end", () => {
          outcome.status = res.statusCode;
          outcome.ms = Date.now() - (outcome.assignedAt ?? outcome.sentAt);
          resolve();
        });
        res.on("aborted", () => {
          outcome.error = "response aborted";
          resolve();
        });
        res.on("error", (error: NodeJS.ErrnoException) => {
          outcome.error ??= error.code ?? error.message;
          resolve();
        });
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
      req.on("error", (error: NodeJS.ErrnoException) => {
        outcome.error ??= error.code ?? error.message;
        resolve();
      });
      req.end(body);
    });
  };

  // Warm-up (not counted): each kind of request once, one after another.
  for (let i = 0; i < 10; i++) await send();
  const warmUp = outcomes.splice(0, outcomes.length);
  if (warmUp.some((o) => o.error || (o.status !== 200 && o.status !== 303))) {
    throw new Error(`the warm-up failed: ${warmUp.map((o) => `${o.kind} ${o.status ?? o.error}`).join(", ")}`);
  }

  // Open loop: one request every 10 ms, for the run before and after the signal.
  const pending: Promise<void>[] = [];
  n = 0;
  const started = Date.now();
  let signalAt = 0;
  let exitAt = 0;
  const exited = server.exited.then((code) => {
    exitAt = Date.now();
    return code;
  });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - started;
      const due = Math.floor((elapsed * RATE) / 1000);
      while (n < due) pending.push(send());
      if (!signalAt && elapsed >= BEFORE_SIGNAL_MS) {
        signalAt = Date.now();
        server!.child.kill("SIGTERM");
      }
      if (elapsed >= BEFORE_SIGNAL_MS + AFTER_SIGNAL_MS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await Promise.all(pending);
  const exitCode = await Promise.race([
    exited,
    new Promise<"still running">((r) => setTimeout(() => r("still running"), GRACE_MS + 2_000)),
  ]);
  agent.destroy();

  // The pool is closed: no connection to this database is left once the process is gone.
  const admin = postgres(database.url, { max: 1, onnotice: () => {} });
  const [{ open }] =
    await admin`select count(*)::int as open from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const stored = new Set(
    (await admin`select body_md from comments where body_md like 'Soak comment %'`).map((r) =>
      String(r.body_md).split(" ")[2].replace(/:$/, ""),
    ),
  );
  await admin.end();

  const expected = (o: Outcome) => (o.kind === "comment" ? o.status === 303 : o.status === 200);
  const refused = outcomes.filter((o) => o.error === "ECONNREFUSED");
  const answered = outcomes.filter((o) => o.status !== undefined);
  const ok = answered.filter(expected);
  const wrongStatus = answered.filter((o) => !expected(o));
  const failed = outcomes.filter((o) => o.error && o.error !== "ECONNREFUSED");
  const accepted = outcomes.filter((o) => o.connectedAt !== undefined);
  const afterSignal = outcomes.filter((o) => o.sentAt >= signalAt);
  const inFlightAtSignal = outcomes.filter(
    (o) => o.sentAt < signalAt && o.status !== undefined && o.connectedAt !== undefined,
  );
  const closedAfterSignal = answered.filter((o) => o.closeHeader).length;
  const writesOk = outcomes.filter((o) => o.kind === "comment" && o.status === 303);
  const writesMissing = writesOk.filter((o) => !stored.has(o.token!));
  const writesUnanswered = outcomes.filter((o) => o.kind === "comment" && o.status !== 303 && stored.has(o.token!));
  const exitMs = exitAt ? exitAt - signalAt : undefined;
  const beforeSignal = answered
    .filter((o) => o.sentAt < signalAt)
    .map((o) => o.ms!)
    .sort((a, b) => a - b);
  const median = beforeSignal[Math.floor(beforeSignal.length / 2)] ?? 0;

  const byError = new Map<string, number>();
  for (const o of failed)
    byError.set(
      `${o.error}${o.reused ? " (reused connection)" : ""}`,
      (byError.get(`${o.error}${o.reused ? " (reused connection)" : ""}`) ?? 0) + 1,
    );
  const byStatus = new Map<string, number>();
  for (const o of wrongStatus) byStatus.set(`${o.kind} ${o.status}`, (byStatus.get(`${o.kind} ${o.status}`) ?? 0) + 1);

  details.push(
    `${outcomes.length} requests at ${RATE}/s over keep-alive connections (up to 24): 40% home page, 20% idea page, 20% CSV download (resource route), 20% comment posts by ${MEMBERS} signed-in members; SIGTERM after ${BEFORE_SIGNAL_MS / 1000} s, load kept up ${AFTER_SIGNAL_MS / 1000} s more.`,
    `Answered: ${answered.length} (${ok.length} with their normal status: 200, or 303 for a post); ${wrongStatus.length} with another status${byStatus.size ? ` (${[...byStatus].map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}.`,
    `Failed after connecting: ${failed.length}${byError.size ? ` (${[...byError].map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}. Requests on an accepted connection: ${accepted.length}.`,
    `Refused at connect after the listener closed (ECONNREFUSED, retried elsewhere by a load balancer, not failures): ${refused.length}; sent after the signal: ${afterSignal.length}, of which answered ${afterSignal.filter((o) => o.status !== undefined).length}.`,
    `${inFlightAtSignal.length} requests sent before the signal were answered (median ${median} ms from getting a connection to the last byte; the machine's load average was ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " / ",
      )} on ${os.cpus().length} cores, so the server answered ${((answered.length / ((exitAt || Date.now()) - started)) * 1000).toFixed(0)}/s of the ${RATE}/s offered; the rest waited in the client's connection pool and were refused once the listener closed); ${closedAfterSignal} responses carried "Connection: close".`,
    `Exit: code ${String(exitCode)} ${exitMs !== undefined ? `${exitMs} ms after SIGTERM` : "(not within the grace period)"} (grace ${GRACE_MS / 1000} s); database connections left open: ${open}.`,
    `Writes: ${writesOk.length} comment posts answered 303, ${writesOk.length - writesMissing.length} of them in the database (${writesMissing.length} missing); ${writesUnanswered.length} stored without a 303.`,
  );
  const pass =
    failed.length === 0 &&
    wrongStatus.length === 0 &&
    exitCode === 0 &&
    exitMs !== undefined &&
    exitMs <= GRACE_MS &&
    open === 0 &&
    writesMissing.length === 0 &&
    writesUnanswered.length === 0 &&
    ok.length > 0;
  return {
    figure: 14,
    title,
    result: `${failed.length + wrongStatus.length} failed of ${accepted.length} accepted requests (${ok.length} answered normally, ${writesOk.length} writes all stored: ${writesMissing.length === 0 ? "yes" : "no"}); ${refused.length} refused at connect after close; exit ${String(exitCode)} in ${exitMs ?? "?"} ms, pool closed: ${open === 0 ? "yes" : "no"}`,
    pass,
    details,
  };
}

const result = await run().catch((error: unknown): SoakResult => ({
  figure: 14,
  title,
  result: `error: ${error instanceof Error ? error.message : String(error)}`,
  pass: false,
  details,
}));
if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
await database.drop();
report(result);
