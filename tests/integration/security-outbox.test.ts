// The outbox under a crashing or stalled worker, through real SMTP to a loopback sink (the fast
// version of soak figure 15, scripts/soak/outbox.ts): every email arrives, one Message-ID per
// dedupe key, and a repeat can only come from a worker dying between the mail server's "250"
// and marking the email sent.
import { eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox, type OutboxEmail } from "../../db/schema";
import { resetClock, setClock } from "../../app/lib/clock";
import {
  deliverBatch,
  messageIdFor,
  smtpTransport,
  type Transport,
} from "../../app/modules/notifications/mailer.server";
import { enqueueEmail } from "../../app/modules/notifications/outbox.server";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const APP_URL = "http://qx.test";
const HOST = "qx.test";
let sink: SmtpSink;
let smtp: Transport;

beforeAll(async () => {
  sink = await startSmtpSink();
  smtp = smtpTransport(sink.url, "Q Exchange <no-reply@qx.test>", APP_URL);
});
afterAll(() => sink.close());
afterEach(() => resetClock());

async function enqueueMany(prefix: string, n: number) {
  const keys = Array.from({ length: n }, (_, i) => `${prefix}:${i + 1}`);
  for (const key of keys) {
    await enqueueEmail({
      dedupeKey: key,
      kind: "test",
      to: `${key.replace(/:/g, "-")}@example.org`,
      subject: `About ${key}`,
      text: `Hello\n.\nfrom ${key}`,
    });
  }
  return keys;
}

/** How many times the sink received each of these keys' Message-IDs (and anything unexpected). */
function received(keys: string[]) {
  const counts = sink.countsByMessageId();
  const ids = keys.map((key) => messageIdFor(key, HOST));
  const perKey = ids.map((id) => counts.get(id) ?? 0);
  return {
    missing: perKey.filter((c) => c === 0).length,
    repeats: perKey.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
    distinct: perKey.filter((c) => c > 0).length,
  };
}

async function drain(transport: Transport) {
  while ((await deliverBatch(transport)) > 0);
}

const later = (ms: number) => setClock(() => new Date(Date.now() + ms));

describe("the outbox with a worker killed mid-run", () => {
  it("delivers 200 emails once each by Message-ID: the worker dies right after the mail server accepted the 77th", async () => {
    const keys = await enqueueMany("crash", 200);
    let sent = 0;
    let died!: () => void;
    const death = new Promise<void>((resolve) => (died = resolve));
    // The first worker: real SMTP, then it "dies" (never returns, never marks the email sent)
    // right after the 77th was accepted — the worst moment for at-least-once delivery.
    const dying: Transport = {
      name: "smtp",
      send: async (email) => {
        await smtp.send(email);
        if (++sent === 77) {
          died();
          await new Promise(() => {});
        }
      },
    };
    void drain(dying);
    await death;
    expect(received(keys).distinct).toBe(77);
    const claimed = await db.select().from(outbox).where(like(outbox.dedupeKey, "crash:%"));
    expect(claimed.filter((r) => r.status === "sent")).toHaveLength(76);

    // Before the dead worker's claims expire, nothing of its batch is sent again.
    await drain(smtp);
    const stillClaimed = (await db.select().from(outbox).where(like(outbox.dedupeKey, "crash:%"))).filter(
      (r) => r.status === "pending",
    );
    expect(stillClaimed.length).toBeGreaterThan(0);
    expect(received(keys).repeats).toBe(0);

    // Two minutes on, a new worker picks up the expired claims and the rest.
    later(121_000);
    await drain(smtp);
    const rows = await db.select().from(outbox).where(like(outbox.dedupeKey, "crash:%"));
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    const result = received(keys);
    expect(result.missing).toBe(0);
    expect(result.distinct).toBe(200);
    // The 77th went out again, with the same Message-ID, so the receiver drops it; nothing else repeats.
    expect(result.repeats).toBe(1);
    const copies = sink.messages.filter((m) => m.messageId === messageIdFor(keys[76], HOST));
    expect(copies).toHaveLength(2);
    const body = (raw: string) => raw.slice(raw.indexOf("\r\n\r\n"));
    expect(copies[1].headers.subject).toBe(copies[0].headers.subject);
    expect(body(copies[1].raw)).toBe(body(copies[0].raw));
    // The body arrived whole, a line holding a single dot included.
    expect(sink.messages.find((m) => m.messageId === messageIdFor("crash:1", HOST))!.raw).toContain(
      "Hello\r\n.\r\nfrom crash:1",
    );
  });

  it("a worker whose claim ran out mid-batch sends none of the rest, and its late failure does not queue a sent email again", async () => {
    const keys = await enqueueMany("stall", 20);
    let release!: () => void;
    let stalled!: () => void;
    const isStalled = new Promise<void>((resolve) => (stalled = resolve));
    let tries = 0;
    // The first worker stalls on its first email for longer than the claim, then fails it.
    const slow: Transport = {
      name: "smtp",
      send: async (email: OutboxEmail) => {
        tries += 1;
        if (tries === 1) {
          stalled();
          await new Promise<void>((resolve) => (release = resolve));
          throw new Error("connection timed out");
        }
        await smtp.send(email);
      },
    };
    const first = deliverBatch(slow);
    await isStalled;
    later(121_000);
    await drain(smtp);
    expect(received(keys)).toMatchObject({ distinct: 20, repeats: 0 });

    release();
    expect(await first).toBe(20);
    // The stalled worker saw its claims taken over: it sent nothing more.
    expect(tries).toBe(1);
    const rows = await db.select().from(outbox).where(like(outbox.dedupeKey, "stall:%"));
    expect(rows.map((r) => r.status)).toEqual(Array(20).fill("sent"));
    later(3 * 3600_000);
    await drain(smtp);
    expect(received(keys)).toMatchObject({ distinct: 20, repeats: 0, missing: 0 });
  });

  it("two workers draining the same 200 emails at once send each exactly once", async () => {
    const keys = await enqueueMany("pair", 200);
    await Promise.all([drain(smtp), drain(smtp)]);
    expect(received(keys)).toEqual({ distinct: 200, repeats: 0, missing: 0 });
  });

  it("gives different dedupe keys different Message-IDs, and one key always the same", async () => {
    const ids = ["a:b", "a_b", "a.b", "a=3Ab", "a b", "å:b"].map((k) => messageIdFor(k, HOST));
    expect(new Set(ids).size).toBe(ids.length);
    expect(messageIdFor("comment:1:user:2", HOST)).toBe(messageIdFor("comment:1:user:2", HOST));
    for (const id of ids) expect(id).toMatch(/^<outbox-[A-Za-z0-9=-]+@qx\.test>$/);
    const [row] = await db.select().from(outbox).where(eq(outbox.dedupeKey, "pair:1"));
    expect(sink.messages.filter((m) => m.messageId === messageIdFor(row.dedupeKey, HOST))).toHaveLength(1);
  });
});
