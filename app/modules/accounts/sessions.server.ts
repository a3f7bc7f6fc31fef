import { and, eq, lt, ne, or } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { sessions, users, type Session, type User } from "~db/schema";
import { now } from "~/lib/clock";
import { generateToken, hashToken } from "./tokens.server";

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
>;
export type ValidSession = { session: Session; user: SessionUser; refreshed: boolean };

export async function createSession(userId: string): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const at = now();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: at,
    lastUsedAt: at,
    expiresAt: new Date(at.getTime() + SESSION_DAYS * DAY),
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
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
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
  return { session, user: sessionUser, refreshed: extend };
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
