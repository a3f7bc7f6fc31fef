// Fan-out: one in-app notification per person per event (the dedupe key), never to the person
// who acted, and an email now, in the daily digest or not at all, as each person prefers.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { notificationPreferences, notifications, users, type NotificationKind } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { DEFAULT_DELIVERY } from "./preferences";
import { unsubscribeUrl } from "./unsubscribe.server";

export type NotificationEvent = {
  kind: NotificationKind;
  /** Names the event; the same event must always give the same key. */
  dedupeKey: string;
  actorId: string | null;
  recipients: string[];
  text: string;
  /** A path inside the app. */
  path: string;
  ideaId?: string | null;
  commentId?: string | null;
  /** Null when the calling use case already sends its own email: then the notification is in-app only. */
  email: { subject: string; body: string } | null;
};

/** Returns the ids of the people newly notified (those notified before for this event are skipped). */
export async function notify(tx: Tx, event: NotificationEvent): Promise<string[]> {
  const recipients = [...new Set(event.recipients)].filter((id) => id !== event.actorId);
  if (recipients.length === 0) return [];
  const at = now();
  const inserted = await tx
    .insert(notifications)
    .values(
      recipients.map((userId) => ({
        userId,
        kind: event.kind,
        dedupeKey: event.dedupeKey,
        actorId: event.actorId,
        ideaId: event.ideaId ?? null,
        commentId: event.commentId ?? null,
        text: event.text,
        url: event.path,
        createdAt: at,
      })),
    )
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id, userId: notifications.userId });
  if (inserted.length === 0) return [];
  const ids = inserted.map((row) => row.userId);
  const people = await tx
    .select({ id: users.id, email: users.email, suspendedAt: users.suspendedAt })
    .from(users)
    .where(inArray(users.id, ids));
  const prefs = await tx
    .select({ userId: notificationPreferences.userId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, ids), eq(notificationPreferences.kind, event.kind)));
  const chosen = new Map(prefs.map((p) => [p.userId, p.delivery]));
  const digest: number[] = [];
  // A map, not a search per row: a round's news reaches every member at once.
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const row of inserted) {
    const person = byId.get(row.userId);
    if (!person || person.suspendedAt) continue;
    const delivery = chosen.get(row.userId) ?? DEFAULT_DELIVERY[event.kind];
    if (!event.email) continue;
    if (delivery === "digest") digest.push(row.id);
    if (delivery !== "immediate") continue;
    await enqueueEmail(
      {
        dedupeKey: `notification:${row.userId}:${event.dedupeKey}`,
        kind: `notification:${event.kind}`,
        to: person.email,
        subject: event.email.subject,
        text: `${event.email.body}\n\n${env().APP_URL}${event.path}\n\n${footer(row.userId, event.kind)}`,
      },
      tx,
    );
  }
  if (digest.length > 0)
    await tx.update(notifications).set({ digestPending: true }).where(inArray(notifications.id, digest));
  return ids;
}

export function footer(userId: string, kind: NotificationKind): string {
  return `Stop these emails: ${unsubscribeUrl(userId, kind)}\nChoose what Q Exchange emails you: ${env().APP_URL}/me/notifications/settings`;
}
