// Cross-site request forgery defence: every state change must come from one of our own pages.
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isAllowedOrigin(origin: string | undefined | null, allowed: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  return allowed.includes(origin.toLowerCase());
}

/**
 * The one origin a state change may come from: the configured APP_URL's. Never the Host header
 * (or X-Forwarded-Host) of the request: the client writes those, so a forged request could name
 * its own origin as the host and pass (issue 19).
 */
export function allowedOrigins(appUrl: string): string[] {
  return [new URL(appUrl).origin.toLowerCase()];
}
