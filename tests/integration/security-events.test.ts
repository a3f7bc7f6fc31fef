import { Writable } from "node:stream";
import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { createUser, FACTORY_PASSWORD } from "../../db/seed/factories";
import { changePassword } from "../../app/modules/accounts/profile.server";
import { requestPasswordReset, resetPassword } from "../../app/modules/accounts/password-reset.server";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { sessionCookieHeader } from "../../app/modules/accounts/auth.server";
import { suspendUser } from "../../app/modules/accounts/suspension.server";
import { confirmTotpSetup, startTotpSetup } from "../../app/modules/accounts/two-factor.server";
import { action as signInAction } from "../../app/routes/sign-in";
import { action as signOutAction } from "../../app/routes/sign-out";
import { context, post, run } from "../support/http";

// The app's logger, writing JSON lines to an array instead of stdout.
const captured = vi.hoisted(() => ({ lines: [] as Array<Record<string, unknown>>, raw: [] as string[] }));
vi.mock("../../app/lib/logger.server", async () => {
  const { pino } = await import("pino");
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        captured.raw.push(line);
        captured.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream) };
});

beforeEach(() => {
  captured.lines.length = 0;
  captured.raw.length = 0;
});

const events = (name?: string) =>
  captured.lines.filter((l) => typeof l.event === "string" && (!name || l.event === name));
const WARN = 40;
const INFO = 30;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

const signIn = (email: string, password: string, ip: string) =>
  run(() => signInAction({ request: post("/sign-in", { email, password }), params: {}, context: context(ip) }));

describe("security events in the log", () => {
  it("a failed sign-in writes one warn line with the account id, never the password or the email", async () => {
    const person = await createUser();
    const ip = freshIp();
    const wrongPassword = "Tr0ub4dor&3-not-the-password";
    expect((await signIn(person.email, wrongPassword, ip)).status).toBe(400);
    const failed = events("auth.sign_in.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: WARN, userId: person.id, ip, reason: "wrong_password" });
    expect(events()).toHaveLength(1);
    const everything = captured.raw.join("\n");
    expect(everything).not.toContain(wrongPassword);
    expect(everything).not.toContain(person.email);
  });

  it("an unknown email is logged as a keyed hash: the same address gives the same hash", async () => {
    const ip = freshIp();
    const email = "nobody-here@example.org";
    await signIn(email, "a-guess-at-a-password", ip);
    await signIn(email, "another-guess-at-one", ip);
    const failed = events("auth.sign_in.failed");
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ level: WARN, reason: "unknown_email", ip });
    expect(failed[0].userId).toBeUndefined();
    expect(failed[0].emailHash).toMatch(/^[0-9a-f]{16}$/);
    expect(failed[1].emailHash).toBe(failed[0].emailHash);
    expect(captured.raw.join("\n")).not.toContain(email);
    expect(captured.raw.join("\n")).not.toContain("guess");
  });

  it("the lockout (429) and a success are logged", async () => {
    const person = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await signIn(person.email, `wrong-password-${i}`, ip);
    expect((await signIn(person.email, FACTORY_PASSWORD, ip)).status).toBe(429);
    expect(events("auth.sign_in.failed")).toHaveLength(10);
    expect(events("auth.sign_in.locked")).toHaveLength(1);
    expect(events("auth.sign_in.locked")[0]).toMatchObject({ level: WARN, ip });
    const other = await createUser();
    expect((await signIn(other.email, FACTORY_PASSWORD, freshIp())).status).toBe(303);
    expect(events("auth.sign_in.succeeded")).toEqual([
      expect.objectContaining({ level: INFO, userId: other.id, method: "password" }),
    ]);
    expect(captured.raw.join("\n")).not.toContain(FACTORY_PASSWORD);
  });

  it("a wrong two-step code, a wrong password at re-authentication, a password change, signing out and a suspension", async () => {
    const person = await createUser();
    const ip = freshIp();
    const { session } = await createSession(person.id, { twoFactorVerified: true });
    await startTotpSetup(person.id);
    await expect(
      confirmTotpSetup(person, { code: "000000", password: "not-my-password", sessionId: session.id, ip }),
    ).rejects.toThrow();
    expect(events("auth.reauthentication.failed")).toEqual([
      expect.objectContaining({ level: WARN, userId: person.id, ip, reason: "two_factor_on" }),
    ]);
    await expect(
      confirmTotpSetup(person, { code: "000000", password: FACTORY_PASSWORD, sessionId: session.id, ip }),
    ).rejects.toThrow();
    expect(events("auth.two_factor.failed")).toEqual([
      expect.objectContaining({ level: WARN, userId: person.id, ip, method: "code" }),
    ]);

    await changePassword(
      { id: person.id, sessionId: session.id },
      { currentPassword: FACTORY_PASSWORD, newPassword: "a brand new passphrase 42" },
    );
    expect(events("auth.password.changed")).toEqual([expect.objectContaining({ level: INFO, userId: person.id })]);
    expect(events("auth.sessions.revoked")).toEqual([
      expect.objectContaining({ userId: person.id, reason: "password_changed" }),
    ]);

    const { token, session: fresh } = await createSession(person.id);
    const cookie = (await sessionCookieHeader(token, fresh.expiresAt)).split(";")[0];
    expect(
      (await run(() => signOutAction({ request: post("/sign-out", {}, cookie), params: {}, context: context(ip) })))
        .status,
    ).toBe(303);
    expect(events("auth.session.ended")).toEqual([
      expect.objectContaining({ userId: person.id, reason: "signed_out" }),
    ]);

    const admin = await createUser({ isAdmin: true });
    await suspendUser(admin, { userId: person.id, reason: "Testing" });
    expect(events("auth.sessions.revoked").at(-1)).toMatchObject({
      userId: person.id,
      reason: "suspended",
      by: admin.id,
    });
    const everything = captured.raw.join("\n");
    for (const secret of [FACTORY_PASSWORD, "not-my-password", "a brand new passphrase 42", token, person.email])
      expect(everything).not.toContain(secret);
  });

  it("a password reset is logged, without the token or the new password", async () => {
    const person = await createUser();
    await requestPasswordReset({ email: person.email, ip: freshIp() });
    const [email] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, person.email), eq(outbox.kind, "reset_password")))
      .orderBy(desc(outbox.id))
      .limit(1);
    const token = /\/reset-password\?token=([a-z2-7]+)/.exec(email.textBody)![1];
    await resetPassword({ token, password: "my reset passphrase 77" });
    expect(events("auth.password.reset")).toEqual([expect.objectContaining({ level: INFO, userId: person.id })]);
    expect(events("auth.sessions.revoked")).toEqual([
      expect.objectContaining({ userId: person.id, reason: "password_reset", method: "all" }),
    ]);
    const everything = captured.raw.join("\n");
    for (const secret of [token, "my reset passphrase 77", person.email]) expect(everything).not.toContain(secret);
  });
});
