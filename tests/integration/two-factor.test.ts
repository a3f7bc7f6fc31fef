import { createHash } from "node:crypto";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { auditLog, panelMembers, recoveryCodes, sessions, totpCredentials } from "../../db/schema";
import { insertRound } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { sessionCookieHeader } from "../../app/modules/accounts/auth.server";
import { stepAt } from "../../app/modules/accounts/two-factor";
import { setTwoFactorRequirement, twoFactorStatus } from "../../app/modules/accounts/two-factor.server";
import { loader as meLoader } from "../../app/routes/me._index";
import { action as securityAction, loader as securityLoader } from "../../app/routes/me.security";
import { action as signInAction, loader as signInLoader } from "../../app/routes/sign-in";
import { action as twoFactorAction } from "../../app/routes/sign-in_.two-factor";
import { loader as adminLoader } from "../../app/routes/admin._index";
import { context, get, post, run } from "../support/http";

const PASSWORD = "correct-horse-battery-staple";
const T0 = new Date("2027-03-01T10:00:00Z");
beforeEach(() => setClock(() => T0));
afterEach(() => resetClock());

async function verifiedCookie(userId: string): Promise<string> {
  const { token, session } = await createSession(userId, { twoFactorVerified: true });
  return (await sessionCookieHeader(token, session.expiresAt)).split(";")[0];
}

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.includes("qx_session="))!
    .split(";")[0];

async function codeFor(userId: string, at: Date, offsetSteps = 0): Promise<string> {
  const status = await twoFactorStatus(userId);
  const secret = status.setup?.secret ?? (await secretOf(userId));
  return generateHOTP(decodeBase32IgnorePadding(secret.replace(/ /g, "")), BigInt(stepAt(at) + offsetSteps), 6);
}

// After set-up the secret is no longer shown: keep it from the set-up page for later codes.
const secrets = new Map<string, string>();
async function secretOf(userId: string): Promise<string> {
  return secrets.get(userId)!;
}

/** Turns two-step sign-in on through the page, as a person would; returns the recovery codes. */
async function turnOn(userId: string, cookie: string): Promise<string[]> {
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
  expect(page.data.setup.uri).toMatch(/^otpauth:\/\/totp\/Q%20Exchange:.+\?.*secret=/);
  expect(page.data.setup.qr.path.length).toBeGreaterThan(100);
  secrets.set(userId, page.data.setup.secret);
  const confirm = await run(() =>
    securityAction({
      request: post("/me/security", { intent: "confirm", code: "" }, cookie),
      params: {},
      context: context(),
    }),
  );
  expect(confirm.status).toBe(400);
  const ok = await run(async () =>
    securityAction({
      request: post("/me/security", { intent: "confirm", code: await codeFor(userId, T0), password: PASSWORD }, cookie),
      params: {},
      context: context(),
    }),
  );
  expect(ok.status).toBe(200);
  expect(ok.data.recoveryCodes).toHaveLength(10);
  return ok.data.recoveryCodes;
}

async function signInWithPassword(email: string) {
  return run(() =>
    signInAction({
      request: post("/sign-in", { email, password: PASSWORD, redirectTo: "/me/ideas" }),
      params: {},
      context: context(),
    }),
  );
}

