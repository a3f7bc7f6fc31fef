import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { resetClock, setClock } from "../../app/lib/clock";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { sessionCookieHeader } from "../../app/modules/accounts/auth.server";
import { stepAt } from "../../app/modules/accounts/two-factor";
import { loader as meLoader } from "../../app/routes/me._index";
import { action as securityAction, loader as securityLoader } from "../../app/routes/me.security";
import { action as signInAction, loader as signInLoader } from "../../app/routes/sign-in";
import { action as twoFactorAction, loader as twoFactorLoader } from "../../app/routes/sign-in_.two-factor";
import { BASE, context, get, post, run } from "../support/http";

// Issue 11, figure 7: every place a redirect target comes from input, fed 40 payloads through the
// real loaders and actions (a real password, a real second-step code), must answer with a Location
// on the app's own origin. A Location that points at the sign-in pages must also carry, in its own
// redirectTo, only a local path (that is where the browser goes next).

export const REDIRECT_PAYLOADS: readonly string[] = [
  "https://evil.example",
  "http://evil.example/path",
  "HTTPS://EVIL.EXAMPLE",
  "https:evil.example",
  "https:/evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example/",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%5Cevil.example",
  "/%252F%252Fevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  " //evil.example",
  "\t//evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "javascript://%0aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "//user@evil.example",
  "https://localhost:3000@evil.example",
  "//localhost:3000@evil.example",
  "http://localhost:3000.evil.example",
  "//evil.example\\@localhost:3000",
  "/\u2215\u2215evil.example",
  "/\uff0f\uff0fevil.example",
  "\uff0f\uff0fevil.example",
  "/%0d%0aLocation:%20https://evil.example",
  "/\r\nLocation: https://evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/x/../..//evil.example",
  "/./\\evil.example",
  "evil.example",
];

const PASSWORD = "correct-horse-battery-staple";
const T0 = new Date("2027-03-01T10:00:00Z");
let step = 0;
/** Each second-step sign-in needs a fresh 30-second step (a used step cannot be replayed). */
function nextStep(): Date {
  step += 2;
  const at = new Date(T0.getTime() + step * 30_000);
  setClock(() => at);
  return at;
}
afterEach(() => resetClock());

const app = new URL(BASE).origin;
const offSite: string[] = [];
let checked = 0;

/** The Location must be on our origin; when it leads to a sign-in page, its redirectTo must be local too. */
function checkLocation(entry: string, payload: string, location: string | null) {
  expect(location, `${entry} ${JSON.stringify(payload)}: no redirect`).not.toBeNull();
  const where = new URL(location!, BASE);
  const nested = where.searchParams.get("redirectTo");
  const targets = [where, ...(nested === null ? [] : [new URL(nested, BASE)])];
  const bad =
    !location!.startsWith("/") ||
    location!.startsWith("//") ||
    /[\r\n\\]/.test(location!) ||
    targets.some((t) => t.origin !== app) ||
    (nested !== null && (!nested.startsWith("/") || nested.startsWith("//")));
  checked += 1;
  if (bad) offSite.push(`${entry}: ${JSON.stringify(payload)} -> ${location}`);
}

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.includes("qx_session="))!
    .split(";")[0];
const query = (payload: string) => `?redirectTo=${encodeURIComponent(payload)}`;

let plainEmail = "";
let twoFactorEmail = "";
let twoFactorSecret = "";
let signedInCookie = "";

beforeAll(async () => {
  const plain = await createUser({ email: "redirect-plain@example.org", password: PASSWORD });
  plainEmail = plain.email;
  const { token, session } = await createSession(plain.id);
  signedInCookie = (await sessionCookieHeader(token, session.expiresAt)).split(";")[0];

  // A second account turns two-step sign-in on through its page, as a person would.
  const guarded = await createUser({ email: "redirect-2fa@example.org", password: PASSWORD });
  twoFactorEmail = guarded.email;
  setClock(() => T0);
  const own = await createSession(guarded.id, { twoFactorVerified: true });
  const cookie = (await sessionCookieHeader(own.token, own.session.expiresAt)).split(";")[0];
  expect(
    (
      await run(() =>
        securityAction({ request: post("/me/security", { intent: "start" }, cookie), params: {}, context: context() }),
      )
    ).status,
  ).toBe(303);
  const page = await run(() =>
    securityLoader({ request: get("/me/security", cookie), params: {}, context: context() }),
  );
  twoFactorSecret = String(page.data.setup.secret).replace(/ /g, "");
  const confirm = await run(() =>
    securityAction({
      request: post("/me/security", { intent: "confirm", code: codeAt(T0), password: PASSWORD }, cookie),
      params: {},
      context: context(),
    }),
  );
  expect(confirm.status).toBe(200);
  resetClock();
});

