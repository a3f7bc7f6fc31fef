// One-click unsubscribe links: an HMAC of (person, kind) with SECRET_KEY, so a link works without
// signing in and cannot be forged for someone else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/lib/env.server";
import type { NotificationKind } from "~db/schema";

export function unsubscribeSignature(userId: string, kind: NotificationKind): string {
  return createHmac("sha256", env().SECRET_KEY).update(`unsubscribe:${userId}:${kind}`).digest("base64url");
}

export function unsubscribeUrl(userId: string, kind: NotificationKind): string {
  const query = new URLSearchParams({ u: userId, k: kind, s: unsubscribeSignature(userId, kind) });
  return `${env().APP_URL}/unsubscribe?${query}`;
}

export function verifyUnsubscribe(userId: string, kind: NotificationKind, signature: string): boolean {
  const expected = Buffer.from(unsubscribeSignature(userId, kind));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
