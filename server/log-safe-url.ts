// The request log must not hold secrets that travel in URLs: the one-use tokens of emailed links
// (`/reset-password?token=…`, `/verify?token=…`, `/unsubscribe?…`) and invitation tokens in the
// path (`/invitations/<token>`). Query values are all redacted (their keys are kept, so the line
// still says what kind of request it was; a bare entry with no `=` is redacted whole), and so is every path segment after `/invitations/`.
const REDACTED = "[redacted]";
const TOKEN_IN_PATH = /^(\/+invitations\/+)[^/]+/i;

export function logSafeUrl(url: string | undefined): string {
  if (!url) return "";
  const hashAt = url.indexOf("#");
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = withoutHash.indexOf("?");
  const path = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const safePath = path.replace(TOKEN_IN_PATH, `$1${REDACTED}`);
  if (queryAt === -1) return safePath;
  const keys = withoutHash
    .slice(queryAt + 1)
    .split("&")
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq === -1 ? REDACTED : `${pair.slice(0, eq)}=${REDACTED}`;
    });
  return keys.length ? `${safePath}?${keys.join("&")}` : safePath;
}
