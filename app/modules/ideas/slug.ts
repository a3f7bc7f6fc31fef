// An idea's readable address, chosen once from its first title and kept when the title changes.
import { slugify } from "../accounts/handle";

/** Paths under /rounds/:round/ideas/ that are pages, not ideas. */
const RESERVED = new Set(["new"]);

export function ideaSlugBase(title: string): string {
  const base = slugify(title, 60) || "idea";
  return RESERVED.has(base) ? `${base}-idea` : base;
}

/** The base itself when free, else base-2, base-3 … (never a reserved word). */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
