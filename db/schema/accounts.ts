import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const membershipStatus = pgEnum("membership_status", ["none", "pending", "approved", "declined"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index is on this column.
    email: text().notNull(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    passwordHash: text().notNull(),
    name: text().notNull(),
    organisation: text().notNull(),
    jobTitle: text(),
    // The public, readable part of /people/:person.
    handle: text().notNull(),
    membership: membershipStatus().notNull().default("none"),
    membershipRequestedAt: timestamp({ withTimezone: true }),
    membershipDecidedAt: timestamp({ withTimezone: true }),
    isAdmin: boolean().notNull().default(false),
    suspendedAt: timestamp({ withTimezone: true }),
    suspendedReason: text(),
    // Set when the person deleted their account: the row stays, anonymised, so that records which
    // must outlive them (submitted panel scores, ideas past the vote) point to "former member".
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_handle_key").on(t.handle),
    index("users_membership_pending_idx")
      .on(t.membershipRequestedAt)
      .where(sql`${t.membership} = 'pending'`),
    // The admin people list: everyone not deleted, by name, a page at a time.
    index("users_name_idx")
      .on(t.name, t.id)
      .where(sql`${t.deletedAt} is null`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 (hex) of the token; the token itself is only ever in the person's cookie.
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull(),
    // For a person with two-step sign-in: false until the second step succeeds. Such a session
    // signs nobody in; it only lets them reach the code page (see two-factor.server.ts).
    twoFactorVerified: boolean().notNull().default(false),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const emailTokenPurpose = pgEnum("email_token_purpose", ["verify_email", "reset_password"]);

export const emailTokens = pgTable(
  "email_tokens",
  {
    // SHA-256 (hex) of the token sent by email.
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurpose().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId, t.purpose)],
);

export const membershipDomains = pgTable("membership_domains", {
  domain: text().primaryKey(),
  addedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person's authenticator app (TOTP, RFC 6238). The secret is encrypted with a key derived from
 * SECRET_KEY, so a copy of the database alone cannot produce codes. `enabled_at` is null while
 * the person is setting it up. `last_used_step` refuses a code that was already used (replay).
 */
export const totpCredentials = pgTable("totp_credentials", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text().notNull(),
  enabledAt: timestamp({ withTimezone: true }),
  lastUsedStep: bigint({ mode: "number" }),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/** One-use recovery codes for two-step sign-in; only their SHA-256 is stored. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    codeHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Programme-wide settings an admin changes in the app, one row per key. */
export const siteSettings = pgTable("site_settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  updatedById: uuid().references(() => users.id, { onDelete: "set null" }),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