describe("two-step sign-in", () => {
  it("turning it on needs the current password: a right code alone (a stolen session) turns nothing on", async () => {
    const person = await createUser();
    const cookie = await verifiedCookie(person.id);
    await run(() =>
      securityAction({ request: post("/me/security", { intent: "start" }, cookie), params: {}, context: context() }),
    );
    const page = await run(() =>
      securityLoader({ request: get("/me/security", cookie), params: {}, context: context() }),
    );
    secrets.set(person.id, page.data.setup.secret);
    for (const password of [undefined, "wrong-password-here"]) {
      const fields: Record<string, string> = { intent: "confirm", code: await codeFor(person.id, T0) };
      if (password !== undefined) fields.password = password;
      const refused = await run(() =>
        securityAction({ request: post("/me/security", fields, cookie), params: {}, context: context() }),
      );
      expect(refused.status).toBe(400);
      expect(refused.data.errors.password).toBe("Enter your current password.");
    }
    const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, person.id));
    expect(credential.enabledAt).toBeNull();
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toHaveLength(0);
    // With the password the same code (not used up by the refusals) turns it on.
    const ok = await run(async () =>
      securityAction({
        request: post(
          "/me/security",
          { intent: "confirm", code: await codeFor(person.id, T0), password: PASSWORD },
          cookie,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(ok.status).toBe(200);
    expect((await twoFactorStatus(person.id)).enabledAt).not.toBeNull();
  });

  it("set-up stores the secret encrypted, needs a right code, and audits turning it on", async () => {
    const person = await createUser();
    const cookie = await verifiedCookie(person.id);
    await turnOn(person.id, cookie);
    const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, person.id));
    expect(credential.enabledAt).not.toBeNull();
    const secret = secrets.get(person.id)!.replace(/ /g, "");
    expect(credential.secretEncrypted).not.toContain(secret);
    const codes = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id));
    expect(codes).toHaveLength(10);
    // Recovery codes (50 bits each) are stored as salted Argon2id hashes, never a fast unsalted hash.
    expect(codes.every((c) => c.codeHash.startsWith("$argon2id$"))).toBe(true);
    expect(new Set(codes.map((c) => c.codeHash.split("$")[4])).size).toBe(10);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, person.id), eq(auditLog.action, "account.two_factor_enabled")));
    expect(audit).toHaveLength(1);
    // The session that turned it on stays signed in.
    expect((await run(() => meLoader({ request: get("/me", cookie), params: {}, context: context() }))).status).toBe(
      200,
    );
  });

  it("after the password, the session signs nobody in until the code; the code gives a new token and cannot be used twice", async () => {
    const person = await createUser();
    await turnOn(person.id, await verifiedCookie(person.id));
    setClock(() => new Date(T0.getTime() + 5 * 60_000));
    const at = new Date(T0.getTime() + 5 * 60_000);

    const first = await signInWithPassword(person.email);
    expect(first.status).toBe(303);
    expect(first.location).toBe("/sign-in/two-factor?redirectTo=%2Fme%2Fideas");
    const pending = cookieOf(first.headers);
    expect((await run(() => meLoader({ request: get("/me", pending), params: {}, context: context() }))).status).toBe(
      302,
    );
    expect(
      (await run(() => signInLoader({ request: get("/sign-in", pending), params: {}, context: context() }))).location,
    ).toBe("/sign-in/two-factor");

    const wrong = await run(() =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "code", code: "000000" }, pending),
        params: {},
        context: context(),
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toMatch(/not right/);

    const code = await codeFor(person.id, at);
    const done = await run(() =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "code", code, redirectTo: "/me/ideas" }, pending),
        params: {},
        context: context(),
      }),
    );
    expect(done.status).toBe(303);
    expect(done.location).toBe("/me/ideas");
    const signedIn = cookieOf(done.headers);
    expect(signedIn).not.toBe(pending);
    expect((await run(() => meLoader({ request: get("/me", signedIn), params: {}, context: context() }))).status).toBe(
      200,
    );
    // The half-signed-in session is gone.
    expect(
      await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, person.id), eq(sessions.twoFactorVerified, false))),
    ).toHaveLength(0);

    // The same code again, in a new sign-in, is refused (replay).
    const second = cookieOf((await signInWithPassword(person.email)).headers);
    const replay = await run(() =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "code", code }, second),
        params: {},
        context: context(),
      }),
    );
    expect(replay.status).toBe(400);
  });

  it("five wrong codes lock the second step for a quarter of an hour (429 with Retry-After)", async () => {
    const person = await createUser();
    await turnOn(person.id, await verifiedCookie(person.id));
    const pending = cookieOf((await signInWithPassword(person.email)).headers);
    for (let i = 0; i < 5; i++) {
      const wrong = await run(() =>
        twoFactorAction({
          request: post("/sign-in/two-factor", { intent: "code", code: "111111" }, pending),
          params: {},
          context: context(),
        }),
      );
      expect(wrong.status).toBe(400);
    }
    const right = await run(async () =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "code", code: await codeFor(person.id, T0, 1) }, pending),
        params: {},
        context: context(),
      }),
    );
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("a recovery code signs in once", async () => {
    const person = await createUser();
    const codes = await turnOn(person.id, await verifiedCookie(person.id));
    const pending = cookieOf((await signInWithPassword(person.email)).headers);
    const used = await run(() =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "recovery", recoveryCode: codes[3].toLowerCase() }, pending),
        params: {},
        context: context(),
      }),
    );
    expect(used.status).toBe(303);
    const again = cookieOf((await signInWithPassword(person.email)).headers);
    const reused = await run(() =>
      twoFactorAction({
        request: post("/sign-in/two-factor", { intent: "recovery", recoveryCode: codes[3] }, again),
        params: {},
        context: context(),
      }),
    );
    expect(reused.status).toBe(400);
    expect(reused.data.errors.recoveryCode).toMatch(/already been used/);
    expect((await twoFactorStatus(person.id)).recoveryCodesLeft).toBe(9);
  });

  it("a recovery code stored the old way (unsalted SHA-256) still signs in once; a wrong one does not", async () => {
    const person = await createUser();
    await turnOn(person.id, await verifiedCookie(person.id));
    const legacy = "7KQ2M-X9RTA";
    const legacyHash = createHash("sha256").update(`recovery:${legacy}`, "utf8").digest("hex");
    await db.insert(recoveryCodes).values({ userId: person.id, codeHash: legacyHash, createdAt: T0 });
    const wrong = await run(async () =>
      twoFactorAction({
        request: post(
          "/sign-in/two-factor",
          { intent: "recovery", recoveryCode: "7KQ2M-X9RTB" },
          cookieOf((await signInWithPassword(person.email)).headers),
        ),
        params: {},
        context: context(),
      }),
    );
    expect(wrong.status).toBe(400);
    const used = await run(async () =>
      twoFactorAction({
        request: post(
          "/sign-in/two-factor",
          { intent: "recovery", recoveryCode: legacy },
          cookieOf((await signInWithPassword(person.email)).headers),
        ),
        params: {},
        context: context(),
      }),
    );
    expect(used.status).toBe(303);
    const [row] = await db.select().from(recoveryCodes).where(eq(recoveryCodes.codeHash, legacyHash));
    expect(row.usedAt).not.toBeNull();
  });

  it("turning it off needs the password; new recovery codes replace the old", async () => {
    const person = await createUser();
    const cookie = await verifiedCookie(person.id);
    const old = await turnOn(person.id, cookie);
    const bad = await run(() =>
      securityAction({
        request: post("/me/security", { intent: "disable", password: "wrong-password-here" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(bad.status).toBe(400);
    const fresh = await run(() =>
      securityAction({
        request: post("/me/security", { intent: "recovery-codes", password: PASSWORD }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(fresh.data.recoveryCodes).toHaveLength(10);
    expect(fresh.data.recoveryCodes).not.toContain(old[0]);
    const off = await run(() =>
      securityAction({
        request: post("/me/security", { intent: "disable", password: PASSWORD }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(off.status).toBe(303);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, person.id))).toHaveLength(0);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toHaveLength(0);
    expect((await signInWithPassword(person.email)).location).toBe("/me/ideas");
  });

  it("when admins require it, an admin or reviewer without it is sent to set it up; members are not; it cannot then be turned off", async () => {
    const admin = await createUser({ isAdmin: true });
    const adminCookie = await verifiedCookie(admin.id);
    await expect(setTwoFactorRequirement({ ...admin, twoFactorEnabled: false }, true)).rejects.toThrow(
      /your own account first/,
    );
    await turnOn(admin.id, adminCookie);
    await setTwoFactorRequirement({ ...admin, twoFactorEnabled: true }, true);
    expect(
      await db.select().from(auditLog).where(eq(auditLog.action, "settings.two_factor_requirement_changed")),
    ).toHaveLength(1);

    const otherAdmin = await createUser({ isAdmin: true });
    const reviewer = await createUser();
    const round = await insertRound();
    await db.insert(panelMembers).values({ roundId: round.id, userId: reviewer.id, addedAt: new Date() });
    const member = await createUser();
    for (const person of [otherAdmin, reviewer]) {
      const res = await run(async () =>
        meLoader({ request: get("/me", await verifiedCookie(person.id)), params: {}, context: context() }),
      );
      expect(res.status).toBe(302);
      expect(res.location).toBe("/me/security");
    }
    expect(
      (
        await run(async () =>
          adminLoader({ request: get("/admin", await verifiedCookie(otherAdmin.id)), params: {}, context: context() }),
        )
      ).location,
    ).toBe("/me/security");
    expect(
      (
        await run(async () =>
          meLoader({ request: get("/me", await verifiedCookie(member.id)), params: {}, context: context() }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await run(() => adminLoader({ request: get("/admin", adminCookie), params: {}, context: context() }))).status,
    ).toBe(200);

    const off = await run(() =>
      securityAction({
        request: post("/me/security", { intent: "disable", password: PASSWORD }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(off.status).toBe(403);
  });
});
