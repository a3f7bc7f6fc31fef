// The in-app side of notifications: the list, the unread count and marking read.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "~db/client";
import {
  notificationPreferences,
  notifications,
  NOTIFICATION_KINDS,
  type DeliveryPreference,
  type NotificationKind,
} from "~db/schema";
import { now } from "~/lib/clock";
import { DEFAULT_DELIVERY } from "./preferences";

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row.n;
}

export async function listNotifications(userId: string, page: number, pageSize = 30) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      text: notifications.text,
      url: notifications.url,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Marks the given notifications (or all, without ids) read; only the person's own. */
export async function markRead(actor: { id: string }, input: { ids?: number[] }): Promise<void> {
  const mine = and(eq(notifications.userId, actor.id), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: now() })
    .where(input.ids ? and(mine, inArray(notifications.id, input.ids)) : mine);
}

export async function preferencesOf(userId: string): Promise<Record<NotificationKind, DeliveryPreference>> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const out = { ...DEFAULT_DELIVERY };
  for (const row of rows) out[row.kind] = row.delivery;
  return out;
}

export async function setPreferences(
  actor: { id: string },
  input: Partial<Record<NotificationKind, DeliveryPreference>>,
): Promise<void> {
  const values = NOTIFICATION_KINDS.filter((k) => input[k]).map((kind) => ({
    userId: actor.id,
    kind,
    delivery: input[kind]!,
  }));
  if (values.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery: sql`excluded.delivery` },
    });
}
