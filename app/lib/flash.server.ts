import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";

export type FlashMessage = { kind: "success" | "error" | "info"; text: string };

function flashCookie() {
  const { production } = env();
  // As the session cookie: in production the __Host- prefix makes the browser insist on Secure,
  // Path=/ and no Domain, so no other host (a sibling subdomain) can set or overwrite it.
  return createCookie(production ? "__Host-qx_flash" : "qx_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: 60,
    secrets: [env().SECRET_KEY],
  });
}

export async function flashHeader(message: FlashMessage): Promise<string> {
  return flashCookie().serialize(message);
}

/** A 303 to `to` that shows `text` on the next page. */
export async function redirectWithFlash(
  to: string,
  text: string,
  init: { kind?: FlashMessage["kind"]; headers?: HeadersInit } = {},
) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashHeader({ kind: init.kind ?? "success", text }));
  return redirect(to, { status: 303, headers });
}

/** Reads (and clears) the flash message. */
export async function readFlash(request: Request): Promise<{ message: FlashMessage | null; clear: string | null }> {
  const cookie = flashCookie();
  const value = await cookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value.text !== "string") return { message: null, clear: null };
  return { message: value as FlashMessage, clear: await cookie.serialize("", { maxAge: 0 }) };
}
