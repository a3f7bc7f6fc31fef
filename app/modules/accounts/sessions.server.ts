import { and, eq, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { sessions, siteSettings, totpCredentials, users, type Session, type User } from "~db/schema";
import { now } from "~/lib/clock";
import { generateToken, hashToken } from "./tokens.server";

/** The site setting that makes two-step sign-in compulsory for admins and reviewers. */
export const TWO_FACTOR_REQUIRED_KEY = "two_factor_required_for_staff";

// Lucia's guide: a random token in the cookie, its SHA-256 in the database, a 30-day expiry that
// slides forward while the session is used, and an idle timeout.
export const SESSION_DAYS = 30;
export const IDLE_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
// Writes on every request would cost more than they tell us: refresh "last used" hourly.
const TOUCH_EVERY = 60 * 60 * 1000;

export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "organisation" | "jobTitle" | "handle" | "membership" | "isAdmin" | "emailVerifiedAt"
> & {
  twoFactorEnabled: boolean;
  /** The programme requires two-step sign-in of admins and reviewers, and this is one. */
  twoFactorRequired: boolean;
};
/**
 * `pendingTwoFactor`: the password was right but the second step has not been passed yet. Such a
 * session signs nobody in (getUser answers null); it only reaches the code page.
 */
export type ValidSession = { session: Session; user: SessionUser; refreshed: boolean; pendingTwoFactor: boolean };

export async function createSession(
  userId: string,
  options: { twoFactorVerified?: boolean } = {},
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const at = now();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: at,
    lastUsedAt: at,
    expiresAt: new Date(at.getTime() + SESSION_DAYS * DAY),
    twoFactorVerified: options.twoFactorVerified ?? false,
  };
  await db.insert(sessions).values(session);
  return { token, session };
}

export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        organisation: users.organisation,
        jobTitle: users.jobTitle,
        handle: users.handle,
        membership: users.membership,
        isAdmin: users.isAdmin,
        emailVerifiedAt: users.emailVerifiedAt,
        suspendedAt: users.suspendedAt,
        twoFactorEnabled: sql<boolean>`${totpCredentials.enabledAt} is not null`,
        // One query for the whole check: the programme's setting, and whether this person is staff.
        twoFactorRequired: sql<boolean>`coalesce((select ${siteSettings.value} = 'true'::jsonb from ${siteSettings} where ${siteSettings.key} = ${TWO_FACTOR_REQUIRED_KEY}), false)
          and (${users.isAdmin} or exists (select 1 from panel_members pm where pm.user_id = ${users.id}))`,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(totpCredentials, and(eq(totpCredentials.userId, users.id), isNotNull(totpCredentials.enabledAt)))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user } = row;
  const at = now();
  const idle = at.getTime() - session.lastUsedAt.getTime() >= IDLE_DAYS * DAY;
  if (at >= session.expiresAt || idle || user.suspendedAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const extend = session.expiresAt.getTime() - at.getTime() < (SESSION_DAYS / 2) * DAY;
  const touch = at.getTime() - session.lastUsedAt.getTime() >= TOUCH_EVERY;
  if (extend || touch) {
    session.lastUsedAt = at;
    if (extend) session.expiresAt = new Date(at.getTime() + SESSION_DAYS * DAY);
    await db
      .update(sessions)
      .set({ lastUsedAt: session.lastUsedAt, expiresAt: session.expiresAt })
      .where(eq(sessions.id, id));
  }
  const { suspendedAt: _suspended, ...sessionUser } = user;
  const pendingTwoFactor = sessionUser.twoFactorEnabled && !session.twoFactorVerified;
  return { session, user: sessionUser, refreshed: extend, pendingTwoFactor };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, or every one but the current. */
export async function invalidateUserSessions(userId: string, except?: string, executor: Tx | typeof db = db) {
  await executor
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(): Promise<void> {
  const at = now();
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, at), lt(sessions.lastUsedAt, new Date(at.getTime() - IDLE_DAYS * DAY))));
}
