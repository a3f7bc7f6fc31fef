// Applying a signed unsubscribe link: no session needed, the signature names the person and kind.
import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { NOTIFICATION_KINDS, users, type DeliveryPreference, type NotificationKind } from "~db/schema";
import { Invalid } from "~/lib/errors";
import { setPreferences } from "./notifications.server";
import { verifyUnsubscribe } from "./unsubscribe.server";

export type UnsubscribeLink = { userId: string; kind: NotificationKind; signature: string };

export function readUnsubscribeLink(params: URLSearchParams): UnsubscribeLink | null {
  const userId = params.get("u") ?? "";
  const kind = params.get("k") ?? "";
  const signature = params.get("s") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(userId) || !(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null;
  const link = { userId, kind: kind as NotificationKind, signature };
  return verifyUnsubscribe(link.userId, link.kind, link.signature) ? link : null;
}

export async function applyUnsubscribe(
  link: UnsubscribeLink | null,
  delivery: DeliveryPreference = "off",
): Promise<void> {
  if (!link)
    throw new Invalid("This unsubscribe link is not valid. Sign in and choose your emails on your notifications page.");
  // The account may have been deleted since the email went out: then there is nothing to change.
  const [person] = await db.select({ id: users.id }).from(users).where(eq(users.id, link.userId));
  if (!person) return;
  await setPreferences({ id: link.userId }, { [link.kind]: delivery });
}
