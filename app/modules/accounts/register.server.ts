import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { emailTokens, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { alreadyRegisteredEmail, verificationEmail } from "./emails";
import { makeHandle } from "./handle";
import { hashPassword, isCommonPassword } from "./passwords.server";
import { generateToken, hashToken } from "./tokens.server";
import type { RegisterInput } from "./validation";
import { Invalid } from "~/lib/errors";

export const VERIFY_HOURS = 48;

/**
 * Creates an account and emails a verification link. When the email is taken, the owner is told
 * by email instead and the person registering sees the same page: nobody learns who has an account.
 */
export async function register(input: RegisterInput, attempt = 1): Promise<void> {
  if (isCommonPassword(input.password)) {
    throw new Invalid("Common password", {
      password: "This password is too common and easy to guess. Choose a longer or less common one.",
    });
  }
  const passwordHash = await hashPassword(input.password);
  const { APP_URL } = env();
  const [existing] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.email, input.email));
  if (existing) {
    await sendAlreadyRegistered(existing.id, existing.name, input.email, APP_URL);
    return;
  }
  try {
    await db.transaction(async (tx) => {
      const at = now();
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          passwordHash,
          name: input.name,
          organisation: input.organisation,
          jobTitle: input.jobTitle,
          handle: makeHandle(input.name),
          membership: input.applyForMembership ? "pending" : "none",
          membershipRequestedAt: input.applyForMembership ? at : null,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: users.id });
      const token = generateToken();
      await tx.insert(emailTokens).values({
        id: hashToken(token),
        userId: user.id,
        purpose: "verify_email",
        createdAt: at,
        expiresAt: new Date(at.getTime() + VERIFY_HOURS * 3600_000),
      });
      const message = verificationEmail(input.name, `${APP_URL}/verify?token=${token}`);
      await enqueueEmail(
        { dedupeKey: `verify:${user.id}:${hashToken(token)}`, kind: "verify_email", to: input.email, ...message },
        tx,
      );
    });
  } catch (error) {
    // A handle that happens to be taken already: draw another.
    if (isUniqueViolation(error, "users_handle_key") && attempt < 3) return register(input, attempt + 1);
    // Two registrations with one email at the same moment: the second is treated as "taken".
    if (!isUniqueViolation(error, "users_email_key")) throw error;
    const [taken] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, input.email));
    if (taken) await sendAlreadyRegistered(taken.id, taken.name, input.email, APP_URL);
  }
}

async function sendAlreadyRegistered(userId: string, name: string, email: string, appUrl: string) {
  const message = alreadyRegisteredEmail(name, `${appUrl}/sign-in`, `${appUrl}/forgot-password`);
  // One such email per account per hour is plenty.
  const hour = Math.floor(now().getTime() / 3600_000);
  await enqueueEmail({
    dedupeKey: `already-registered:${userId}:${hour}`,
    kind: "already_registered",
    to: email,
    ...message,
  });
}
