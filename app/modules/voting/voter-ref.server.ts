// Pseudonymous voter references for the ledger. An online voter's reference is a keyed HMAC of
// round and member, so the same member always has the same reference in a round (their later
// ballots replace the earlier ones) but nobody without the server's secret can tell who it is.
// A paper ballot has a reference of its own: "paper-" and 16 bytes that look random.
import { createHmac, randomBytes } from "node:crypto";
import { env } from "~/lib/env.server";

const hmac = (message: string) => createHmac("sha256", env().SECRET_KEY).update(message, "utf8").digest("hex");

/** HMAC-SHA256(SECRET_KEY, "ballot:" + roundId + ":" + userId), lower-case hex. */
export function voterRef(roundId: string, userId: string): string {
  return hmac(`ballot:${roundId}:${userId}`);
}

export const PAPER_PREFIX = "paper-";

/**
 * The reference of one counted paper ballot. With the entry form's token it is derived from it
 * (keyed, so it cannot be chosen from outside), which makes a double submit of the same paper
 * ballot land on the same reference and be refused; without one it is simply random.
 */
export function paperVoterRef(roundId: string, formToken?: string): string {
  const bytes = formToken ? hmac(`paper:${roundId}:${formToken}`).slice(0, 32) : randomBytes(16).toString("hex");
  return `${PAPER_PREFIX}${bytes}`;
}

/** A fresh token for a ballot form: the idempotency key of the submission it becomes. */
export function ballotFormToken(): string {
  return randomBytes(16).toString("hex");
}
