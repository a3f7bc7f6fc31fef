import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { sessions, users } from "../../db/schema";
import { resetClock, setClock } from "../../app/lib/clock";
import { createSession, validateSessionToken } from "../../app/modules/accounts/sessions.server";
import { hashToken } from "../../app/modules/accounts/tokens.server";

const DAY = 24 * 3600_000;
const start = new Date("2027-02-01T09:00:00Z");
const at = (days: number) => new Date(start.getTime() + days * DAY);

afterEach(() => resetClock());

describe("sessions", () => {
  it("stores only the SHA-256 of a 256-bit token", async () => {
    const user = await createUser();
    const { token, session } = await createSession(user.id);
    expect(token).toMatch(/^[a-z2-7]{52}$/); // 32 bytes in base32
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(hashToken(token));
    expect(rows[0].id).not.toContain(token);
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a new sign-in gets a new token", async () => {
    const user = await createUser();
    const first = await createSession(user.id);
    const second = await createSession(user.id);
    expect(first.token).not.toBe(second.token);
  });

  it("an unknown token is refused", async () => {
    expect(await validateSessionToken("a".repeat(52))).toBeNull();
  });

  it("slides the 30-day expiry forward when the session is used in its second half", async () => {
    const user = await createUser();
    setClock(() => at(0));
    const { token } = await createSession(user.id);
    setClock(() => at(5));
    expect((await validateSessionToken(token))?.refreshed).toBe(false);
    // Used every 6 days, the session outlives its first 30 days.
    for (const day of [11, 17, 23, 29, 35]) {
      setClock(() => at(day));
      const valid = await validateSessionToken(token);
      expect(valid, `day ${day}`).not.toBeNull();
    }
    const [row] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    expect(row.expiresAt.getTime()).toBeGreaterThan(at(35).getTime());
  });

  it("expires after 30 days and deletes the row", async () => {
    const user = await createUser();
    setClock(() => at(0));
    const { token } = await createSession(user.id);
    // Keep it from idling out so only the absolute expiry can end it.
    await db
      .update(sessions)
      .set({ lastUsedAt: at(29.9) })
      .where(eq(sessions.id, hashToken(token)));
    setClock(() => at(30));
    expect(await validateSessionToken(token)).toBeNull();
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(token))),
    ).toHaveLength(0);
  });

  it("ends a session left idle for 7 days", async () => {
    const user = await createUser();
    setClock(() => at(0));
    const { token } = await createSession(user.id);
    setClock(() => at(6.9));
    expect(await validateSessionToken(token)).not.toBeNull();
    setClock(() => at(6.9 + 7));
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("refuses the session of a suspended person", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, user.id));
    expect(await validateSessionToken(token)).toBeNull();
  });
});
