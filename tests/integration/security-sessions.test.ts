import { decodeBase32IgnorePadding, encodeBase64, encodeHexLowerCase } from "@oslojs/encoding";
import { sql, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { emailTokens, sessions, users } from "../../db/schema";
import { FACTORY_PASSWORD, createUser } from "../../db/seed/factories";
import { resetClock, setClock } from "../../app/lib/clock";
import { sessionCookieHeader } from "../../app/modules/accounts/auth.server";
import { SESSION_DAYS, createSession } from "../../app/modules/accounts/sessions.server";
import { suspendUser } from "../../app/modules/accounts/suspension.server";
import { generateToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { loader as meLoader } from "../../app/routes/me._index";
import { action as passwordAction } from "../../app/routes/me.password";
import { action as deleteAction } from "../../app/routes/me.data._index";
import { action as resetAction } from "../../app/routes/reset-password";
import { action as signInAction } from "../../app/routes/sign-in";
import { action as signOutAction } from "../../app/routes/sign-out";
import { loader as rootLoader } from "../../app/root";
import { context, get, post, run } from "../support/http";

// Figure 10. sessions.test.ts covers the session functions; this file goes through the routes,
// with the cookie a browser would send back.

afterEach(() => resetClock());
const DAY = 24 * 3600_000;

const sessionSetCookie = (headers: Headers) => headers.getSetCookie().find((c) => /^(__Host-)?qx_session=/.test(c))!;
const cookiePair = (setCookie: string) => setCookie.split(";")[0];
/** The token inside a cookie (Remix's createCookie without secrets: base64 of the JSON string). */
const tokenIn = (pair: string) =>
  JSON.parse(Buffer.from(decodeURIComponent(pair.slice(pair.indexOf("=") + 1)), "base64").toString("utf8")) as string;
const cookieWith = async (token: string) => cookiePair(await sessionCookieHeader(token, new Date(Date.now() + DAY)));

async function signIn(email: string, password = FACTORY_PASSWORD, cookie?: string) {
  const request = post("/sign-in", { email, password }, cookie);
  return run(() => signInAction({ request, params: {}, context: context() }));
}
/** 200 when the cookie signs someone in; a redirect to sign-in when it does not. */
async function me(cookie: string) {
  const result = await run(() => meLoader({ request: get("/me", cookie), params: {}, context: context() }));
  return result.status === 200
    ? "signed in"
    : result.location?.startsWith("/sign-in")
      ? "refused"
      : `status ${result.status}`;
}

/** Every row of every table in the database, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown;
  const names = (
    (Array.isArray(tables) ? tables : (tables as { rows: unknown[] }).rows) as Array<{ table_name: string }>
  ).map((t) => t.table_name);
  expect(names).toContain("sessions");
  const parts: string[] = [];
  for (const name of names) {
    const rows = (await db.execute(sql.raw(`select row_to_json(t)::text as j from "${name}" t`))) as unknown;
    for (const row of (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ j: string }>)
      parts.push(row.j);
  }
  return parts.join("\n");
}

describe("session tokens (figure 10)", () => {
  it("the cookie from sign-in carries 32 random bytes, different every time", async () => {
    const person = await createUser();
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const result = await signIn(person.email);
      expect(result.status).toBe(303);
      const token = tokenIn(cookiePair(sessionSetCookie(result.headers)));
      expect(token).toMatch(/^[a-z2-7]{52}$/);
      expect(decodeBase32IgnorePadding(token.toUpperCase())).toHaveLength(32); // 256 bits
      tokens.add(token);
    }
    expect(tokens.size).toBe(20);
  });

  it("no table holds the token in any encoding: the sessions table has only its SHA-256", async () => {
    const person = await createUser();
    const result = await signIn(person.email);
    const pair = cookiePair(sessionSetCookie(result.headers));
    const token = tokenIn(pair);
    const bytes = decodeBase32IgnorePadding(token.toUpperCase());
    const encodings = [
      token,
      token.toUpperCase(),
      pair.slice(pair.indexOf("=") + 1),
      decodeURIComponent(pair.slice(pair.indexOf("=") + 1)),
      encodeHexLowerCase(bytes),
      encodeBase64(bytes),
      Buffer.from(bytes).toString("base64url"),
    ];
    const everything = await wholeDatabase();
    for (const form of encodings) expect(everything.includes(form), form).toBe(false);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(rows.map((r) => r.id)).toEqual([hashToken(token)]);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    // The check can see a token: one stored raw would be found.
    await db.insert(emailTokens).values({
      id: token,
      userId: person.id,
      purpose: "reset_password",
      createdAt: new Date(),
      expiresAt: new Date(),
    });
    expect((await wholeDatabase()).includes(token)).toBe(true);
    await db.delete(emailTokens).where(eq(emailTokens.id, token));
  });
});

describe("session cookie flags (figure 10)", () => {
  it("development: HttpOnly, SameSite=Lax, Path=/, an Expires 30 days ahead, not Secure (plain http)", async () => {
    setClock(() => new Date("2027-04-01T10:00:00Z"));
    const person = await createUser();
    const header = sessionSetCookie((await signIn(person.email)).headers);
    expect(header).toMatch(/^qx_session=/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/; Domain=/);
    const expires = new Date(/; Expires=([^;]+)/.exec(header)![1]);
    expect(expires.getTime()).toBe(new Date("2027-04-01T10:00:00Z").getTime() + SESSION_DAYS * DAY);
  });

  it("production (APP_URL https): __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, APP_URL: process.env.APP_URL, SECRET_KEY: process.env.SECRET_KEY };
    try {
      Object.assign(process.env, {
        NODE_ENV: "production",
        APP_URL: "https://exchange.example.org",
        SECRET_KEY: "s".repeat(40),
      });
      vi.resetModules();
      const auth = await import("../../app/modules/accounts/auth.server");
      const header = await auth.sessionCookieHeader(generateToken(), new Date(Date.now() + DAY));
      expect(header).toMatch(/^__Host-qx_session=/);
      for (const flag of ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]) expect(header).toContain(`; ${flag}`);
      expect(header).not.toMatch(/; Domain=/);
      expect(header).toMatch(/; Expires=/);
      const cleared = await auth.clearSessionCookieHeader();
      expect(cleared).toMatch(/^__Host-qx_session=; Max-Age=0; .*Secure/);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      vi.resetModules();
    }
  });
});

describe("session fixation (figure 10)", () => {
  it("a cookie planted before sign-in is not taken over: sign-in sets a new token and the planted one signs nobody in", async () => {
    const victim = await createUser();
    // An attacker's own valid session, and a made-up token, each planted in the victim's browser.
    const attacker = await createUser();
    const attackerSession = await createSession(attacker.id);
    for (const planted of [attackerSession.token, generateToken()]) {
      const result = await signIn(victim.email, FACTORY_PASSWORD, await cookieWith(planted));
      expect(result.status).toBe(303);
      const issued = tokenIn(cookiePair(sessionSetCookie(result.headers)));
      expect(issued).not.toBe(planted);
      const [row] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(planted)));
      // The planted token is never attached to the victim.
      expect(row?.userId ?? null).not.toBe(victim.id);
      const [fresh] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(issued)));
      expect(fresh.userId).toBe(victim.id);
    }
  });

  // The new token at the second step (two-step sign-in) is in two-factor.test.ts: "the code gives a new token".
});

describe("replayed cookies are refused (figure 10)", () => {
  it("after sign-out", async () => {
    const person = await createUser();
    const cookie = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    expect(await me(cookie)).toBe("signed in");
    const out = await run(() =>
      signOutAction({ request: post("/sign-out", {}, cookie), params: {}, context: context() }),
    );
    expect(out.status).toBe(303);
    expect(sessionSetCookie(out.headers)).toMatch(/Max-Age=0/);
    expect(await me(cookie)).toBe("refused");
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
  });

  it("after its expiry (moved into the past in the database)", async () => {
    const person = await createUser();
    const cookie = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    expect(await me(cookie)).toBe("signed in");
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, person.id));
    expect(await me(cookie)).toBe("refused");
    // And the row is gone, so moving the expiry back cannot revive it.
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
  });

  it("after suspension", async () => {
    const admin = await createUser({ isAdmin: true });
    const person = await createUser();
    const cookie = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    await suspendUser(admin, { userId: person.id, reason: "Test" });
    expect(await me(cookie)).toBe("refused");
  });

  it("after a password change: every other session ends, the one that changed it stays", async () => {
    const person = await createUser();
    const laptop = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const phone = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const changed = await run(() =>
      passwordAction({
        request: post(
          "/me/password",
          { currentPassword: FACTORY_PASSWORD, newPassword: "a brand new passphrase" },
          laptop,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(changed.status).toBe(303);
    expect(await me(phone)).toBe("refused");
    expect(await me(laptop)).toBe("signed in");
  });

  it("after a password reset: every session ends", async () => {
    const person = await createUser();
    const a = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const b = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const token = generateToken();
    await db.insert(emailTokens).values({
      id: hashToken(token),
      userId: person.id,
      purpose: "reset_password",
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const reset = await run(() =>
      resetAction({
        request: post("/reset-password", { token, password: "a brand new passphrase" }),
        params: {},
        context: context(),
      }),
    );
    expect([302, 303]).toContain(reset.status);
    expect(await me(a)).toBe("refused");
    expect(await me(b)).toBe("refused");
  });

  it("after the account is deleted", async () => {
    const person = await createUser();
    const cookie = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const other = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    const deleted = await run(() =>
      deleteAction({
        request: post("/me/data", { confirmation: person.email }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/account-deleted");
    expect(await me(cookie)).toBe("refused");
    expect(await me(other)).toBe("refused");
    const [row] = await db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, person.id));
    expect(row.deletedAt).not.toBeNull();
  });
});

describe("sliding expiry (figure 10)", () => {
  it("a session used in the second half of its 30 days gets 30 more, in the database and in a new cookie", async () => {
    const t0 = new Date("2027-05-01T09:00:00Z").getTime();
    setClock(() => new Date(t0));
    const person = await createUser();
    const cookie = cookiePair(sessionSetCookie((await signIn(person.email)).headers));
    // Used on day 5 (first half): nothing to extend, no new cookie.
    setClock(() => new Date(t0 + 5 * DAY));
    const early = await run(() => rootLoader({ request: get("/", cookie), params: {}, context: context() }));
    expect(early.headers.getSetCookie().some((c) => c.startsWith("qx_session="))).toBe(false);
    // Used every 6 days, it is still valid on day 40, past its first 30 days.
    for (const day of [11, 17, 23, 29, 35, 40]) {
      setClock(() => new Date(t0 + day * DAY));
      expect(await me(cookie), `day ${day}`).toBe("signed in");
    }
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(row.expiresAt.getTime()).toBeGreaterThan(t0 + 40 * DAY);
    // Extended on day 35 to day 65. Day 46: 19 days left, not extended, no cookie. Day 51: 14 days
    // left, extended to day 81, and the root loader sends the browser the new Expires.
    setClock(() => new Date(t0 + 46 * DAY));
    const kept = await run(() => rootLoader({ request: get("/", cookie), params: {}, context: context() }));
    expect(kept.headers.getSetCookie().some((c) => c.startsWith("qx_session="))).toBe(false);
    setClock(() => new Date(t0 + 51 * DAY));
    const late = await run(() => rootLoader({ request: get("/", cookie), params: {}, context: context() }));
    const refreshed = late.headers.getSetCookie().find((c) => c.startsWith("qx_session="));
    expect(refreshed).toBeDefined();
    expect(new Date(/; Expires=([^;]+)/.exec(refreshed!)![1]).getTime()).toBe(t0 + 51 * DAY + SESSION_DAYS * DAY);
    expect(tokenIn(cookiePair(refreshed!))).toBe(tokenIn(cookie));
  });
});
