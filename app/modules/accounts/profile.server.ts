import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { users } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid } from "~/lib/errors";
import { securityEvent } from "~/lib/security-log.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { passwordChangedEmail } from "./emails";
import { COMMON_PASSWORD } from "./password-reset.server";
import { hashPassword, isCommonPassword, verifyPassword } from "./passwords.server";
import { invalidateUserSessions } from "./sessions.server";
import type { ProfileInput } from "./validation";
import { approveIfAllowListed } from "./membership.server";
import { canRequestMembership } from "./permissions";

export async function updateProfile(actor: { id: string }, input: ProfileInput): Promise<void> {
  await db
    .update(users)
    .set({ ...input, updatedAt: now() })
    .where(eq(users.id, actor.id));
}

/** Changes the password and ends every other session of the person. */
export async function changePassword(
  actor: { id: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    securityEvent("auth.reauthentication.failed", { userId: actor.id, reason: "password_change" });
    throw new Invalid("Wrong password", {
      currentPassword: "Your current password is not right. Check it and try again.",
    });
  }
  if (isCommonPassword(input.newPassword)) throw new Invalid(COMMON_PASSWORD, { newPassword: COMMON_PASSWORD });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const at = now();
    await tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, actor.id));
    await invalidateUserSessions(actor.id, actor.sessionId, tx);
    await enqueueEmail(
      {
        dedupeKey: `password-changed:${actor.id}:${at.getTime()}`,
        kind: "password_changed",
        to: user.email,
        ...passwordChangedEmail(user.name),
      },
      tx,
    );
  });
  securityEvent("auth.password.changed", { userId: actor.id });
  securityEvent("auth.sessions.revoked", { userId: actor.id, reason: "password_changed", method: "all_but_current" });
}

/** Asks for membership; a confirmed address on an allow-listed domain is approved at once. */
export async function requestMembership(actor: {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  membership: "none" | "pending" | "approved" | "declined";
  isAdmin: boolean;
}): Promise<"pending" | "approved"> {
  if (!canRequestMembership(actor)) throw new Invalid("You have already asked for membership.");
  return db.transaction(async (tx) => {
    const at = now();
    await tx
      .update(users)
      .set({ membership: "pending", membershipRequestedAt: at, updatedAt: at })
      .where(eq(users.id, actor.id));
    if (actor.emailVerifiedAt && (await approveIfAllowListed(tx, actor))) return "approved";
    return "pending";
  });
}