function codeAt(at: Date): string {
  return generateHOTP(decodeBase32IgnorePadding(twoFactorSecret), BigInt(stepAt(at)), 6);
}

async function passwordStep(email: string, redirectTo: string) {
  return run(() =>
    signInAction({
      request: post("/sign-in", { email, password: PASSWORD, redirectTo }),
      params: {},
      context: context(),
    }),
  );
}

type Entry = { name: string; send: (payload: string) => Promise<string | null> };

const ENTRIES: Entry[] = [
  {
    name: "POST /sign-in (right password) redirectTo",
    send: async (payload) => {
      const result = await passwordStep(plainEmail, payload);
      expect(result.status).toBe(303);
      return result.location;
    },
  },
  {
    name: "GET /sign-in?redirectTo (already signed in)",
    send: async (payload) =>
      (
        await run(() =>
          signInLoader({ request: get(`/sign-in${query(payload)}`, signedInCookie), params: {}, context: context() }),
        )
      ).location,
  },
  {
    name: "POST /sign-in (two-step account) -> /sign-in/two-factor?redirectTo",
    send: async (payload) => {
      nextStep();
      const result = await passwordStep(twoFactorEmail, payload);
      expect(result.status).toBe(303);
      return result.location;
    },
  },
  {
    name: "GET /sign-in?redirectTo (second step pending)",
    send: async (payload) => {
      nextStep();
      const pending = cookieOf((await passwordStep(twoFactorEmail, "/me")).headers);
      return (
        await run(() =>
          signInLoader({ request: get(`/sign-in${query(payload)}`, pending), params: {}, context: context() }),
        )
      ).location;
    },
  },
  {
    name: "POST /sign-in/two-factor (right code) redirectTo",
    send: async (payload) => {
      const at = nextStep();
      const first = await passwordStep(twoFactorEmail, payload);
      const pending = cookieOf(first.headers);
      // The redirectTo the browser carries is the one the first step put in the Location.
      const carried = new URL(first.location!, BASE).searchParams.get("redirectTo") ?? "";
      const results = [];
      for (const redirectTo of [payload, carried]) {
        const request = post("/sign-in/two-factor", { intent: "code", code: codeAt(at), redirectTo }, pending);
        const result = await run(() => twoFactorAction({ request, params: {}, context: context() }));
        results.push(result);
        if (result.status === 303) break;
      }
      const done = results.find((r) => r.status === 303);
      expect(done, JSON.stringify(results.map((r) => r.status))).toBeDefined();
      return done!.location;
    },
  },
  {
    name: "GET /sign-in/two-factor?redirectTo (already signed in)",
    send: async (payload) =>
      (
        await run(() =>
          twoFactorLoader({
            request: get(`/sign-in/two-factor${query(payload)}`, signedInCookie),
            params: {},
            context: context(),
          }),
        )
      ).location,
  },
  {
    name: "GET a members' page signed out (requireUser -> /sign-in?redirectTo=<this page>)",
    send: async (payload) => {
      // The page's own address is the attacker's to choose: the payload goes in raw.
      let request: Request;
      try {
        request = new Request(`${BASE}/me/..${payload.startsWith("/") ? "" : "/"}${payload}`);
      } catch {
        request = new Request(`${BASE}/me?${encodeURIComponent(payload)}`);
      }
      return (await run(() => meLoader({ request, params: {}, context: context() }))).location;
    },
  },
];

describe("open redirects (issue 11, figure 7)", () => {
  it("has at least 40 distinct payloads", () => {
    expect(new Set(REDIRECT_PAYLOADS).size).toBe(REDIRECT_PAYLOADS.length);
    expect(REDIRECT_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ENTRIES.map((e) => [e.name, e] as const))(
    "%s: never off-site",
    async (_name, entry) => {
      const before = offSite.length;
      for (const payload of REDIRECT_PAYLOADS) checkLocation(entry.name, payload, await entry.send(payload));
      expect(offSite.slice(before), "redirects off-site").toEqual([]);
    },
    180_000,
  );

  it("a local target is kept (the check does not just send everyone home)", async () => {
    const result = await passwordStep(plainEmail, "/rounds/2027/ideas?q=care#top");
    expect(result.location).toBe("/rounds/2027/ideas?q=care#top");
  });

  afterAll(() => {
    console.info(
      `${REDIRECT_PAYLOADS.length} payloads × ${ENTRIES.length} entry points (${checked} redirects checked), ${offSite.length} off-site`,
    );
  });
});
