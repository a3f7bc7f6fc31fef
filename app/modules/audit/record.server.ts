import { db, type Tx } from "~db/client";
import { auditLog } from "~db/schema";
import { now } from "~/lib/clock";

export type AuditInput = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  roundId?: string | null;
  details?: Record<string, unknown>;
};

/** Writes one audit row, inside the caller's transaction when it has one. */
export async function recordAudit(entry: AuditInput, executor: Tx | typeof db = db): Promise<void> {
  await executor.insert(auditLog).values({
    at: now(),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    roundId: entry.roundId ?? null,
    details: entry.details ?? {},
  });
}
