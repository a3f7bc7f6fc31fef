import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { emailTokens, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Invalid } from "~/lib/errors";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { verificationEmail } from "./emails";
import { spendEmailToken } from "./email-tokens.server";
import { approveIfAllowListed } from "./membership.server";
import { VERIFY_HOURS } from "./register.server";
import { generateToken, hashToken } from "./tokens.server";

export type VerifyResult = { membership: "none" | "pending" | "approved" | "declined" };

/**
 * Confirms an email address. A person who asked for membership and whose address is on an
 * allow-listed domain becomes a member at once.
 */
export async function verifyEmail(token: string): Promise<VerifyResult> {
  return db.transaction(async (tx) => {
    const spent = await spendEmailToken(tx, token, "verify_email");
    if (!spent) throw new Invalid("This link has expired or has already been used. Ask for a new one below.");
    const at = now();
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: at, updatedAt: at })
      .where(eq(users.id, spent.userId))
      .returning({ id: users.id, email: users.email, membership: users.membership });
    if (user.membership !== "pending") return { membership: user.membership };
    return { membership: (await approveIfAllowListed(tx, user)) ? "approved" : "pending" };
  });
}

/** Sends a fresh link to an unverified account; says nothing about whether the account exists. */
export async function resendVerification(email: string): Promise<void> {
  const [user] = await db
    .select({ id: users.id, name: users.name, verified: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, email));
  if (!user || user.verified) return;
  const token = generateToken();
  const at = now();
  await db.transaction(async (tx) => {
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: user.id,
      purpose: "verify_email",
      createdAt: at,
      expiresAt: new Date(at.getTime() + VERIFY_HOURS * 3600_000),
    });
    const message = verificationEmail(user.name, `${env().APP_URL}/verify?token=${token}`);
    await enqueueEmail(
      { dedupeKey: `verify:${user.id}:${hashToken(token)}`, kind: "verify_email", to: email, ...message },
      tx,
    );
  });
}
