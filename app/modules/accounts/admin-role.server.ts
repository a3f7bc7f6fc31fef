import { and, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { users } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";

type Admin = { id: string; isAdmin: boolean };

/**
 * Grants or removes the admin right. An admin cannot remove their own right (another admin must),
 * and the last admin can never be removed. Every admin row is locked first, so two admins
 * removing each other at once cannot leave nobody.
 */
export async function setAdmin(actor: Admin, input: { userId: string; admin: boolean }): Promise<{ name: string }> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can change who is an admin.");
  if (!input.admin && actor.id === input.userId) {
    throw new Invalid("You cannot remove your own admin right: ask another admin.");
  }
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.isAdmin, true), isNull(users.deletedAt), isNull(users.suspendedAt)))
      .for("update");
    const [user] = await tx
      .select({
        id: users.id,
        name: users.name,
        isAdmin: users.isAdmin,
        deletedAt: users.deletedAt,
        suspendedAt: users.suspendedAt,
      })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user || user.deletedAt) throw new NotFound("No such person.");
    if (user.isAdmin === input.admin)
      throw new Conflict(input.admin ? `${user.name} is already an admin.` : `${user.name} is not an admin.`);
    if (input.admin && user.suspendedAt) throw new Invalid(`${user.name} is suspended: restore them first.`);
    if (!input.admin && admins.every((a) => a.id === user.id))
      throw new Invalid("This is the last admin: make someone else an admin first.");
    await tx.update(users).set({ isAdmin: input.admin, updatedAt: now() }).where(eq(users.id, user.id));
    await recordAudit(
      {
        actorId: actor.id,
        action: input.admin ? "admin.granted" : "admin.removed",
        subjectType: "user",
        subjectId: user.id,
      },
      tx,
    );
    return { name: user.name };
  });
}
