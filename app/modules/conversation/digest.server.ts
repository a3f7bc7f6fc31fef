// The daily digest: one email per person with everything waiting since their last digest,
// grouped by idea. Safe to run often: a person gets at most one digest in DIGEST_GAP_MS.
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, notificationDigests, notifications, users, type NotificationKind } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { KIND_LABELS } from "./preferences";
import { unsubscribeUrl } from "./unsubscribe.server";

export const DIGEST_GAP_MS = 23 * 60 * 60 * 1000;

export type DigestItem = { id: number; kind: NotificationKind; text: string; url: string; ideaTitle: string | null };

/** Groups a person's waiting notifications by idea (those without an idea last, under "Other"). */
export function groupDigest(items: DigestItem[]): Array<{ heading: string; items: DigestItem[] }> {
  const groups = new Map<string, DigestItem[]>();
  for (const item of items) {
    const heading = item.ideaTitle ?? "Other news";
    groups.set(heading, [...(groups.get(heading) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === "Other news" ? 1 : b === "Other news" ? -1 : 0))
    .map(([heading, list]) => ({ heading, items: list }));
}

export function digestText(userId: string, items: DigestItem[]): string {
  const base = env().APP_URL;
  const sections = groupDigest(items).map(
    (g) => `${g.heading}\n${g.items.map((i) => `- ${i.text}\n  ${base}${i.url}`).join("\n")}`,
  );
  const kinds = [...new Set(items.map((i) => i.kind))];
  const unsubscribe = kinds.map((k) => `Stop emails about “${KIND_LABELS[k]}”: ${unsubscribeUrl(userId, k)}`);
  return [
    `Here is what happened since your last digest.`,
    ...sections,
    [...unsubscribe, `Choose what Q Exchange emails you: ${base}/me/notifications/settings`].join("\n"),
  ].join("\n\n");
}

export async function runDigests(at: Date = now()): Promise<{ sent: number }> {
  const rows = await db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      text: notifications.text,
      url: notifications.url,
      ideaTitle: ideas.title,
      email: users.email,
      suspendedAt: users.suspendedAt,
      lastSentAt: notificationDigests.lastSentAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(notificationDigests, eq(notificationDigests.userId, notifications.userId))
    .where(eq(notifications.digestPending, true))
    .orderBy(asc(notifications.userId), asc(notifications.id));
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  let sent = 0;
  for (const [userId, items] of byUser) {
    const first = items[0];
    if (first.suspendedAt) continue;
    if (first.lastSentAt && at.getTime() - first.lastSentAt.getTime() < DIGEST_GAP_MS) continue;
    const ids = items.map((i) => i.id);
    await db.transaction(async (tx) => {
      await enqueueEmail(
        {
          dedupeKey: `digest:${userId}:${ids[ids.length - 1]}`,
          kind: "notification:digest",
          to: first.email,
          subject: `Your Q Exchange digest: ${items.length} update${items.length === 1 ? "" : "s"}`,
          text: digestText(userId, items),
        },
        tx,
      );
      await tx.update(notifications).set({ digestPending: false }).where(inArray(notifications.id, ids));
      await tx
        .insert(notificationDigests)
        .values({ userId, lastSentAt: at })
        .onConflictDoUpdate({ target: notificationDigests.userId, set: { lastSentAt: at } });
    });
    sent += 1;
  }
  return { sent };
}
