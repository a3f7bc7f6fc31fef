// One-time form keys for forms that create something (a new idea, a comment). The page renders a
// fresh key into the form; the use case claims it in the transaction that creates the record. A
// second send of the same form (a double click, a retry after a lost answer, two tabs restored)
// then finds the claim and gets the first record back instead of making another.
import { randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { formSubmissions, type FormSubmission } from "~db/schema";
import { now } from "./clock";
import { Conflict } from "./errors";
import { FORM_KEY_FIELD } from "./form-key";

/** A fresh key for one rendering of a form. */
export function newFormKey(): string {
  return randomBytes(16).toString("hex");
}

/** The key a form was sent with; none (an old page, a script) means no de-duplication. */
export function formKeyOf(form: FormData): string | undefined {
  const value = form.get(FORM_KEY_FIELD);
  if (typeof value !== "string") return undefined;
  const key = value.trim();
  return key.length >= 16 && key.length <= 200 ? key : undefined;
}

type Kind = FormSubmission["kind"];

const used = () => new Conflict("This form was already sent and used. Reload the page and try again.");

/**
 * Claims `key` for the record about to be created (its id chosen by the caller). Returns null when
 * this submission is the first, or the id the first one created. A second submission racing the
 * first waits here on the key's row until the first commits (then it finds it) or rolls back
 * (then it claims the key itself).
 */
export async function claimFormKey(
  tx: Tx,
  claim: { userId: string; key: string; kind: Kind; recordId: string },
): Promise<string | null> {
  const claimed = await tx
    .insert(formSubmissions)
    .values({ ...claim, createdAt: now() })
    .onConflictDoNothing()
    .returning({ recordId: formSubmissions.recordId });
  if (claimed.length > 0) return null;
  const earlier = await recordOf(tx, claim.userId, claim.key, claim.kind);
  if (!earlier) throw used();
  return earlier;
}

/** The record an earlier submission of this form created, if any (read without claiming). */
export async function earlierRecord(userId: string, key: string, kind: Kind): Promise<string | null> {
  return recordOf(db, userId, key, kind);
}

async function recordOf(executor: Tx | typeof db, userId: string, key: string, kind: Kind): Promise<string | null> {
  const [row] = await executor
    .select({ kind: formSubmissions.kind, recordId: formSubmissions.recordId })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)));
  if (!row) return null;
  // The same key for another kind of form is not a repeat of this one.
  if (row.kind !== kind) throw used();
  return row.recordId;
}

/** Keys matter for minutes (a repeated send); a day is ample. */
export async function purgeOldFormSubmissions(): Promise<void> {
  await db.delete(formSubmissions).where(lt(formSubmissions.createdAt, new Date(now().getTime() - 24 * 60 * 60_000)));
}
