import { eq, like } from "drizzle-orm";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { rateLimitBuckets } from "../../db/schema";
import { FACTORY_PASSWORD, createUser } from "../../db/seed/factories";
import { resetClock, setClock } from "../../app/lib/clock";
import { LIMITS } from "../../app/lib/rate-limit.server";
import { TooManyRequests, Invalid } from "../../app/lib/errors";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { stepAt } from "../../app/modules/accounts/two-factor";
import {
  completeSignIn,
  confirmTotpSetup,
  startTotpSetup,
  twoFactorStatus,
} from "../../app/modules/accounts/two-factor.server";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, post, run, setCookies } from "../support/http";

// Figure 9. rate-limits.test.ts shows the basic 429s; this file pins the exact numbers from LIMITS,
// an account attacked from 50 addresses, the right password during a lockout, the window edges,
// and that a lockout cannot be sidestepped by writing the email differently or racing requests.

afterEach(() => resetClock());

const WRONG = "not the right password";
const attempt = (email: string, password: string, ip: string) =>
  run(() => signInAction({ request: post("/sign-in", { email, password }), params: {}, context: context(ip) }));
const signedIn = (result: { headers: Headers }) =>
  setCookies(result.headers).some((c) => /qx_session=[^;]+;/.test(c) && !/Max-Age=0/.test(c));

describe("brute force on sign-in (figure 9)", () => {
  it(`per IP: ${LIMITS.signInPerIp.max} wrong passwords in ${LIMITS.signInPerIp.windowSeconds / 60} minutes, then 429 even with the right password`, async () => {
    expect(LIMITS.signInPerIp).toMatchObject({ max: 10, windowSeconds: 900 });
    setClock(() => new Date("2027-03-01T10:00:00Z"));
    // A different account each time, so only the IP counter can be what stops it.
    const people = await Promise.all(Array.from({ length: LIMITS.signInPerIp.max + 1 }, () => createUser()));
    for (let i = 0; i < LIMITS.signInPerIp.max; i++) {
      const result = await attempt(people[i].email, WRONG, "192.0.2.50");
      expect(result.status, `attempt ${i + 1}`).toBe(400);
      expect(result.data.errors.password).toMatch(/Check them and try again/);
    }
    const blocked = await attempt(people[LIMITS.signInPerIp.max].email, FACTORY_PASSWORD, "192.0.2.50");
    expect(blocked.status).toBe(429);
    expect(signedIn(blocked)).toBe(false);
    expect(Number(blocked.headers.get("Retry-After"))).toBe(LIMITS.signInPerIp.windowSeconds);
    expect(blocked.data.errors.password).toBe(
      "Too many failed attempts to sign in. Please wait 15 minutes and try again.",
    );
    // Successful sign-ins from a shared address are not failures: they do not use up its allowance.
    setClock(() => new Date("2027-03-01T11:00:00Z"));
    for (let i = 0; i < LIMITS.signInPerIp.max + 5; i++)
      expect((await attempt(people[i % people.length].email, FACTORY_PASSWORD, "192.0.2.51")).status).toBe(303);
    expect((await attempt(people[0].email, WRONG, "192.0.2.51")).status).toBe(400);
  });

  it("per account: 50 addresses, one guess each; from the 11th on every one is 429, and so is the owner with the right password", async () => {
    expect(LIMITS.signInPerAccount).toMatchObject({ max: 10, windowSeconds: 900 });
    setClock(() => new Date("2027-03-02T10:00:00Z"));
    const victim = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await attempt(victim.email, `${WRONG} ${i}`, `198.18.${i}.1`)).status);
    expect(statuses.slice(0, LIMITS.signInPerAccount.max)).toEqual(Array(LIMITS.signInPerAccount.max).fill(400));
    expect(statuses.slice(LIMITS.signInPerAccount.max)).toEqual(Array(50 - LIMITS.signInPerAccount.max).fill(429));
    // The owner, from an address never seen before, is refused too: the lockout is of the account.
    const owner = await attempt(victim.email, FACTORY_PASSWORD, "203.0.113.250");
    expect(owner.status).toBe(429);
    expect(signedIn(owner)).toBe(false);
    // Another account from those same addresses is not affected (each address made one guess).
    const other = await createUser();
    expect((await attempt(other.email, FACTORY_PASSWORD, "198.18.0.1")).status).toBe(303);
  });

  it("the account lockout lasts exactly the window: refused one second before its end, allowed at its end", async () => {
    const start = new Date("2027-03-03T10:00:00Z").getTime();
    setClock(() => new Date(start));
    const victim = await createUser();
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) await attempt(victim.email, WRONG, `198.19.0.${i}`);
    const end = start + LIMITS.signInPerAccount.windowSeconds * 1000;
    setClock(() => new Date(end - 1000));
    const late = await attempt(victim.email, FACTORY_PASSWORD, "203.0.113.251");
    expect(late.status).toBe(429);
    expect(late.headers.get("Retry-After")).toBe("1");
    setClock(() => new Date(end));
    const after = await attempt(victim.email, FACTORY_PASSWORD, "203.0.113.251");
    expect(after.status).toBe(303);
    expect(signedIn(after)).toBe(true);
    // A success clears the account's counter: the next wrong password is failure 1, not 11.
    expect(
      await db
        .select()
        .from(rateLimitBuckets)
        .where(eq(rateLimitBuckets.key, `sign-in:account:${victim.email}`)),
    ).toHaveLength(0);
  });

  it("writing the email in capitals or with spaces counts against the same account", async () => {
    setClock(() => new Date("2027-03-04T10:00:00Z"));
    const victim = await createUser();
    const variants = [
      victim.email.toUpperCase(),
      ` ${victim.email} `,
      victim.email.replace(/^./, (c) => c.toUpperCase()),
    ];
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
      expect((await attempt(variants[i % variants.length], WRONG, `198.51.100.${i + 1}`)).status).toBe(400);
    }
    expect((await attempt(victim.email, FACTORY_PASSWORD, "198.51.100.200")).status).toBe(429);
    const keys = await db.select().from(rateLimitBuckets).where(like(rateLimitBuckets.key, "sign-in:account:%"));
    expect(keys.filter((k) => k.key.toLowerCase().includes(victim.email.split("@")[0]))).toEqual([
      // Ten failures and the refused eleventh: one counter, whatever the spelling.
      expect.objectContaining({ key: `sign-in:account:${victim.email}`, count: LIMITS.signInPerAccount.max + 1 }),
    ]);
  });

  it("an unknown email is counted like a real one (the answers do not tell them apart)", async () => {
    setClock(() => new Date("2027-03-05T10:00:00Z"));
    const real = await createUser();
    const unknown = await attempt("nobody-here@example.org", WRONG, "192.0.2.60");
    const known = await attempt(real.email, WRONG, "192.0.2.61");
    expect(unknown.status).toBe(known.status);
    expect(unknown.data.errors).toEqual(known.data.errors);
    for (let i = 1; i < LIMITS.signInPerAccount.max; i++)
      await attempt("nobody-here@example.org", WRONG, `192.0.2.${70 + i}`);
    expect((await attempt("nobody-here@example.org", WRONG, "192.0.2.99")).status).toBe(429);
  });

  it("guesses sent all at once from one address get no more than the limit checked", async () => {
    setClock(() => new Date("2027-03-06T10:00:00Z"));
    const people = await Promise.all(Array.from({ length: 30 }, () => createUser()));
    const results = await Promise.all(people.map((p) => attempt(p.email, WRONG, "192.0.2.77")));
    const checked = results.filter((r) => r.status === 400).length;
    const refused = results.filter((r) => r.status === 429).length;
    expect(checked + refused).toBe(30);
    // Counted before the password is checked, so exactly the limit gets through, however they race.
    expect(checked).toBe(LIMITS.signInPerIp.max);
  });
});

