import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas, outbox, projects, projectUpdates, rounds, users } from "../../db/schema";
import { seedDemo } from "../../db/seed/demo";
import { createUser } from "../../db/seed/factories";
import { BASE, context, cookieFor, run } from "../support/http";

// Issue 11, figure 12: SQL injection and hostile input. Every route module's loader is called with
// every query parameter the app reads (and a few it does not) set to each payload, and with each
// route parameter replaced by each payload; every action is posted every intent its page offers
// with every form field the app reads set to each of the classic payloads. No answer may be a 5xx (a thrown error
// is what Remix turns into a 500), none may take more than a few seconds (pg_sleep), and the
// schema (tables and columns) and, around the read-only loaders, every table's row count must
// come out unchanged.

const PAYLOADS: readonly string[] = [
  "' OR 1=1--",
  "' OR '1'='1",
  '" OR ""="',
  "'; drop table users;--",
  "1; drop table users",
  "1) union select null, password_hash from users--",
  "' union select table_name from information_schema.tables--",
  "%27",
  "'",
  "\\",
  "\u0000",
  "a\u0000b",
  "x".repeat(20_000),
  "password_hash",
  "1; select pg_sleep(5)",
  "'||pg_sleep(5)||'",
  "999999999999999999999",
  "-1",
  "NaN",
  "1e309",
  "constructor",
  "__proto__",
  "toString",
  "$1",
  "?",
  "😀",
];

/** The forms get the classic ones (a form post costs more than a page: some check passwords). */
const FORM_PAYLOADS = [
  "' OR 1=1--",
  "'; drop table users;--",
  "1) union select null, password_hash from users--",
  "'",
  "\\",
  "\u0000",
  "a\u0000b",
  "x".repeat(20_000),
  "password_hash",
  "1; select pg_sleep(5)",
  "999999999999999999999",
  "-1",
  "NaN",
  "constructor",
  "__proto__",
];

/** Also sent as repeated keys, and to the loaders as a visitor. */
const ARRAY_PAYLOADS = ["' OR 1=1--", "\u0000", "1; select pg_sleep(5)", "999999999999999999999"];

const QUERY_KEYS = [
  "q",
  "sort",
  "page",
  "category",
  "topic",
  "state",
  "status",
  "round",
  "report",
  "from",
  "to",
  "actor",
  "action",
  "comment",
  "comments",
  "code",
  "email",
  "token",
  "redirectTo",
  "k",
  "s",
  "u",
  "line",
  "sent",
  "name",
  "domain",
  "confirm",
  "required",
  "membership",
  "role",
  "kind",
  "filter",
  "order",
  "dir",
  "limit",
  "offset",
  "id",
];

const FORM_KEYS = [
  "intent",
  "title",
  "summary",
  "categoryId",
  "challengeMd",
  "topicIds",
  "version",
  "aimsMd",
  "deliveryMd",
  "learningMd",
  "contributeMd",
  "milestones.0.title",
  "milestones.0.month",
  "milestones.0.year",
  "budget.0.description",
  "budget.0.amount",
  "body",
  "bodyMd",
  "outcomesMd",
  "outputLinks.0.title",
  "outputLinks.0.url",
  "kind",
  "commentId",
  "parentId",
  "reason",
  "ideaId",
  "reviewerId",
  "id",
  "name",
  "organisation",
  "jobTitle",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "code",
  "token",
  "redirectTo",
  "confirm",
  "domain",
  "description",
  "themeMd",
  "slug",
  "from",
  "deadline",
  "funded",
  "anchors",
  "chair",
  "fundingRule",
  "commentPolicy",
  "required",
  "k",
  "score",
  "picks",
  "line",
  "ballot",
  "website",
];

type RouteModule = {
  loader?: (args: {
    request: Request;
    params: Record<string, string>;
    context: ReturnType<typeof context>;
  }) => Promise<unknown>;
  action?: (args: {
    request: Request;
    params: Record<string, string>;
    context: ReturnType<typeof context>;
  }) => Promise<unknown>;
};

const MODULES = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");

/** The address of a flat route file: "rounds.$round_.ideas.$idea._index.tsx" -> "/rounds/$round/ideas/$idea". */
function pathOf(file: string): string {
  const base = file
    .replace(/^.*\//, "")
    .replace(/\.(tsx|ts)$/, "")
    .replace(/\[\.\]/g, "~dot~");
  const segments = base
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, "").replaceAll("~dot~", "."));
  return `/${segments.join("/")}`;
}

