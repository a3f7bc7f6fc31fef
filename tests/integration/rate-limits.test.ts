import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { resetClock, setClock } from "../../app/lib/clock";
import { LIMITS, hit } from "../../app/lib/rate-limit.server";
import { action as signInAction } from "../../app/routes/sign-in";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { context, post, run } from "../support/http";

afterEach(() => resetClock());

const attempt = (email: string, password: string, ip: string) =>
  run(() => signInAction({ request: post("/sign-in", { email, password }), params: {}, context: context(ip) }));

describe("sign-in limits", () => {
  it("after 10 wrong passwords from one IP address, the 11th try gets 429 with Retry-After", async () => {
    setClock(() => new Date("2027-01-05T12:00:00Z"));
    const users = await Promise.all([1, 2, 3].map(() => createUser()));
    for (let i = 0; i < 10; i++) {
      const result = await attempt(users[i % 3].email, "wrong password!", "192.0.2.10");
      expect(result.status, `attempt ${i + 1}`).toBe(400);
    }
    const blocked = await attempt(users[0].email, "correct-horse-battery-staple", "192.0.2.10");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(blocked.data.errors.password).toMatch(/Too many failed attempts/);
    // Another IP address is not affected.
    expect((await attempt(users[0].email, "correct-horse-battery-staple", "192.0.2.11")).status).toBe(303);
    // When the window has passed, the right password works again from the first address.
    setClock(() => new Date("2027-01-05T12:16:00Z"));
    expect((await attempt(users[1].email, "correct-horse-battery-staple", "192.0.2.10")).status).toBe(303);
  });

  it("one account attacked from many IP addresses is limited too", async () => {
    setClock(() => new Date("2027-01-06T12:00:00Z"));
    const user = await createUser();
    for (let i = 0; i < 10; i++)
      expect((await attempt(user.email, "wrong password!", `198.51.100.${i}`)).status).toBe(400);
    expect((await attempt(user.email, "correct-horse-battery-staple", "198.51.100.200")).status).toBe(429);
  });

  it("password reset requests are limited per email address", async () => {
    setClock(() => new Date("2027-01-07T12:00:00Z"));
    const user = await createUser();
    const ask = (ip: string) =>
      run(() =>
        forgotAction({ request: post("/forgot-password", { email: user.email }), params: {}, context: context(ip) }),
      );
    for (let i = 0; i < LIMITS.passwordResetPerEmail.max; i++) expect((await ask(`203.0.113.${i}`)).status).toBe(200);
    const blocked = await ask("203.0.113.99");
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.email).toMatch(/Too many reset requests/);
  });

  it("a counter starts again when its window ends", async () => {
    const limit = { name: "test", max: 2, windowSeconds: 60 };
    setClock(() => new Date("2027-01-08T12:00:00Z"));
    expect((await hit(limit, "x")).limited).toBe(false);
    expect((await hit(limit, "x")).limited).toBe(false);
    expect((await hit(limit, "x")).limited).toBe(true);
    setClock(() => new Date("2027-01-08T12:01:01Z"));
    const fresh = await hit(limit, "x");
    expect(fresh.count).toBe(1);
    expect(fresh.limited).toBe(false);
  });
});

describe("registration limit", () => {
  it("counts only accounts actually created, so mistakes never lock a shared network out", async () => {
    const { action: joinAction } = await import("../../app/routes/join");
    setClock(() => new Date("2027-01-09T12:00:00Z"));
    const join = (email: string, password = "a sensible passphrase") =>
      run(() =>
        joinAction({
          request: post("/join", { name: "N", email, password, organisation: "O" }),
          params: {},
          context: context("192.0.2.99"),
        }),
      );
    for (let i = 0; i < 30; i++) expect((await join(`bad${i}@example.org`, "short")).status).toBe(400);
    for (let i = 0; i < LIMITS.registerPerIp.max; i++)
      expect((await join(`ok${i}@example.org`)).status, `account ${i + 1}`).toBe(303);
    const blocked = await join("one-too-many@example.org");
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.form).toMatch(/Too many accounts/);
  });
});
