import { databaseHandle } from "~db/client";

/**
 * Reporting reads are aggregates (GROUP BY, FILTER, window functions) that read more plainly as
 * SQL than as a query builder. The handle's query() returns rows on both PostgreSQL and PGlite;
 * counts are cast to int in the SQL and numbers passed through Number() by the callers, because
 * the two drivers return bigint and numeric differently.
 */
export function selectRows<T>(text: string, params: unknown[]): Promise<T[]> {
  return databaseHandle().query<T>(text, params);
}

/** A json/jsonb value as a JS value: parsed by the driver, or still text on some paths. */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === "string") return JSON.parse(value) as T;
  return value as T;
}
