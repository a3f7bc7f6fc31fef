// Canonical JSON: one text for one value, so that a hash of it means the same in the server, in a
// recount script and in a browser. Pure and browser-safe (the ledger and the frozen settings use it).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with object keys sorted at every depth and no whitespace, so equal values always give the
 * same text. Properties that are undefined are left out, as JSON.stringify does; anything JSON
 * cannot represent exactly (NaN, Infinity, bigint, functions, dates) is refused, not guessed.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value, "$"));
}

function canonical(value: unknown, path: string): Json {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => canonical(item, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {};
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) out[key] = canonical(record[key], `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`canonicalJson: ${path} cannot be represented (${typeof value})`);
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
