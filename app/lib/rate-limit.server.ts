import { eq, lt, sql } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { rateLimitBuckets } from "~db/schema";
import { now } from "./clock";

// Fixed-window counters in PostgreSQL, so every app instance sees the same counts.
export type Limit = { name: string; max: number; windowSeconds: number };

export const LIMITS = {
  signInPerIp: { name: "sign-in:ip", max: 10, windowSeconds: 15 * 60 },
  signInPerAccount: { name: "sign-in:account", max: 10, windowSeconds: 15 * 60 },
  registerPerIp: { name: "register:ip", max: 20, windowSeconds: 60 * 60 },
  passwordResetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { name: "reset:email", max: 3, windowSeconds: 60 * 60 },
  writesPerIp: { name: "writes:ip", max: 300, windowSeconds: 60 },
  // A six-digit code has a million values: five guesses per quarter hour makes guessing hopeless.
  twoFactorPerAccount: { name: "two-factor:account", max: 5, windowSeconds: 15 * 60 },
  twoFactorPerIp: { name: "two-factor:ip", max: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

export type LimitState = { count: number; limited: boolean; retryAfterSeconds: number };

function stateOf(limit: Limit, row: { count: number; resetAt: Date } | undefined, at: Date): LimitState {
  if (!row || row.resetAt <= at) return { count: 0, limited: false, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil((row.resetAt.getTime() - at.getTime()) / 1000));
  return { count: row.count, limited: row.count >= limit.max, retryAfterSeconds };
}

/** Counts one event and says whether the limit is now exceeded (more than max in the window). */
export async function hit(limit: Limit, subject: string, executor: Tx | typeof db = db): Promise<LimitState> {
  const at = now();
  const resetAt = new Date(at.getTime() + limit.windowSeconds * 1000);
  // Raw dates in sql`` are not encoded by every driver: pass them as text with a cast.
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const resetAtSql = sql`${resetAt.toISOString()}::timestamptz`;
  const [row] = await executor
    .insert(rateLimitBuckets)
    .values({ key: `${limit.name}:${subject}`, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.resetAt} <= ${atSql} then 1 else ${rateLimitBuckets.count} + 1 end`,
        resetAt: sql`case when ${rateLimitBuckets.resetAt} <= ${atSql} then ${resetAtSql} else ${rateLimitBuckets.resetAt} end`,
      },
    })
    .returning({ count: rateLimitBuckets.count, resetAt: rateLimitBuckets.resetAt });
  const state = stateOf(limit, row, at);
  return { ...state, limited: row.count > limit.max };
}

/** Whether the limit has been reached already, without counting anything. */
export async function peek(limit: Limit, subject: string): Promise<LimitState> {
  const [row] = await db
    .select({ count: rateLimitBuckets.count, resetAt: rateLimitBuckets.resetAt })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, `${limit.name}:${subject}`));
  return stateOf(limit, row, now());
}

/**
 * Gives back one event counted by `hit`: for a check that counts an attempt before it knows the
 * outcome (so that requests sent at once cannot all pass a limit they would exceed together).
 */
export async function release(limit: Limit, subject: string): Promise<void> {
  await db
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(eq(rateLimitBuckets.key, `${limit.name}:${subject}`));
}

export async function clear(limit: Limit, subject: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, `${limit.name}:${subject}`));
}

export async function purgeExpiredBuckets(): Promise<void> {
  await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.resetAt, now()));
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "Please wait a minute and try again." : `Please wait ${minutes} minutes and try again.`;
}
