import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "~db/client";
import { totpCredentials, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { Forbidden, Invalid, TooManyRequests } from "~/lib/errors";
import { LIMITS, clear, hit, release, retryMessage } from "~/lib/rate-limit.server";
import { securityEvent } from "~/lib/security-log.server";
import { verifyDecoy, verifyPassword } from "./passwords.server";

export class EmailNotVerified extends Forbidden {}

const WRONG = "Enter the email address and password for your account. Check them and try again.";

/** Said only after the right password, so it never tells a stranger that an account exists. */
export function suspendedMessage(reason: string | null): string {
  const why = reason ? ` Reason: ${reason.replace(/[.\s]+$/, "")}.` : "";
  const contact = env().CONTACT_EMAIL;
  const how = contact ? `write to the programme team at ${contact}` : "contact the Q Exchange programme team";
  return `This account is suspended.${why} You cannot sign in until the programme team restores it: if you think this is a mistake, ${how}.`;
}

/**
 * Checks an email and password, counting failures per IP address and per account: after ten
 * failures in fifteen minutes either one answers 429 until the window ends.
 *
 * Every attempt is counted before the password is checked, and given back when the password is
 * right: counting only after a failure let guesses sent all at once pass the check together
 * (30 simultaneous guesses were all checked against a limit of 10).
 */
export async function authenticate(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<{ userId: string; twoFactor: boolean }> {
  const [byIp, byAccount] = await Promise.all([
    hit(LIMITS.signInPerIp, input.ip),
    hit(LIMITS.signInPerAccount, input.email),
  ]);
  const blocked = [byIp, byAccount].find((state) => state.limited);
  if (blocked) {
    securityEvent("auth.sign_in.locked", {
      email: input.email,
      ip: input.ip,
      reason: byIp.limited ? "too_many_from_ip" : "too_many_for_account",
    });
    throw new TooManyRequests(
      `Too many failed attempts to sign in. ${retryMessage(blocked.retryAfterSeconds)}`,
      blocked.retryAfterSeconds,
      {
        password: `Too many failed attempts to sign in. ${retryMessage(blocked.retryAfterSeconds)}`,
      },
    );
  }
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      verified: users.emailVerifiedAt,
      suspendedAt: users.suspendedAt,
      suspendedReason: users.suspendedReason,
    })
    .from(users)
    .where(eq(users.email, input.email));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyDecoy(input.password), false);
  if (!user || !valid) {
    securityEvent("auth.sign_in.failed", {
      userId: user?.id,
      email: input.email,
      ip: input.ip,
      reason: user ? "wrong_password" : "unknown_email",
    });
    throw new Invalid(WRONG, { password: WRONG });
  }
  // The right password is not a failure: give back what this attempt counted.
  await Promise.all([release(LIMITS.signInPerIp, input.ip), release(LIMITS.signInPerAccount, input.email)]);
  if (user.suspendedAt) {
    securityEvent("auth.sign_in.failed", { userId: user.id, ip: input.ip, reason: "suspended" });
    const message = suspendedMessage(user.suspendedReason);
    throw new Forbidden(message, { email: message });
  }
  if (!user.verified) {
    securityEvent("auth.sign_in.failed", { userId: user.id, ip: input.ip, reason: "email_not_verified" });
    throw new EmailNotVerified("Confirm your email address first", {
      email: "Confirm your email address before you sign in: use the link we emailed you, or ask for a new one.",
    });
  }
  await clear(LIMITS.signInPerAccount, input.email);
  const [credential] = await db
    .select({ enabledAt: totpCredentials.enabledAt })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, user.id), isNotNull(totpCredentials.enabledAt)));
  securityEvent(credential ? "auth.sign_in.second_step_required" : "auth.sign_in.succeeded", {
    userId: user.id,
    ip: input.ip,
    method: "password",
  });
  return { userId: user.id, twoFactor: Boolean(credential) };
}
