// Two-step sign-in with an authenticator app (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1,
// as every authenticator app expects) and one-use recovery codes. Pure: time is passed in.
import { generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step either side are accepted, for clocks that drift and people who type slowly. */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

export function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** Digits only: people type "123 456" or paste "123-456". Null when it cannot be a code. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step whose code this is, or null. A step at or before `lastUsedStep` never matches, so a
 * code seen over someone's shoulder cannot be used again.
 */
export function matchingStep(key: Uint8Array, code: string, at: Date, lastUsedStep: number | null): number | null {
  const now = stepAt(at);
  for (let step = now - TOTP_WINDOW_STEPS; step <= now + TOTP_WINDOW_STEPS; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (constantTimeEqual(generateHOTP(key, BigInt(step), TOTP_DIGITS), code)) return step;
  }
  return null;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 10 characters of Crockford base32 (50 random bits), shown as XXXXX-XXXXX. */
export function formatRecoveryCode(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes.slice(0, 7)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n; // 56 bits -> the first 50
  let code = "";
  for (let i = 0; i < 10; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed recovery code in canonical form, or null: case, spaces and dashes ignored, O is 0, I and L are 1. */
export function normaliseRecoveryCode(input: string): string | null {
  const text = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (text.length !== 10 || [...text].some((c) => !CROCKFORD.includes(c))) return null;
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** The secret as authenticator apps want it typed by hand: base32, in groups of four. */
export function groupSecret(base32: string): string {
  return base32.replace(/(.{4})/g, "$1 ").trim();
}
