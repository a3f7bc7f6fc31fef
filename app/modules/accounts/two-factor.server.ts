// Two-step sign-in: setting up an authenticator app, the second step at sign-in, recovery codes,
// turning it off, and the programme-wide rule that admins and reviewers must use it.
// Secrets are stored encrypted (AES-256-GCM, key derived from SECRET_KEY); recovery codes hashed
// with Argon2id (salted, slow: a database dump does not give them away).
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createTOTPKeyURI } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "~db/client";
import { recoveryCodes, sessions, siteSettings, totpCredentials, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Conflict, Forbidden, Invalid, TooManyRequests } from "~/lib/errors";
import { LIMITS, clear, hit, release, retryMessage } from "~/lib/rate-limit.server";
import { securityEvent } from "~/lib/security-log.server";
import { recordAudit } from "~/modules/audit/record.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { TWO_FACTOR_REQUIRED_KEY, createSession } from "./sessions.server";
import {
  RECOVERY_CODE_COUNT,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  formatRecoveryCode,
  groupSecret,
  matchingStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
} from "./two-factor";

const ISSUER = "Q Exchange";

function encryptionKey(): Buffer {
  return createHash("sha256").update(`totp-secret:${env().SECRET_KEY}`, "utf8").digest();
}

function encryptSecret(secret: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function decryptSecret(stored: string): Uint8Array {
  const raw = Buffer.from(stored, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

// Recovery codes have 50 bits, too few to survive an offline search of a fast hash, so each is
// stored as an Argon2id hash with its own salt (ASVS 6.5.2), like passwords. Codes made before
// this were stored as unsalted SHA-256 (64 hex digits); those keep working until used or replaced.
const hashRecoveryCode = (code: string) => hashPassword(`recovery:${code}`);
const LEGACY_SHA256 = /^[0-9a-f]{64}$/;

async function recoveryCodeMatches(stored: string, code: string): Promise<boolean> {
  if (LEGACY_SHA256.test(stored)) {
    const legacy = createHash("sha256").update(`recovery:${code}`, "utf8").digest();
    return timingSafeEqual(legacy, Buffer.from(stored, "hex"));
  }
  return verifyPassword(stored, `recovery:${code}`);
}

/** The stored hash of the person's unused recovery code that `code` matches, if any. */
async function findRecoveryCode(userId: string, code: string): Promise<string | null> {
  const unused = await db
    .select({ codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  // At most ten hashes, checked side by side (the Argon2 work runs on libuv's thread pool).
  const matches = await Promise.all(unused.map((row) => recoveryCodeMatches(row.codeHash, code)));
  return unused.find((_row, i) => matches[i])?.codeHash ?? null;
}

export type TotpSetup = { uri: string; secret: string };

async function credentialOf(userId: string, executor: Tx | Db = db) {
  const [row] = await executor.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return row ?? null;
}

export async function twoFactorStatus(
  userId: string,
): Promise<{ enabledAt: Date | null; setup: TotpSetup | null; recoveryCodesLeft: number }> {
  const [credential, [left]] = await Promise.all([
    credentialOf(userId),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
  ]);
  const [person] =
    credential && !credential.enabledAt
      ? await db.select({ email: users.email }).from(users).where(eq(users.id, userId))
      : [];
  return {
    enabledAt: credential?.enabledAt ?? null,
    setup:
      credential && !credential.enabledAt && person
        ? setupOf(person.email, decryptSecret(credential.secretEncrypted))
        : null,
    recoveryCodesLeft: left?.n ?? 0,
  };
}

function setupOf(email: string, key: Uint8Array): TotpSetup {
  return {
    uri: createTOTPKeyURI(ISSUER, email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
    secret: groupSecret(encodeBase32UpperCaseNoPadding(key)),
  };
}

/** A new secret to scan; replaces an unfinished set-up. Refused when two-step sign-in is on. */
export async function startTotpSetup(userId: string): Promise<void> {
  const existing = await credentialOf(userId);
  if (existing?.enabledAt)
    throw new Conflict("Two-step sign-in is already on. Turn it off first to move to a new app.");
  const secretEncrypted = encryptSecret(randomBytes(20));
  await db
    .insert(totpCredentials)
    .values({ userId, secretEncrypted, createdAt: now() })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secretEncrypted, createdAt: now(), lastUsedStep: null },
      setWhere: isNull(totpCredentials.enabledAt),
    });
}

/**
 * Counts a guess before it is checked (so that guesses sent at once cannot all pass a limit they
 * would exceed together) and refuses it when over the limit; `succeeded` gives it back.
 */
async function countGuess(userId: string, ip: string | null): Promise<void> {
  const states = await Promise.all([
    hit(LIMITS.twoFactorPerAccount, userId),
    ip ? hit(LIMITS.twoFactorPerIp, ip) : null,
  ]);
  const blocked = states.find((s) => s?.limited);
  if (blocked) {
    securityEvent("auth.two_factor.locked", { userId, ip });
    const message = `Too many wrong codes. ${retryMessage(blocked.retryAfterSeconds)}`;
    throw new TooManyRequests(message, blocked.retryAfterSeconds, { code: message });
  }
}

async function succeeded(userId: string, ip: string | null): Promise<void> {
  await Promise.all([clear(LIMITS.twoFactorPerAccount, userId), ip ? release(LIMITS.twoFactorPerIp, ip) : null]);
}

/** Claims the step of a valid code atomically, so two requests with one code cannot both pass. */
async function claimTotp(executor: Tx | Db, userId: string, code: string, requireEnabled: boolean): Promise<boolean> {
  const credential = await credentialOf(userId, executor);
  if (!credential || (requireEnabled && !credential.enabledAt)) return false;
  const step = matchingStep(decryptSecret(credential.secretEncrypted), code, now(), credential.lastUsedStep);
  if (step === null) return false;
  const claimed = await executor
    .update(totpCredentials)
    .set({ lastUsedStep: step, ...(requireEnabled ? {} : { enabledAt: now() }) })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return claimed.length === 1;
}

type NewRecoveryCodes = { codes: string[]; hashes: string[] };

/** Fresh codes and their hashes, made before any transaction opens (hashing takes a while). */
async function newRecoveryCodes(): Promise<NewRecoveryCodes> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomBytes(7)));
  return { codes, hashes: await Promise.all(codes.map(hashRecoveryCode)) };
}

