// What the benchmark measures: the ceilings, the public pages and the writes, as autocannon
// requests. Signed-in writes use sessions made straight in the database for bench members.
import postgres from "postgres";
import { BENCH, categoryId } from "./bench-shape";
import { generateToken, hashToken } from "../app/modules/accounts/tokens.server";

export type Target = {
  name: string;
  kind: "ceiling-text" | "ceiling-page" | "page" | "write";
  method: "GET" | "POST";
  path: string;
  /** One autocannon request definition (may vary each request with setupRequest). */
  request: () => Record<string, unknown>;
  lighthouse?: boolean;
  /** Rows of the table this write adds to, to check rows written = successes. */
  countWrites?: (databaseUrl: string) => Promise<number>;
};

export type BenchSession = { memberNumber: number; cookie: string };

const BASE_ORIGIN = "http://127.0.0.1:3400";

/** Sessions for members 1..n, as cookies the production server accepts. */
export async function prepareSessions(databaseUrl: string, n: number): Promise<BenchSession[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const sessions = Array.from({ length: n }, (_, i) => ({ memberNumber: i + 1, token: generateToken() }));
  await sql`
    insert into sessions (id, user_id, created_at, last_used_at, expires_at, two_factor_verified)
    select h, md5('u' || n)::uuid, now(), now(), now() + interval '7 days', false
    from unnest(${sessions.map((s) => hashToken(s.token))}::text[], ${sessions.map((s) => s.memberNumber)}::int[]) as t(h, n)`;
  await sql.end();
  // The production cookie: __Host-qx_session, its value JSON-encoded then base64 as Remix's createCookie does.
  const encode = (token: string) => Buffer.from(JSON.stringify(token), "utf8").toString("base64");
  return sessions.map((s) => ({ memberNumber: s.memberNumber, cookie: `__Host-qx_session=${encodeURIComponent(encode(s.token))}` }));
}

let counter = 0;
const forwardedFor = () => `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter++ & 255}`;

function get(name: string, path: string, kind: Target["kind"] = "page", lighthouse = false): Target {
  return { name, kind, method: "GET", path, lighthouse, request: () => ({ method: "GET", path, headers: { "accept-encoding": "gzip" } }) };
}

export async function benchTargets(databaseUrl: string, sessions: BenchSession[]): Promise<Target[]> {
  const current = BENCH.roundSlug(9);
  const countOf = (table: string) => async (url: string) => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [{ n }] = await sql.unsafe(`select count(*)::int as n from ${table}`);
    await sql.end();
    return n as number;
  };
  let next = 0;
  const session = () => sessions[next++ % sessions.length];
  return [
    get("ceiling: resource route, constant text", "/bench/text", "ceiling-text"),
    get("ceiling: page route, 20 constant items", "/bench/page", "ceiling-page"),
    get("home page", "/", "page", true),
    get("round page", `/rounds/${current}`),
    get("ideas list, first page", `/rounds/${current}/ideas`, "page", true),
    get("ideas list, search", `/rounds/${current}/ideas?q=dementia+support`),
    get("ideas list, filtered and sorted, page 2", `/rounds/${current}/ideas?category=${categoryId(9, 1)}&sort=discussed&page=2`),
    get(`idea page with ${BENCH.popularComments} comments`, `/rounds/${current}/ideas/popular-idea`, "page", true),
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
          const s = session();
          const idea = 1 + (s.memberNumber % 8) * 10; // published ideas (n % 10 = 9 are drafts)
          return {
            ...req,
            path: `/rounds/${current}/ideas/idea-${idea}`,
            headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE_ORIGIN, cookie: s.cookie, "x-forwarded-for": forwardedFor() },
            body: new URLSearchParams({ intent: "comment", body: `Benchmark comment ${counter}: has anyone tried this in a rural practice?` }).toString(),
          };
        },
      }),
    },
  ];
}
