import type { AppLoadContext } from "@remix-run/node";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { sessionCookieHeader } from "../../app/modules/accounts/auth.server";

// Real Requests (with a real session cookie) for calling loaders and actions in tests.
export const BASE = "http://localhost:3000";

export function context(ip = "203.0.113.7"): AppLoadContext {
  return { ip, cspNonce: "test", requestId: "test" };
}

export async function cookieFor(userId: string): Promise<string> {
  const { token, session } = await createSession(userId);
  const header = await sessionCookieHeader(token, session.expiresAt);
  return header.split(";")[0];
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: BASE,
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
}

type DataResult = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

/** What a loader or action answered, whether it returned data(), a Response, or threw one. */
export async function run<T>(
  fn: () => Promise<T>,
): Promise<{ status: number; headers: Headers; data: any; location: string | null }> {
  let result: unknown;
  try {
    result = await fn();
  } catch (thrown) {
    result = thrown;
    if (
      !(thrown instanceof Response) &&
      !(thrown && typeof thrown === "object" && (thrown as DataResult).type === "DataWithResponseInit")
    ) {
      throw thrown;
    }
  }
  if (result instanceof Response) {
    const text = await result.text();
    return { status: result.status, headers: result.headers, data: text, location: result.headers.get("Location") };
  }
  if (result && typeof result === "object" && (result as DataResult).type === "DataWithResponseInit") {
    const { data, init } = result as DataResult;
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, data, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: result, location: null };
}

export function setCookies(headers: Headers): string[] {
  return headers.getSetCookie();
}
