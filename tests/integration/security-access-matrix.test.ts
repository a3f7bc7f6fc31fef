import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { context, get, post, run } from "../support/http";
import {
  POLICY,
  ROUTES_DIR,
  routeFiles,
  routeId,
  routePath,
  type Cell,
  type Expect,
  type Outcome,
  type RoutePolicy,
} from "../support/route-policy";
import {
  buildScene,
  cookieForRole,
  PHASES,
  ROLES,
  type MatrixPhase,
  type Role,
  type Scene,
} from "../support/security-fixtures";

// Figure 5: every loader and action of every route module × every role × every phase (for the
// routes of a round), called in-process with real Requests, against the policy in route-policy.ts.
type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };

const files = routeFiles();
const modules = new Map<string, RouteModule>();
let scene: Scene;

beforeAll(async () => {
  for (const file of files) modules.set(routeId(file), (await import(path.join(ROUTES_DIR, file))) as RouteModule);
  scene = await buildScene();
});

/** What the answer was, as a class: signin, forbidden, notfound, redirect, ok, closed-page, invalid, conflict, or the status. */
function classify(result: { status: number; location: string | null; data: unknown }): string {
  const { status, location, data } = result;
  if (status >= 300 && status < 400) return location?.startsWith("/sign-in") ? "signin" : "redirect";
  if (status === 401) return "signin";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status === 409) return "conflict";
  if (status === 400 || status === 422) return "invalid";
  if (status >= 200 && status < 300) {
    const body = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
    return body.closed || body.state === "closed" ? "closed-page" : "ok";
  }
  return `status ${status}`;
}

const ACCEPTS: Record<Outcome, ReadonlySet<string>> = {
  // Allowed in: the page, a redirect on within the flow, or (actions) "your input is not valid".
  ok: new Set(["ok", "closed-page", "redirect", "invalid", "conflict"]),
  signin: new Set(["signin"]),
  forbidden: new Set(["forbidden"]),
  notfound: new Set(["notfound"]),
  closed: new Set(["closed-page", "forbidden", "notfound", "conflict", "redirect"]),
  invalid: new Set(["invalid"]),
};

// Actions that end the session they are sent with get a session of their own each time.
const FRESH_SESSION = new Set(["routes/sign-out", "routes/me.password", "routes/me.data._index", "routes/me.security"]);
const cookies = new Map<string, string | undefined>();
async function cookieOf(role: Role, phase: MatrixPhase, fresh: boolean) {
  if (fresh) return cookieForRole(scene, role, phase);
  const key = `${role}:${phase}`;
  if (!cookies.has(key)) cookies.set(key, await cookieForRole(scene, role, phase));
  return cookies.get(key);
}

const expected = (rule: Expect, cell: Cell): Outcome => (typeof rule === "function" ? rule(cell) : rule);

describe("the route list and the policy agree", () => {
  it("every route module has an access policy, and every policy a route module", () => {
    const ids = files.map(routeId);
    const missing = ids.filter((id) => !(id in POLICY)).map((id) => `new route ${id} has no access policy`);
    const stale = Object.keys(POLICY)
      .filter((id) => !ids.includes(id))
      .map((id) => `the policy names ${id}, which is no longer a route`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it("every loader and action a module exports has a policy, and the policy claims none it lacks", () => {
    const problems: string[] = [];
    for (const [id, mod] of modules) {
      const policy = POLICY[id];
      if (!policy) continue;
      for (const kind of ["loader", "action"] as const) {
        const has = typeof mod[kind] === "function";
        const covered = kind === "loader" ? policy.loader !== undefined : policy.action !== undefined;
        if (has && !covered) problems.push(`${id} exports a ${kind} with no policy`);
        if (!has && covered) problems.push(`${id} has a ${kind} policy but no ${kind}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the access-control matrix", () => {
  const all: string[] = [];
  let cells = 0;
  let ip = 0;
  const check = async (
    id: string,
    policy: RoutePolicy,
    method: "GET" | "POST",
    phase: MatrixPhase,
    mismatches: string[],
  ) => {
    // Let the worker's own messages through between batches (PGlite answers on the microtask queue).
    await new Promise((resolve) => setImmediate(resolve));
    const round = scene.phases[phase];
    const params = policy.params?.(scene, round) ?? {};
    const url = routePath(id, params) + (policy.query?.(scene, round) ?? "");
    const mod = modules.get(id)!;
    // The roles of one route and phase are different people: they are asked at the same time.
    await Promise.all(
      ROLES.map(async (role) => {
        const cell = { role, phase };
        const want = expected(method === "GET" ? policy.loader! : policy.action!.expect, cell);
        const cookie = await cookieOf(role, phase, method === "POST" && FRESH_SESSION.has(id));
        const request =
          method === "GET" ? get(url, cookie) : post(url, policy.action?.fields?.(scene, round, cell) ?? {}, cookie);
        // A different address for each cell, so per-address rate limits never answer for the policy.
        const n = ++ip;
        const args = { request, params, context: context(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`) };
        let got: string;
        try {
          const result = await run(() => (method === "GET" ? mod.loader!(args) : mod.action!(args)));
          got = classify(result);
        } catch (error) {
          got = `threw ${(error as Error).message}`;
        }
        cells += 1;
        if (!ACCEPTS[want].has(got))
          mismatches.push(`${method} ${url} (${id}) as ${role} in ${phase}: expected ${want}, got ${got}`);
      }),
    );
  };

  it.each(Object.keys(POLICY))(
    "%s answers every role in every phase as the policy says",
    async (id) => {
      if (!modules.has(id)) return; // reported by "every policy a route module" above
      const policy = POLICY[id];
      const mismatches: string[] = [];
      const phases: readonly MatrixPhase[] = policy.scope === "round" ? PHASES : ["ideas"];
      // Each phase has its own round and people: the phases of one route run side by side.
      if (policy.loader) await Promise.all(phases.map((phase) => check(id, policy, "GET", phase, mismatches)));
      if (policy.action) await Promise.all(phases.map((phase) => check(id, policy, "POST", phase, mismatches)));
      all.push(...mismatches);
      expect(mismatches).toEqual([]);
    },
    60_000,
  );

  it("sums up: N cells checked, 0 mismatches", () => {
    console.info(`${cells} cells checked, ${all.length} mismatches`);
    if (process.env.MATRIX_REPORT) fs.writeFileSync(process.env.MATRIX_REPORT, all.join("\n"));
    expect(all).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });
});
