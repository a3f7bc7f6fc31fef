import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { httpError } from "~/lib/http.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { createSession, invalidateSession, validateSessionToken, type SessionUser, type ValidSession } from "./sessions.server";
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

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** A signed-out visitor goes to sign-in, and comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirect(`${url.pathname}${url.search}`);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
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

/** Starts a new session (a new token at every sign-in) and returns its Set-Cookie header. */
export async function startSession(userId: string): Promise<string> {
  const { token, session } = await createSession(userId);
  return sessionCookieHeader(token, session.expiresAt);
}

export async function endSession(request: Request): Promise<string> {
  const current = await getSession(request);
  if (current) await invalidateSession(current.session.id);
  return clearSessionCookieHeader();
}

/** When the session's expiry slid forward, the cookie's must too. */
export async function refreshedSessionCookie(request: Request): Promise<string | null> {
  const current = await getSession(request);
  if (!current?.refreshed) return null;
  const token = await readToken(request);
  return token ? sessionCookieHeader(token, current.session.expiresAt) : null;
}