describe("brute force on the second step (figure 9)", () => {
  it(`codes sent all at once: exactly ${LIMITS.twoFactorPerAccount.max} are checked, the rest get 429, and then the right code is refused too`, async () => {
    const t = new Date("2027-03-07T10:00:00Z");
    setClock(() => t);
    const person = await createUser();
    const setup = await createSession(person.id);
    await startTotpSetup(person.id);
    const secret = decodeBase32IgnorePadding((await twoFactorStatus(person.id)).setup!.secret.replace(/ /g, ""));
    await confirmTotpSetup(person, {
      code: generateHOTP(secret, BigInt(stepAt(t)), 6),
      password: FACTORY_PASSWORD,
      sessionId: setup.session.id,
      ip: null,
    });
    const right = generateHOTP(secret, BigInt(stepAt(t) + 1), 6);
    setClock(() => new Date(t.getTime() + 30_000));
    const pending = await createSession(person.id);
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0"));
    const outcomes = await Promise.allSettled(
      wrong.map((code) =>
        completeSignIn({ sessionId: pending.session.id, userId: person.id }, { code, ip: "192.0.2.91" }),
      ),
    );
    const reasons = outcomes.map((o) => (o.status === "rejected" ? o.reason : null));
    expect(reasons.filter((r) => r instanceof Invalid)).toHaveLength(LIMITS.twoFactorPerAccount.max);
    expect(reasons.filter((r) => r instanceof TooManyRequests)).toHaveLength(30 - LIMITS.twoFactorPerAccount.max);
    await expect(
      completeSignIn({ sessionId: pending.session.id, userId: person.id }, { code: right, ip: "192.0.2.92" }),
    ).rejects.toBeInstanceOf(TooManyRequests);
  });
});
