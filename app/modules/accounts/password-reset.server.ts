import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { emailTokens, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Invalid, TooManyRequests } from "~/lib/errors";
import { LIMITS, hit, retryMessage } from "~/lib/rate-limit.server";
import { securityEvent } from "~/lib/security-log.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { passwordChangedEmail, resetPasswordEmail } from "./emails";
import { spendEmailToken } from "./email-tokens.server";
import { hashPassword, isCommonPassword } from "./passwords.server";
import { invalidateUserSessions } from "./sessions.server";
import { generateToken, hashToken } from "./tokens.server";

const RESET_MINUTES = 60;

export const COMMON_PASSWORD = "This password is too common and easy to guess. Choose a longer or less common one.";

/** Emails a reset link when the account exists; the answer is the same either way. */
export async function requestPasswordReset(input: { email: string; ip: string }): Promise<void> {
  const [byIp, byEmail] = await Promise.all([
    hit(LIMITS.passwordResetPerIp, input.ip),
    hit(LIMITS.passwordResetPerEmail, input.email),
  ]);
  const limited = [byIp, byEmail].find((s) => s.limited);
  if (limited) {
    const text = `Too many reset requests. ${retryMessage(limited.retryAfterSeconds)}`;
    throw new TooManyRequests(text, limited.retryAfterSeconds, { email: text });
  }
  const [user] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, input.email));
  if (!user) return;
  const token = generateToken();
  const at = now();
  await db.transaction(async (tx) => {
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: user.id,
      purpose: "reset_password",
      createdAt: at,
      expiresAt: new Date(at.getTime() + RESET_MINUTES * 60_000),
    });
    const message = resetPasswordEmail(user.name, `${env().APP_URL}/reset-password?token=${token}`);
    await enqueueEmail(
      { dedupeKey: `reset:${hashToken(token)}`, kind: "reset_password", to: input.email, ...message },
      tx,
    );
  });
}

/** Sets a new password from an emailed link, ends every session, and confirms the email too. */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  if (isCommonPassword(input.password)) throw new Invalid(COMMON_PASSWORD, { password: COMMON_PASSWORD });
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const spent = await spendEmailToken(tx, input.token, "reset_password");
    if (!spent)
      throw new Invalid("This link has expired or has already been used. Ask for a new one.", {
        password: "This reset link has expired or has already been used. Ask for a new one.",
      });
    const at = now();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: at })
      .where(eq(users.id, spent.userId))
      .returning({ id: users.id, name: users.name, email: users.email, verified: users.emailVerifiedAt });
    // Following the link proves the person reads this inbox.
    if (!user.verified) await tx.update(users).set({ emailVerifiedAt: at }).where(eq(users.id, user.id));
    await invalidateUserSessions(user.id, undefined, tx);
    await enqueueEmail(
      {
        dedupeKey: `password-changed:${user.id}:${at.getTime()}`,
        kind: "password_changed",
        to: user.email,
        ...passwordChangedEmail(user.name),
      },
      tx,
    );
    return user.id;
  });
  securityEvent("auth.password.reset", { userId });
  securityEvent("auth.sessions.revoked", { userId, reason: "password_reset", method: "all" });
}
