// Limits that must hold when requests arrive at once (issue 11; figure 16 checks the same across
// two app servers). The sign-in limit counts each attempt before the slow password check, so a
// burst of parallel guesses cannot all slip past a check made before any of them was counted.
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { resetClock, setClock } from "../../app/lib/clock";
import { LIMITS, peek } from "../../app/lib/rate-limit.server";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, post, run } from "../support/http";

afterEach(() => resetClock());

const attempt = (email: string, password: string, ip: string) =>
  run(() => signInAction({ request: post("/sign-in", { email, password }), params: {}, context: context(ip) }));

describe("sign-in limit under a burst", () => {
  it("30 wrong passwords at once from one address: at most 10 are checked, the rest answer 429", async () => {
    setClock(() => new Date("2027-02-01T12:00:00Z"));
    const user = await createUser();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(user.email, `wrong password ${i}`, "192.0.2.77")),
    );
    const statuses = answers.map((a) => a.status);
    // Each attempt is counted per address and per account at once, so either counter may be the one
    // that blocks it: a burst can get slightly fewer than 10 checks, never more.
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    // And the right password is refused too until the window ends.
    expect((await attempt(user.email, "correct-horse-battery-staple", "192.0.2.78")).status).toBe(429);
  });

  it("a right password does not count as a failure", async () => {
    setClock(() => new Date("2027-02-02T12:00:00Z"));
    const user = await createUser();
    for (let i = 0; i < 9; i++) expect((await attempt(user.email, "wrong password!", "192.0.2.79")).status).toBe(400);
    for (let i = 0; i < 5; i++)
      expect((await attempt(user.email, "correct-horse-battery-staple", "192.0.2.79")).status).toBe(303);
    expect((await peek(LIMITS.signInPerIp, "192.0.2.79")).count).toBe(9);
    expect((await attempt(user.email, "wrong password!", "192.0.2.79")).status).toBe(400);
    expect((await attempt(user.email, "correct-horse-battery-staple", "192.0.2.79")).status).toBe(429);
  });
});
