import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { users } from "~db/schema";
import { now } from "~/lib/clock";
import { recordAudit } from "~/modules/audit/record.server";
import { makeHandle } from "./handle";
import { hashPassword } from "./passwords.server";

/** Creates a verified admin account, or makes an existing account an admin. Used by scripts and the seed. */
export async function createAdmin(input: { email: string; name: string; organisation: string; password?: string }) {
  const email = input.email.trim().toLowerCase();
  const at = now();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      await tx.update(users).set({ isAdmin: true, updatedAt: at }).where(eq(users.id, existing.id));
      await recordAudit(
        {
          actorId: null,
          action: "admin.granted",
          subjectType: "user",
          subjectId: existing.id,
          details: { via: "create-admin" },
        },
        tx,
      );
      return { id: existing.id, created: false };
    }
    if (!input.password) throw new Error("A password is needed to create a new account");
    const [user] = await tx
      .insert(users)
      .values({
        email,
        name: input.name,
        organisation: input.organisation,
        passwordHash: await hashPassword(input.password),
        handle: makeHandle(input.name),
        emailVerifiedAt: at,
        membership: "approved",
        membershipDecidedAt: at,
        isAdmin: true,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: users.id });
    await recordAudit(
      {
        actorId: null,
        action: "admin.granted",
        subjectType: "user",
        subjectId: user.id,
        details: { via: "create-admin" },
      },
      tx,
    );
    return { id: user.id, created: true };
  });
}
