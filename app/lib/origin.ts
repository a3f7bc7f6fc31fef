// Cross-site request forgery defence: every state change must come from one of our own pages.
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isAllowedOrigin(origin: string | undefined | null, allowed: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  return allowed.includes(origin.toLowerCase());
}

/** The origins a request may come from: the configured APP_URL and the host it was sent to. */
export function allowedOrigins(appUrl: string, requestProtocol: string, requestHost: string | undefined): string[] {
  const list = [new URL(appUrl).origin.toLowerCase()];
  if (requestHost) list.push(`${requestProtocol}://${requestHost}`.toLowerCase());
  return list;
}
