import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox, type OutboxEmail } from "../../db/schema";
import { resetClock, setClock } from "../../app/lib/clock";
import { deliverBatch, type Transport } from "../../app/modules/notifications/mailer.server";
import {
  MAX_ATTEMPTS,
  backoffSeconds,
  claimDueEmails,
  enqueueEmail,
} from "../../app/modules/notifications/outbox.server";

afterEach(() => resetClock());

// Fails the first `failTimes` tries of the email with key `key` (other tests' emails go through).
function recordingTransport(key: string, failTimes = 0) {
  const sent: OutboxEmail[] = [];
  let failures = 0;
  const transport: Transport = {
    name: "smtp",
    send: async (email) => {
      if (email.dedupeKey !== key) return;
      if (failures < failTimes) {
        failures += 1;
        throw new Error("421 try again later");
      }
      sent.push(email);
    },
  };
  return { transport, sent };
}

const message = (key: string) => ({
  dedupeKey: key,
  kind: "test",
  to: "someone@example.org",
  subject: "Hello",
  text: "Body",
});

describe("outbox", () => {
  it("ignores a second email with the same dedupe key", async () => {
    await enqueueEmail(message("dup:1"));
    await enqueueEmail(message("dup:1"));
    expect(await db.select().from(outbox).where(eq(outbox.dedupeKey, "dup:1"))).toHaveLength(1);
  });

  it("retries a failed delivery with backoff, then delivers once", async () => {
    const t0 = new Date("2027-01-10T10:00:00Z");
    setClock(() => t0);
    await enqueueEmail(message("retry:1"));
    const { transport, sent } = recordingTransport("retry:1", 2);

    await deliverBatch(transport);
    let [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "retry:1"));
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("421");
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffSeconds(1) * 1000);

    // Not due yet: it is not tried again.
    await deliverBatch(transport);
    [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "retry:1"));
    expect(row.attempts).toBe(1);

    setClock(() => new Date(t0.getTime() + 60_000));
    await deliverBatch(transport);
    [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "retry:1"));
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 60_000 + backoffSeconds(2) * 1000);

    setClock(() => new Date(t0.getTime() + 60_000 + 120_000));
    await deliverBatch(transport);
    [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "retry:1"));
    expect(row.status).toBe("sent");
    expect(sent).toHaveLength(1);
  });

  it("gives up after the last attempt and marks the email failed", async () => {
    let t = new Date("2027-01-10T10:00:00Z").getTime();
    setClock(() => new Date(t));
    await enqueueEmail(message("fail:1"));
    const { transport } = recordingTransport("fail:1", 1_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverBatch(transport);
      t += 7 * 3600_000;
    }
    const [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "fail:1"));
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
  });

  it("a claimed email is not claimed again until its claim expires (a crashed worker)", async () => {
    const t0 = new Date("2027-01-10T10:00:00Z");
    setClock(() => t0);
    await enqueueEmail(message("claim:1"));
    const keys = async () => (await claimDueEmails(100)).map((e) => e.dedupeKey);
    expect(await keys()).toContain("claim:1");
    expect(await keys()).not.toContain("claim:1");
    setClock(() => new Date(t0.getTime() + 121_000));
    expect(await keys()).toContain("claim:1");
  });

  it("without a mail server, emails are kept for admins as 'held'", async () => {
    await enqueueEmail(message("held:1"));
    await deliverBatch({ name: "none", send: async () => {} });
    const [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "held:1"));
    expect(row.status).toBe("held");
  });
});