async function replaceRecoveryCodes(tx: Tx, userId: string, fresh: NewRecoveryCodes): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(fresh.hashes.map((codeHash) => ({ userId, codeHash, createdAt: now() })));
  return fresh.codes;
}

/**
 * Finishes set-up with the first code from the app and the current password (so that someone
 * holding a stolen session cannot attach their own authenticator and lock the owner out);
 * returns the recovery codes, shown once.
 */
export async function confirmTotpSetup(
  user: { id: string },
  input: { code: string; password: string; sessionId: string; ip: string | null },
): Promise<string[]> {
  const code = normaliseTotpCode(input.code);
  if (!code) throw new Invalid("Enter the 6-digit code", { code: "Enter the 6-digit code your app shows now." });
  const credential = await credentialOf(user.id);
  if (!credential) throw new Conflict("Start again: set-up was not started or has been reset.");
  if (credential.enabledAt) throw new Conflict("Two-step sign-in is already on.");
  await checkPassword(user.id, input.password, input.ip, "two_factor_on");
  await countGuess(user.id, input.ip);
  const prepared = await newRecoveryCodes();
  // Turning it on, the recovery codes, this session's second step and the audit row: all or nothing.
  const codes = await db.transaction(async (tx) => {
    if (!(await claimTotp(tx, user.id, code, false))) return null;
    const fresh = await replaceRecoveryCodes(tx, user.id, prepared);
    await tx.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, input.sessionId));
    await recordAudit(
      { actorId: user.id, action: "account.two_factor_enabled", subjectType: "user", subjectId: user.id },
      tx,
    );
    return fresh;
  });
  if (!codes) {
    securityEvent("auth.two_factor.failed", { userId: user.id, ip: input.ip, method: "code", reason: "set_up" });
    throw new Invalid("That code is not right", {
      code: "That code is not right. Check the app's clock and enter the code it shows now.",
    });
  }
  await succeeded(user.id, input.ip);
  return codes;
}

/**
 * The second step at sign-in, with a code from the app or a recovery code. On success the
 * half-signed-in session is replaced by a new, verified one (a new token), whose id is returned.
 */
export async function completeSignIn(
  pending: { sessionId: string; userId: string },
  input: { code?: string; recoveryCode?: string; ip: string | null },
): Promise<{ token: string; expiresAt: Date; usedRecoveryCode: boolean }> {
  const recovery = input.recoveryCode !== undefined ? normaliseRecoveryCode(input.recoveryCode) : null;
  const totp = input.recoveryCode === undefined ? normaliseTotpCode(input.code ?? "") : null;
  if (input.recoveryCode !== undefined && !recovery)
    throw new Invalid("Enter a recovery code", { recoveryCode: "Enter one of your recovery codes, like 7KQ2M-X9RTA." });
  if (input.recoveryCode === undefined && !totp)
    throw new Invalid("Enter the 6-digit code", { code: "Enter the 6-digit code your authenticator app shows." });
  await countGuess(pending.userId, input.ip);
  let ok = false;
  let usedRecoveryCode = false;
  if (recovery) {
    const match = await findRecoveryCode(pending.userId, recovery);
    // Claimed atomically: of two requests with one code, one marks it used and the other fails.
    const used = match
      ? await db
          .update(recoveryCodes)
          .set({ usedAt: now() })
          .where(
            and(
              eq(recoveryCodes.codeHash, match),
              eq(recoveryCodes.userId, pending.userId),
              isNull(recoveryCodes.usedAt),
            ),
          )
          .returning({ codeHash: recoveryCodes.codeHash })
      : [];
    ok = used.length === 1;
    usedRecoveryCode = ok;
  } else {
    ok = await claimTotp(db, pending.userId, totp!, true);
  }
  if (!ok) {
    securityEvent("auth.two_factor.failed", {
      userId: pending.userId,
      ip: input.ip,
      method: input.recoveryCode !== undefined ? "recovery_code" : "code",
      reason: "sign_in",
    });
    const field = input.recoveryCode !== undefined ? "recoveryCode" : "code";
    const message =
      field === "code"
        ? "That code is not right, or it was already used. Enter the code your app shows now."
        : "That recovery code is not right or has already been used.";
    throw new Invalid(message, { [field]: message });
  }
  await succeeded(pending.userId, input.ip);
  const { token, session } = await createSession(pending.userId, { twoFactorVerified: true });
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, pending.sessionId));
    if (usedRecoveryCode)
      await recordAudit(
        {
          actorId: pending.userId,
          action: "account.recovery_code_used",
          subjectType: "user",
          subjectId: pending.userId,
        },
        tx,
      );
  });
  securityEvent("auth.sign_in.succeeded", {
    userId: pending.userId,
    ip: input.ip,
    method: usedRecoveryCode ? "password+recovery_code" : "password+code",
  });
  return { token, expiresAt: session.expiresAt, usedRecoveryCode };
}

