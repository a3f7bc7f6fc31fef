// Figure 15 — the outbox survives a killed worker: 1,000 emails are queued, the built server
// delivers them to a local SMTP sink, is killed with SIGKILL after some hundreds, and is started
// again; when the outbox is empty the sink must hold 1,000 distinct Message-IDs (one per dedupe
// key). A repeat can only come from the kill landing between "the mail server accepted" and
// "marked sent" (at-least-once delivery); it carries the same Message-ID, so a receiver drops it.
// The script counts such repeats and reports them.
import postgres from "postgres";
import { closeDb, initDb } from "../../db/client";
import { enqueueEmail } from "../../app/modules/notifications/outbox.server";
import { startSmtpSink } from "../../tests/support/smtp-sink";
import { messageIdFor } from "../../app/modules/notifications/mailer.server";
import { createSoakDatabase, report, startServer, stopServer, type Server, type SoakResult } from "./support";

const TOTAL = Number(process.env.SOAK_OUTBOX_EMAILS ?? 1000);
// Not a multiple of the batch size (20): the dead worker still holds claims on the rest of its batch.
const KILL_AFTER = Math.floor(TOTAL * 0.437);
const PORT = 3243;
const APP_URL = `http://127.0.0.1:${PORT}`;
const HOST = new URL(APP_URL).hostname;

const database = await createSoakDatabase("outbox");
const sink = await startSmtpSink();
const details: string[] = [];
const servers: Server[] = [];
const title = "Outbox: 1,000 emails, worker killed mid-run";

async function run(): Promise<SoakResult> {
  await initDb({ kind: "postgres", url: database.url, max: 4 });
  const keys = Array.from({ length: TOTAL }, (_, i) => `soak:outbox:${i + 1}`);
  for (let i = 0; i < keys.length; i += 100) {
    await Promise.all(
      keys.slice(i, i + 100).map((key, j) =>
        enqueueEmail({
          dedupeKey: key,
          kind: "soak",
          to: `member${i + j + 1}@example.org`,
          subject: `Soak ${key}`,
          text: `Email for ${key}.\n.\nA line that starts with a dot.`,
        }),
      ),
    );
  }
  // A second enqueue of the same event is ignored (the dedupe key is unique).
  await enqueueEmail({ dedupeKey: keys[0], kind: "soak", to: "member1@example.org", subject: "again", text: "again" });
  await closeDb();

  const env = { SMTP_URL: sink.url, MAIL_FROM: "Q Exchange <no-reply@example.org>" };
  const started = Date.now();
  const first = await startServer({ port: PORT, databaseUrl: database.url, env });
  servers.push(first);
  let killedAt = 0;
  const killed = new Promise<void>((resolve) => {
    sink.onMessage(() => {
      if (!killedAt && sink.messages.length >= KILL_AFTER) {
        killedAt = sink.messages.length;
        first.child.kill("SIGKILL");
        resolve();
      }
    });
  });
  await Promise.race([
    killed,
    new Promise((_, reject) => setTimeout(() => reject(new Error("no emails reached the sink in 120 s")), 120_000)),
  ]);
  const exitCode = await first.exited;
  const atKill = sink.messages.length;
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const [{ sent: sentAtKill, locked }] = await sql`
    select count(*) filter (where status = 'sent')::int as sent,
           count(*) filter (where status = 'pending' and locked_until > now())::int as locked
    from outbox`;
  details.push(
    `Killed with SIGKILL (exit ${exitCode}) by the sink the moment it had answered "250" to the ${killedAt}th email (the worst moment: accepted, not yet marked sent); ${atKill} had arrived by the time it was gone; ` +
      `${sentAtKill} rows were marked sent and ${locked} pending rows were still claimed by the dead worker.`,
  );

  // Started again: the dead worker's claims expire (a two-minute lease) and are delivered then.
  const second = await startServer({ port: PORT, databaseUrl: database.url, env });
  servers.push(second);
  const deadline = Date.now() + 6 * 60_000;
  let remaining = TOTAL;
  while (Date.now() < deadline) {
    [{ remaining }] = await sql`select count(*)::int as remaining from outbox where status <> 'sent'`;
    if (remaining === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  // Anything the last batch handed over arrives before it is marked sent; wait a moment for stragglers.
  await new Promise((r) => setTimeout(r, 1000));
  await stopServer(second);
  const seconds = Math.round((Date.now() - started) / 1000);

  const [{ rows, failed }] = await sql`
    select count(*)::int as rows, count(*) filter (where status = 'failed')::int as failed from outbox`;
  await sql.end();

  const expectedIds = new Map(keys.map((key) => [messageIdFor(key, HOST), key]));
  const counts = sink.countsByMessageId();
  const distinct = counts.size;
  const unknown = [...counts.keys()].filter((id) => !expectedIds.has(id));
  const missing = [...expectedIds.keys()].filter((id) => !counts.has(id));
  const repeats = [...counts.entries()].filter(([, n]) => n > 1);
  const extraCopies = repeats.reduce((sum, [, n]) => sum + n - 1, 0);
  const bodyIntact = sink.messages.every((m) => m.raw.includes("\r\n.\r\nA line"));

  details.push(
    `${TOTAL} emails queued (the same dedupe key queued twice gave ${rows} rows); delivered through SMTP to a loopback sink in ${seconds} s including the restart and the lease expiry.`,
    `Sink: ${sink.messages.length} messages, ${distinct} distinct Message-IDs, ${missing.length} missing, ${unknown.length} unexpected; ` +
      `${repeats.length} Message-ID(s) received more than once (${extraCopies} extra cop${extraCopies === 1 ? "y" : "ies"}${repeats.length ? `: ${repeats.map(([id, n]) => `${expectedIds.get(id)} ×${n}`).join(", ")}` : ""}).`,
    `Outbox after the run: ${remaining} not sent, ${failed} failed.`,
    "Guarantee: at-least-once delivery with a stable Message-ID per dedupe key. A copy can repeat only when the worker dies between the mail server's acceptance and the row being marked sent; the repeat carries the same Message-ID, so the receiver drops it.",
  );
  const pass =
    remaining === 0 &&
    failed === 0 &&
    distinct === TOTAL &&
    missing.length === 0 &&
    unknown.length === 0 &&
    rows === TOTAL &&
    bodyIntact &&
    extraCopies <= 1;
  return {
    figure: 15,
    title,
    result:
      `${distinct} of ${TOTAL} delivered to the SMTP sink (killed with SIGKILL after ${killedAt}); ${extraCopies} repeat${extraCopies === 1 ? "" : "s"} by Message-ID` +
      (extraCopies ? " (same Message-ID: dropped by the receiver)" : "") +
      ", none lost",
    pass,
    details,
  };
}

const result = await run().catch((error: unknown): SoakResult => ({
  figure: 15,
  title,
  result: `error: ${error instanceof Error ? error.message : String(error)}`,
  pass: false,
  details,
}));
for (const server of servers) if (server.child.exitCode === null) server.child.kill("SIGKILL");
await sink.close();
await database.drop();
report(result);
