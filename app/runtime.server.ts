import { sql } from "drizzle-orm";
import { closeDb, configFromEnv, db, initDb, type DatabaseHandle } from "~db/client";
import { describeDemoAccounts, seedDemoIfEmpty } from "~db/seed/demo";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { purgeOldFormSubmissions } from "~/lib/form-submissions.server";
import { LIMITS, hit, purgeExpiredBuckets, type LimitState } from "~/lib/rate-limit.server";
import { purgeExpiredSessions } from "~/modules/accounts/sessions.server";
import { deliverBatch, transportFromEnv } from "~/modules/notifications/mailer.server";
import { runScheduler } from "~/modules/rounds/scheduler.server";
import { runDigests } from "~/modules/conversation/digest.server";
import { startLoop, type Loop } from "~/lib/loop.server";
import { sendProjectReminders } from "~/modules/delivery/reminders.server";

// What the HTTP server needs from the app: start, stop, health, and the shared write limit.
// It is exported from entry.server.tsx so the server uses the app's one database handle.
type State = { handle?: DatabaseHandle; loops: Loop[]; started?: Promise<void> };
const key = Symbol.for("qx.runtime");
const store = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (store[key] ??= { loops: [] });

export function start(): Promise<void> {
  state.started ??= boot();
  return state.started;
}

async function boot() {
  const config = env();
  const began = Date.now();
  state.handle = await initDb(configFromEnv(config));
  await state.handle.migrate();
  logger.info({ database: state.handle.kind, ms: Date.now() - began }, "database ready");
  if (config.DEMO_SEED && (await seedDemoIfEmpty())) {
    logger.info(`seeded demo data\n${describeDemoAccounts()}`);
  }
  if (config.WORKERS) startWorkers();
}

function startWorkers() {
  const transport = transportFromEnv();
  state.loops.push(
    startLoop("outbox", 2_000, async () => {
      // Drain the backlog in batches, then wait for the next tick.
      while ((await deliverBatch(transport)) > 0);
    }),
    // Moves rounds on at their scheduled times; safe on every instance (exactly once, see scheduler.server.ts).
    startLoop("round-scheduler", 30_000, async () => {
      await runScheduler();
    }),
    // Each person's digest goes at most once in 23 hours (digest.server.ts), so a frequent tick is safe.
    startLoop("digests", 15 * 60_000, async () => {
      await runDigests();
    }),
    // One reminder per quiet project per period, whichever instance claims it (reminders.server.ts).
    startLoop("project-reminders", 24 * 60 * 60_000, async () => {
      await sendProjectReminders();
    }),
    startLoop("housekeeping", 60 * 60_000, async () => {
      await purgeExpiredSessions();
      await purgeExpiredBuckets();
      await purgeOldFormSubmissions();
    }),
  );
}

export async function stop(): Promise<void> {
  await Promise.all(state.loops.map((loop) => loop.stop()));
  state.loops = [];
  await closeDb();
  state.started = undefined;
}

export async function ready(): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** The general limit on state changes per IP, shared by every instance. */
export function consumeWriteLimit(ip: string): Promise<LimitState> {
  return hit(LIMITS.writesPerIp, ip);
}
