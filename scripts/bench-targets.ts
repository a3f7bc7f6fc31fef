// What the benchmark measures: the ceilings, the public pages and the writes, as autocannon
// requests. Signed-in writes use sessions made straight in the database for bench members.
import postgres from "postgres";
import { BENCH, benchBase, categoryId, memberId } from "./bench-shape";
import { generateToken, hashToken } from "../app/modules/accounts/tokens.server";

export type Target = {
  name: string;
  kind: "ceiling-text" | "ceiling-page" | "page" | "write";
  method: "GET" | "POST";
  path: string;
  /** One autocannon request definition (may vary each request with setupRequest). */
  request: () => Record<string, unknown>;
  lighthouse?: boolean;
  /** Rows of the table this write adds one row to per success, to check rows written = successes. */
  countWrites?: (databaseUrl: string) => Promise<number>;
  /** Not an HTML page (left out of the JavaScript-per-page table). */
  feed?: boolean;
  /** What the issue asks of this target at 50 connections. */
  goal?: { minRps: number; maxP99Ms: number };
};

export type BenchSession = { memberNumber: number; cookie: string };

/** Sessions for members first..first+n-1, as cookies the production server accepts. */
export async function prepareSessions(databaseUrl: string, n: number, first = 1): Promise<BenchSession[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const sessions = Array.from({ length: n }, (_, i) => ({ memberNumber: first + i, token: generateToken() }));
  await sql`
    insert into sessions (id, user_id, created_at, last_used_at, expires_at, two_factor_verified)
    select h, md5('u' || n)::uuid, now(), now(), now() + interval '7 days', false
    from unnest(${sessions.map((s) => hashToken(s.token))}::text[], ${sessions.map((s) => s.memberNumber)}::int[]) as t(h, n)`;
  await sql.end();
  // The production cookie: __Host-qx_session, its value JSON-encoded then base64 as Remix's createCookie does.
  const encode = (token: string) => Buffer.from(JSON.stringify(token), "utf8").toString("base64");
  return sessions.map((s) => ({
    memberNumber: s.memberNumber,
    cookie: `__Host-qx_session=${encodeURIComponent(encode(s.token))}`,
  }));
}

/** How many members the bench database has (so the ballot sessions can be one per member). */
export async function memberCount(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql<
    Array<{ n: number }>
  >`select count(*)::int as n from users where not is_admin and membership = 'approved'`;
  await sql.end();
  return n;
}

let counter = 0;
const forwardedFor = () => `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter++ & 255}`;

function get(name: string, path: string, kind: Target["kind"] = "page", lighthouse = false): Target {
  return {
    name,
    kind,
    method: "GET",
    path,
    lighthouse,
    request: () => ({ method: "GET", path, headers: { "accept-encoding": "gzip" } }),
  };
}

const countOf = (table: string) => async (url: string) => {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql.unsafe(`select count(*)::int as n from ${table}`);
  await sql.end();
  return n as number;
};

/** The shortlist of the round in voting, by category, with each proposal's lead (who may not pick it). */
async function shortlistOf(databaseUrl: string, slug: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const rows = await sql<Array<{ id: string; category_id: string; lead_id: string }>>`
    select i.id, i.category_id, i.lead_id from ideas i join rounds r on r.id = i.round_id
    where r.slug = ${slug} and i.state = 'shortlisted' order by i.category_id, i.slug`;
  await sql.end();
  const byCategory = new Map<string, Array<{ id: string; lead: string }>>();
  for (const r of rows)
    byCategory.set(r.category_id, [...(byCategory.get(r.category_id) ?? []), { id: r.id, lead: r.lead_id }]);
  return byCategory;
}

export type BenchSessions = { comments: BenchSession[]; ballots: BenchSession[] };

export async function benchTargets(databaseUrl: string, sessions: BenchSessions): Promise<Target[]> {
  const current = BENCH.roundSlug(9); // in the ideas phase, with the most ideas being discussed
  const voting = BENCH.roundSlug(8); // in voting, with a published shortlist
  const past = BENCH.roundSlug(7); // results published, projects under way
  const origin = benchBase();
  const shortlist = await shortlistOf(databaseUrl, voting);
  let nextComment = 0;
  let nextBallot = 0;
  return [
    get("ceiling: resource route, constant text", "/bench/text", "ceiling-text"),
    get("ceiling: page route, 20 constant items", "/bench/page", "ceiling-page"),
    get("home page", "/", "page", true),
    get("round page", `/rounds/${current}`),
    get("ideas list, first page", `/rounds/${current}/ideas`, "page", true),
    get("ideas list, search", `/rounds/${current}/ideas?q=dementia+support`),
    get(
      "ideas list, filtered and sorted, page 2",
      `/rounds/${current}/ideas?category=${categoryId(9, 1)}&sort=discussed&page=2`,
    ),
    get(`idea page with ${BENCH.popularComments} comments`, `/rounds/${current}/ideas/popular-idea`, "page", true),
    get("projects list", "/projects", "page", true),
    get("updates list", "/updates"),
    get("results of a past round", `/rounds/${past}/results`),
    { ...get("updates feed (RSS, 50 items)", "/updates/feed.rss"), feed: true },
    {
      name: "comment posts",
      kind: "write",
      method: "POST",
      path: `/rounds/${current}/ideas/idea-{n}`,
      countWrites: countOf("comments"),
      request: () => ({
        method: "POST",
        path: `/rounds/${current}/ideas/idea-1`,
        setupRequest: (req: Record<string, unknown>) => {
          const s = sessions.comments[nextComment++ % sessions.comments.length];
          const idea = 1 + (s.memberNumber % 8) * 10; // published ideas (n % 10 = 9 are drafts)
          return {
            ...req,
            path: `/rounds/${current}/ideas/idea-${idea}`,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              origin,
              cookie: s.cookie,
              "x-forwarded-for": forwardedFor(),
            },
            body: new URLSearchParams({
              intent: "comment",
              body: `Benchmark comment ${counter}: has anyone tried this in a rural practice?`,
            }).toString(),
          };
        },
      }),
    },
    {
      // Each submission by the next member in turn (one session per member): a member already in
      // the ledger replaces their ballot, which is a new ledger entry, so rows written are counted
      // in ballot_ledger, not ballots.
      name: "ballot submissions",
      kind: "write",
      method: "POST",
      path: `/rounds/${voting}/vote`,
      countWrites: countOf("ballot_ledger"),
      goal: { minRps: 1000, maxP99Ms: 100 },
      request: () => ({
        method: "POST",
        path: `/rounds/${voting}/vote`,
        setupRequest: (req: Record<string, unknown>) => {
          const turn = nextBallot++;
          const s = sessions.ballots[turn % sessions.ballots.length];
          const me = memberId(s.memberNumber);
          const form = new URLSearchParams({ intent: "submit", token: `bench-ballot-${process.pid}-${turn}` });
          for (const [category, proposals] of shortlist) {
            const allowed = proposals.filter((p) => p.lead !== me);
            for (let j = 0; j < BENCH.picks; j++)
              form.append(`pick.${category}`, allowed[(s.memberNumber + j * 5) % allowed.length].id);
          }
          return {
            ...req,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              origin,
              cookie: s.cookie,
              "x-forwarded-for": forwardedFor(),
            },
            body: form.toString(),
          };
        },
      }),
    },
  ];
}
