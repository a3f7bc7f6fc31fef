import { createHmac } from "node:crypto";
import { env } from "./env.server";
import { logger } from "./logger.server";

// Security events as structured log lines (ASVS 16.3.1–16.3.3): one line per event, with a
// stable `event` name to alert on, the account's id when it is known, and the client address.
// Never a password, a token or a code; never an email address in clear (it is personal data):
// an unknown address is logged as a keyed hash, which lets repeated attempts be matched up.
export type SecurityEvent =
  | "auth.sign_in.succeeded"
  | "auth.sign_in.second_step_required"
  | "auth.sign_in.failed"
  | "auth.sign_in.locked"
  | "auth.two_factor.failed"
  | "auth.two_factor.locked"
  | "auth.reauthentication.failed"
  | "auth.password.changed"
  | "auth.password.reset"
  | "auth.session.ended"
  | "auth.sessions.revoked";

export type SecurityEventFields = {
  userId?: string | null;
  /** Only when there is no account to name: hashed before it is written. */
  email?: string;
  ip?: string | null;
  reason?: string;
  method?: string;
  by?: string;
};

const WARN: ReadonlySet<SecurityEvent> = new Set([
  "auth.sign_in.failed",
  "auth.sign_in.locked",
  "auth.two_factor.failed",
  "auth.two_factor.locked",
  "auth.reauthentication.failed",
]);

/** A keyed, truncated hash of an email address: the same address gives the same value. */
export function emailHash(email: string): string {
  return createHmac("sha256", `security-log:${env().SECRET_KEY}`)
    .update(email.trim().toLowerCase(), "utf8")
    .digest("hex")
    .slice(0, 16);
}

export function securityEvent(event: SecurityEvent, fields: SecurityEventFields = {}): void {
  const { email, ...rest } = fields;
  const line: Record<string, unknown> = { event };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== null) line[key] = value;
  if (email !== undefined && !fields.userId) line.emailHash = emailHash(email);
  if (WARN.has(event)) logger.warn(line, event);
  else logger.info(line, event);
}
