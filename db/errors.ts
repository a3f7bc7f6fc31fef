// Both drivers raise drizzle's DrizzleQueryError with the driver's error as `cause`; the
// constraint's name is `constraint_name` on postgres.js and `constraint` on PGlite.
type PgErrorLike = { code?: string; constraint_name?: string; constraint?: string; detail?: string };

function pgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export function pgErrorCode(error: unknown): string | undefined {
  return pgError(error)?.code;
}

export function constraintName(error: unknown): string | undefined {
  const e = pgError(error);
  return e?.constraint_name ?? e?.constraint;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === "23505" && (!constraint || constraintName(error) === constraint);
}
