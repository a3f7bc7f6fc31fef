import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { projectUpdates } from "./delivery";
import { ideas } from "./ideas";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../app/modules/conversation/kinds";

export { NOTIFICATION_KINDS, type NotificationKind };

const at = () => timestamp({ withTimezone: true });

export const comments = pgTable(
  "comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    // Comments are never deleted (a tombstone keeps replies in place), so restrict.
    parentId: uuid(),
    // Set null when an account is deleted: the comment stays, shown as "former member".
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    // 1 for a top-level comment, at most MAX_DEPTH.
    depth: integer().notNull().default(1),
    bodyMd: text().notNull(),
    // Rendered once at write time with the "comment" profile.
    bodyHtml: text().notNull(),
    createdAt: at().notNull(),
    editedAt: at(),
    deletedAt: at(),
    // Hidden by three open reports or by an admin; the reason is shown to the author.
    hiddenAt: at(),
    hiddenReason: text(),
    // Set on comments about a project update (shown on the update's page, not the idea's thread).
    updateId: uuid().references(() => projectUpdates.id, { onDelete: "restrict" }),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: "comments_parent_fk" }).onDelete("restrict"),
    index("comments_idea_idx").on(t.ideaId, t.createdAt),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    index("comments_update_idx")
      .on(t.updateId)
      .where(sql`${t.updateId} is not null`),
  ],
);

export const commentReports = pgTable(
  "comment_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    commentId: uuid()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    reporterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    createdAt: at().notNull(),
    // Set when an admin decides (hide or restore); only open reports count towards hiding.
    resolvedAt: at(),
  },
  (t) => [
    unique("comment_reports_once_key").on(t.commentId, t.reporterId),
    index("comment_reports_open_idx")
      .on(t.commentId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export const follows = pgTable(
  "follows",
  {
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // An explicit unfollow is kept (active false) so commenting again does not re-follow.
    active: boolean().notNull().default(true),
    createdAt: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("follows_user_idx").on(t.userId)],
);

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const deliveryPreference = pgEnum("delivery_preference", ["immediate", "digest", "off"]);

export const notifications = pgTable(
  "notifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind().notNull(),
    // One event notifies one person once: the same key is ignored the second time.
    dedupeKey: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    ideaId: uuid().references(() => ideas.id, { onDelete: "cascade" }),
    commentId: uuid().references(() => comments.id, { onDelete: "cascade" }),
    text: text().notNull(),
    url: text().notNull(),
    createdAt: at().notNull(),
    readAt: at(),
    // True while waiting for the person's daily digest.
    digestPending: boolean().notNull().default(false),
  },
  (t) => [
    unique("notifications_dedupe_key").on(t.userId, t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    index("notifications_digest_idx")
      .on(t.userId)
      .where(sql`${t.digestPending}`),
  ],
);

export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind().notNull(),
    delivery: deliveryPreference().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** When each person's last digest went out; the next one covers everything since. */
export const notificationDigests = pgTable("notification_digests", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastSentAt: at().notNull(),
});

export type Comment = typeof comments.$inferSelect;
export type DeliveryPreference = (typeof deliveryPreference.enumValues)[number];