/**
 * Re-authentication before a change to two-step sign-in. Wrong passwords count against the same
 * limits as wrong codes, so a stolen session cannot be used to guess the password.
 */
async function checkPassword(userId: string, password: string, ip: string | null, reason: string): Promise<void> {
  await countGuess(userId, ip);
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row || !password || !(await verifyPassword(row.passwordHash, password))) {
    securityEvent("auth.reauthentication.failed", { userId, ip, reason });
    throw new Invalid("Your password is not right", { password: "Enter your current password." });
  }
  await succeeded(userId, ip);
}

export async function regenerateRecoveryCodes(
  user: { id: string },
  password: string,
  ip: string | null = null,
): Promise<string[]> {
  await checkPassword(user.id, password, ip, "recovery_codes_replaced");
  const credential = await credentialOf(user.id);
  if (!credential?.enabledAt) throw new Conflict("Two-step sign-in is off, so there are no recovery codes to replace.");
  const prepared = await newRecoveryCodes();
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id, prepared);
    await recordAudit(
      { actorId: user.id, action: "account.recovery_codes_replaced", subjectType: "user", subjectId: user.id },
      tx,
    );
    return codes;
  });
}

export async function disableTwoFactor(
  user: { id: string; twoFactorRequired: boolean },
  password: string,
  ip: string | null = null,
): Promise<void> {
  if (user.twoFactorRequired) {
    throw new Forbidden(
      "The programme team requires two-step sign-in for admins and reviewers, so it cannot be turned off.",
      {
        password: "The programme team requires two-step sign-in for admins and reviewers, so it cannot be turned off.",
      },
    );
  }
  await checkPassword(user.id, password, ip, "two_factor_off");
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAudit(
      { actorId: user.id, action: "account.two_factor_disabled", subjectType: "user", subjectId: user.id },
      tx,
    );
  });
}

/** Whether admins and reviewers must use two-step sign-in (an admin's setting). */
export async function twoFactorRequiredForStaff(): Promise<boolean> {
  const [row] = await db
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, TWO_FACTOR_REQUIRED_KEY));
  return row?.value === true;
}

export async function setTwoFactorRequirement(
  admin: { id: string; isAdmin: boolean; twoFactorEnabled: boolean },
  required: boolean,
): Promise<void> {
  if (!admin.isAdmin) throw new Forbidden("Only the programme team can change this.");
  if (required && !admin.twoFactorEnabled) {
    throw new Conflict("Turn on two-step sign-in for your own account first, so that you are not locked out.", {
      required:
        "Turn on two-step sign-in for your own account first (Your account → Security), so that you are not locked out.",
    });
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(siteSettings)
      .values({ key: TWO_FACTOR_REQUIRED_KEY, value: required, updatedAt: now(), updatedById: admin.id })
      .onConflictDoUpdate({
        target: siteSettings.key,
        set: { value: required, updatedAt: now(), updatedById: admin.id },
      });
    await recordAudit(
      {
        actorId: admin.id,
        action: "settings.two_factor_requirement_changed",
        subjectType: "setting",
        subjectId: TWO_FACTOR_REQUIRED_KEY,
        details: { required },
      },
      tx,
    );
  });
}

/** Admins and reviewers who have not turned two-step sign-in on (for the admin's settings page). */
export async function staffWithoutTwoFactor(): Promise<
  Array<{ id: string; name: string; handle: string; isAdmin: boolean }>
> {
  return db
    .select({ id: users.id, name: users.name, handle: users.handle, isAdmin: users.isAdmin })
    .from(users)
    .leftJoin(totpCredentials, and(eq(totpCredentials.userId, users.id), isNotNull(totpCredentials.enabledAt)))
    .where(
      and(
        isNull(totpCredentials.userId),
        isNull(users.suspendedAt),
        or(eq(users.isAdmin, true), sql`exists (select 1 from panel_members pm where pm.user_id = ${users.id})`),
      ),
    )
    .orderBy(users.name);
}
