// The route a URL path belongs to ("routes/rounds.$round_.ideas.$idea._index"), from the route
// files themselves, so that the accessibility check can tell one kind of page from another.
import { routeFiles, routeId } from "../support/route-policy";

type Pattern = { id: string; segments: string[] };

const patterns: Pattern[] = routeFiles().map((file) => {
  const id = routeId(file);
  const segments = id
    .replace(/^routes\//, "")
    .replaceAll("[.]", "%DOT%")
    .split(".")
    .map((s) => s.replaceAll("%DOT%", "."))
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""));
  return { id, segments };
});

const matches = (pattern: Pattern, parts: string[]) =>
  pattern.segments.length === parts.length && pattern.segments.every((s, i) => s.startsWith("$") || s === parts[i]);
const staticCount = (pattern: Pattern) => pattern.segments.filter((s) => !s.startsWith("$")).length;

export function pageKindOf(pathname: string): string {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const found = patterns.filter((p) => matches(p, parts)).sort((a, b) => staticCount(b) - staticCount(a))[0];
  return found?.id ?? pathname;
}
