import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { users } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { securityEvent } from "~/lib/security-log.server";
import { recordAudit } from "~/modules/audit/record.server";
import { invalidateUserSessions } from "./sessions.server";

type Admin = { id: string; isAdmin: boolean };

/** Suspends a person: every session ends at once and signing in is refused with the reason. */
export async function suspendUser(actor: Admin, input: { userId: string; reason: string }): Promise<void> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can suspend people.");
  if (actor.id === input.userId) throw new Invalid("You cannot suspend yourself.");
  const reason = input.reason.trim();
  if (!reason)
    throw new Invalid("Give a reason", { reason: "Enter the reason for the suspension; the person will see it" });
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) throw new NotFound("No such person.");
    if (user.suspendedAt) throw new Conflict("This person is already suspended.");
    await tx
      .update(users)
      .set({ suspendedAt: now(), suspendedReason: reason, updatedAt: now() })
      .where(eq(users.id, user.id));
    await invalidateUserSessions(user.id, undefined, tx);
    await recordAudit(
      { actorId: actor.id, action: "user.suspended", subjectType: "user", subjectId: user.id, details: { reason } },
      tx,
    );
  });
  securityEvent("auth.sessions.revoked", { userId: input.userId, reason: "suspended", method: "all", by: actor.id });
}

export async function restoreUser(actor: Admin, input: { userId: string }): Promise<void> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can restore people.");
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) throw new NotFound("No such person.");
    if (!user.suspendedAt) throw new Conflict("This person is not suspended.");
    await tx
      .update(users)
      .set({ suspendedAt: null, suspendedReason: null, updatedAt: now() })
      .where(eq(users.id, user.id));
    await recordAudit({ actorId: actor.id, action: "user.restored", subjectType: "user", subjectId: user.id }, tx);
  });
}
