import { sealedKinds } from "./outbox-status";
import { and, desc, eq, inArray, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { outbox, type OutboxEmail } from "~db/schema";
import { now } from "~/lib/clock";

export type EmailMessage = {
  /** The same event must always produce the same key: a second enqueue is then ignored. */
  dedupeKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
};

/** Queues an email in the caller's transaction, so it exists exactly when the change does. */
export async function enqueueEmail(message: EmailMessage, executor: Tx | typeof db = db): Promise<void> {
  const at = now();
  await executor
    .insert(outbox)
    .values({
      dedupeKey: message.dedupeKey,
      kind: message.kind,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      createdAt: at,
      nextAttemptAt: at,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

export const MAX_ATTEMPTS = 8;
const CLAIM_SECONDS = 120;

/** Wait before the next try: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60);
}

/**
 * Claims up to `limit` due emails. Rows locked by another worker are skipped, and a claim expires
 * after two minutes so a crashed worker's rows are picked up again (at-least-once delivery: a
 * worker that dies after the mail server accepted an email but before marking it sent leaves it
 * to be sent again, with the same Message-ID so the receiver can drop the repeat).
 */
export async function claimDueEmails(limit = 20): Promise<OutboxEmail[]> {
  const at = now();
  const lockedUntil = new Date(at.getTime() + CLAIM_SECONDS * 1000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, "pending"),
          lte(outbox.nextAttemptAt, at),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, at)),
        ),
      )
      .orderBy(outbox.id)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ lockedUntil, attempts: sql`${outbox.attempts} + 1` })
      .where(
        inArray(
          outbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

/**
 * Renews this worker's claim on one email just before it goes to the mail server, so a claim
 * never runs out during a send. Null when the claim was lost — it expired and another worker took
 * the email, or the email is no longer pending: the caller must not send it.
 */
export async function renewClaim(email: OutboxEmail): Promise<OutboxEmail | null> {
  if (!email.lockedUntil) return null;
  const lockedUntil = new Date(now().getTime() + CLAIM_SECONDS * 1000);
  const [row] = await db
    .update(outbox)
    .set({ lockedUntil })
    .where(and(eq(outbox.id, email.id), eq(outbox.status, "pending"), eq(outbox.lockedUntil, email.lockedUntil)))
    .returning();
  return row ?? null;
}

export async function markSent(id: number, status: "sent" | "held" = "sent"): Promise<void> {
  await db
    .update(outbox)
    .set({
      status,
      sentAt: now(),
      lockedUntil: null,
      lastError: null,
      // A sealed email's text (a ballot receipt) is not kept once the mail server has it.
      ...(status === "sent"
        ? {
            textBody: sql`case when ${outbox.kind} in (${sql.join(
              [...sealedKinds()].map((k) => sql`${k}`),
              sql`, `,
            )}) then '' else ${outbox.textBody} end`,
          }
        : {}),
    })
    .where(eq(outbox.id, id));
}

export async function markFailed(email: OutboxEmail, error: string): Promise<void> {
  const giveUp = email.attempts >= MAX_ATTEMPTS;
  await db
    .update(outbox)
    .set({
      status: giveUp ? "failed" : "pending",
      lockedUntil: null,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(now().getTime() + backoffSeconds(email.attempts) * 1000),
    })
    // A failure reported after another worker has sent the email must not queue it again.
    .where(and(eq(outbox.id, email.id), eq(outbox.status, "pending")));
}

// Sealed emails (ballot receipts) are not listed at all, not even their recipient and time: one row
// per ballot with who and when would let the programme team pair members with ledger entries
// (docs/decisions/0013-ballot-secrecy.md).
const listed = () => notInArray(outbox.kind, [...sealedKinds()]);

export async function listOutbox(page: number, pageSize = 50) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(outbox)
      .where(listed())
      .orderBy(desc(outbox.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(outbox)
      .where(listed()),
  ]);
  return { rows, total };
}

/** One email for the programme team; null for a sealed one, as for one that does not exist. */
export async function getOutboxEmail(id: number) {
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), listed()));
  return row ?? null;
}

export async function outboxCounts() {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`,
    })
    .from(outbox);
  return row;
}
