import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

// Fixed-window counters shared by every app instance.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});

// The one-time key rendered into a new-idea or comment form, and what its first submission
// created: a form sent twice (a double click, a retry after a lost answer) creates one record, and
// the second send is answered as the first was. Claimed in the transaction that creates the record,
// so a submission that fails leaves the key free. Kept a day (housekeeping).
export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    kind: text({ enum: ["idea", "comment"] }).notNull(),
    recordId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type FormSubmission = typeof formSubmissions.$inferSelect;