const INTENTS: Record<string, string[]> = {};
const CONVERSATION = ["comment", "reply", "edit-comment", "delete-comment", "report", "follow", "unfollow"];

type Outcome = { what: string; status: number; ms: number; error?: string };
const outcomes: Outcome[] = [];
const SLOW_MS = 3_000;

async function call(what: string, fn: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let status: number;
  let error: string | undefined;
  try {
    status = (await run(fn)).status;
  } catch (thrown) {
    // Anything thrown that is not a Response is what the Remix handler answers with a 500.
    status = 500;
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message.slice(0, 200)}` : String(thrown).slice(0, 200);
  }
  outcomes.push({ what, status, ms: performance.now() - started, error });
}

const failures = (from = 0) =>
  outcomes
    .slice(from)
    .filter((o) => o.status >= 500 || o.ms > SLOW_MS)
    .map((o) => `${o.what} -> ${o.status} in ${Math.round(o.ms)} ms ${o.error ?? ""}`);

type Column = { table_name: string; column_name: string; data_type: string };
async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Every table and column of the app's schema, and every table's row count. */
async function schemaSnapshot() {
  const columns = await rowsOf<Column>(sql`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' order by table_name, column_name`);
  const counts: Record<string, number> = {};
  for (const table of [...new Set(columns.map((c) => c.table_name))]) {
    const [row] = await rowsOf<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`));
    counts[table] = Number(row.n);
  }
  return { columns: columns.map((c) => `${c.table_name}.${c.column_name}:${c.data_type}`), counts };
}

let defaults: Record<string, string> = {};
const deliveryDefaults: Record<string, string> = {};
let routes: { file: string; path: string; mod: RouteModule }[] = [];
let before: Awaited<ReturnType<typeof schemaSnapshot>>;

beforeAll(async () => {
  await seedDemo();
  const [current] = await db.select().from(rounds).where(eq(rounds.slug, "2027"));
  const [idea] = await db
    .select()
    .from(ideas)
    .where(and(eq(ideas.roundId, current.id), eq(ideas.state, "published")))
    .limit(1);
  const [past] = await db.select().from(rounds).where(eq(rounds.slug, "2026"));
  const [update] = await db.select().from(projectUpdates).where(eq(projectUpdates.status, "published")).limit(1);
  const [project] = await db.select().from(projects).where(eq(projects.id, update.projectId));
  const [updated] = await db.select().from(ideas).where(eq(ideas.id, project.ideaId));
  const [person] = await db.select().from(users).where(eq(users.email, "member@demo.q-exchange.org"));
  const [email] = await db.select().from(outbox).limit(1);
  defaults = {
    round: current.slug,
    idea: idea.slug,
    person: person.handle,
    user: person.id,
    id: String(email?.id ?? 1),
    token: "no-such-token",
    file: "ideas.csv",
    update: update.id,
  };
  Object.assign(deliveryDefaults, { round: past.slug, idea: updated.slug, update: update.id });
  for (const [file, load] of Object.entries(MODULES)) routes.push({ file, path: pathOf(file), mod: await load() });
  routes = routes.filter((r) => r.mod.loader || r.mod.action);
  const sources = import.meta.glob<string>("../../app/routes/*.{ts,tsx}", { query: "?raw", import: "default" });
  for (const [file, load] of Object.entries(sources)) {
    const source = await load();
    const found = [...source.matchAll(/intent === "([a-z-]+)"|value="([a-z-]+)"/g)].map((m) => m[1] ?? m[2]);
    INTENTS[file] = [...new Set([...found, ...(source.includes("conversationAction") ? CONVERSATION : []), ""])];
  }
  before = await schemaSnapshot();
}, 1_800_000);

function paramsFor(path: string): Record<string, string> {
  const names = [...path.matchAll(/\$([a-zA-Z]+)/g)].map((m) => m[1]);
  const base =
    path.includes("/updates") || path.includes("/milestones") ? { ...defaults, ...deliveryDefaults } : defaults;
  return Object.fromEntries(names.map((n) => [n, base[n] ?? "x"]));
}

function urlFor(path: string, params: Record<string, string>, query = ""): string {
  const filled = path.replace(/\$([a-zA-Z]+)/g, (_m, name: string) => encodeURIComponent(params[name]));
  return `${BASE}${filled}${query}`;
}

describe("SQL injection and hostile input (issue 11, figure 12)", () => {
  it("loaders: every payload in every query parameter and route parameter, as a visitor and as an admin", async () => {
    const start = outcomes.length;
    const admin = await createUser({ isAdmin: true, email: "sqli-admin@example.org" });
    const adminCookie = await cookieFor(admin.id);
    const snapshot = await schemaSnapshot();
    for (const { file, path, mod } of routes) {
      if (!mod.loader) continue;
      const loader = mod.loader;
      const params = paramsFor(path);
      const get = (what: string, url: string, p: Record<string, string>, cookie: string) =>
        call(`GET ${file} ${what}`, () =>
          loader({
            request: new Request(url, { headers: cookie ? { Cookie: cookie } : {} }),
            params: p,
            context: context(),
          }),
        );
      for (const payload of PAYLOADS) {
        const single = new URLSearchParams(QUERY_KEYS.map((k) => [k, payload])).toString();
        await get(`?${single.slice(0, 60)}`, urlFor(path, params, `?${single}`), params, adminCookie);
        for (const name of Object.keys(params)) {
          const hostile = { ...params, [name]: payload };
          await get(`:${name}=${JSON.stringify(payload.slice(0, 40))}`, urlFor(path, hostile), hostile, adminCookie);
        }
      }
      // Repeated keys (a list where one value is expected) and, as a visitor, the worst payloads.
      for (const payload of ARRAY_PAYLOADS) {
        const arrays = QUERY_KEYS.map((k) => `${k}=${encodeURIComponent(payload)}&${k}=2&${k}[]=x`).join("&");
        await get(`?${arrays.slice(0, 60)}`, urlFor(path, params, `?${arrays}`), params, adminCookie);
        const single = new URLSearchParams(QUERY_KEYS.map((k) => [k, payload])).toString();
        await get(`(visitor) ?${single.slice(0, 60)}`, urlFor(path, params, `?${single}`), params, "");
      }
    }
    expect(failures(start)).toEqual([]);
    const after = await schemaSnapshot();
    expect(after.columns).toEqual(snapshot.columns);
    expect(after.counts).toEqual(snapshot.counts);
  }, 1_800_000);

  it("actions: every intent of every form, with every field set to each payload", async () => {
    const start = outcomes.length;
    const snapshot = await schemaSnapshot();
    for (const { file, path, mod } of routes) {
      if (!mod.action) continue;
      const action = mod.action;
      const params = paramsFor(path);
      // A fresh admin per form: a payload must not be able to sign the test out of the next form.
      const cookie = await cookieFor((await createUser({ isAdmin: true })).id);
      for (const intent of INTENTS[file] ?? [""]) {
        for (const payload of FORM_PAYLOADS) {
          for (const repeat of ARRAY_PAYLOADS.includes(payload) ? [1, 2] : [1]) {
            const body = new URLSearchParams();
            if (intent) body.append("intent", intent);
            for (const key of FORM_KEYS)
              if (key !== "intent") for (let i = 0; i < repeat; i++) body.append(key, payload);
            const request = new Request(urlFor(path, params), {
              method: "POST",
              body,
              headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
            });
            await call(`POST ${file} intent=${intent} x${repeat} ${JSON.stringify(payload.slice(0, 40))}`, () =>
              action({ request, params, context: context(`198.51.100.${(outcomes.length % 250) + 1}`) }),
            );
          }
        }
      }
    }
    expect(failures(start)).toEqual([]);
    const after = await schemaSnapshot();
    expect(after.columns).toEqual(snapshot.columns);
    // Forms may legitimately add rows (a comment that reads "' OR 1=1--" is a comment), but an
    // injected DELETE or DROP would lose some: no table may have fewer rows than before.
    const lost = Object.entries(snapshot.counts).filter(
      ([table, n]) => (after.counts[table] ?? 0) < n && !["sessions", "rate_limit_buckets"].includes(table),
    );
    expect(lost).toEqual([]);
  }, 1_800_000);

  afterAll(async () => {
    const after = await schemaSnapshot();
    const changed =
      JSON.stringify(after.columns) === JSON.stringify(before.columns) ? "schema unchanged" : "SCHEMA CHANGED";
    console.info(
      `${outcomes.length} requests, ${outcomes.filter((o) => o.status >= 500).length} errors (5xx), ${outcomes.filter((o) => o.ms > SLOW_MS).length} slower than ${SLOW_MS / 1000} s, ${changed} (${after.columns.length} columns in ${Object.keys(after.counts).length} tables)`,
    );
  });
});
