import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { securityEvent } from "~/lib/security-log.server";
import { httpError } from "~/lib/http.server";
import { safeRedirect } from "~/lib/safe-redirect";
import {
  createSession,
  invalidateSession,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from "./sessions.server";
import { isMember } from "./permissions";

function sessionCookie() {
  const { production } = env();
  // In production the __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
  return createCookie(production ? "__Host-qx_session" : "qx_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
  });
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function sessionCookieHeader(token: string, expiresAt: Date): Promise<string> {
  return sessionCookie().serialize(token, { expires: expiresAt });
}

export function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

// One lookup per request, however many loaders ask.
const cache = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = readToken(request).then((token) => (token ? validateSessionToken(token) : null));
    cache.set(request, pending);
  }
  return pending;
}

/** The signed-in person, or null (also while the second step of a two-step sign-in is pending). */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const current = await getSession(request);
  return current && !current.pendingTwoFactor ? current.user : null;
}

/** A session whose password step passed and whose code step is still to come, or null. */
export async function getPendingTwoFactor(request: Request): Promise<ValidSession | null> {
  const current = await getSession(request);
  return current?.pendingTwoFactor ? current : null;
}

/** Pages an admin or reviewer without two-step sign-in may still open when it is required. */
const OPEN_WITHOUT_TWO_FACTOR = new Set(["/me/security", "/sign-out"]);

/**
 * A signed-out visitor goes to sign-in, and comes back here afterwards. When the programme
 * requires two-step sign-in of admins and reviewers, one who has not set it up is sent to set it up.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (!user) {
    const back = safeRedirect(`${url.pathname}${url.search}`);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.twoFactorRequired && !user.twoFactorEnabled && !OPEN_WITHOUT_TWO_FACTOR.has(url.pathname)) {
    throw redirect("/me/security");
  }
  return user;
}

export async function requireMember(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isMember(user)) {
    httpError(403, "Only approved members can do this. You can apply to be a member from your account page.");
  }
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isAdmin) httpError(403, "Only the programme team can see this page.");
  return user;
}

/**
 * Starts a new session (a new token at every sign-in) and returns its Set-Cookie header. For a
 * person with two-step sign-in the session stays pending until `completeSignIn`.
 */
export async function startSession(userId: string, options: { twoFactorVerified?: boolean } = {}): Promise<string> {
  const { token, session } = await createSession(userId, options);
  return sessionCookieHeader(token, session.expiresAt);
}

export async function endSession(request: Request): Promise<string> {
  const current = await getSession(request);
  if (current) {
    await invalidateSession(current.session.id);
    securityEvent("auth.session.ended", { userId: current.user.id, reason: "signed_out" });
  }
  return clearSessionCookieHeader();
}

/** When the session's expiry slid forward, the cookie's must too. */
export async function refreshedSessionCookie(request: Request): Promise<string | null> {
  const current = await getSession(request);
  if (!current?.refreshed) return null;
  const token = await readToken(request);
  return token ? sessionCookieHeader(token, current.session.expiresAt) : null;
}
