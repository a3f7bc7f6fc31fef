// A snapshot of every table in the database: its row count and a hash of its contents, in one
// query, so a test can say "this request changed nothing" and name the table if it did.
import { databaseHandle } from "../../db/client";

/**
 * Writes that reading a page may make, left out of the comparison on purpose:
 * - sessions.last_used_at / expires_at: a session's expiry slides forward as it is used (idle timeout);
 * - rate_limit_buckets: the per-address request counters (every request may count);
 * - audit_log rows "round.data_exported": downloading a round's confidential data (scores,
 *   proposals) is itself recorded, on purpose, so the programme team can see who took a copy.
 *   Only those rows are left out; any other audit entry written by a GET still counts.
 */
const IGNORED_COLUMNS: Record<string, readonly string[]> = { sessions: ["last_used_at", "expires_at"] };
const IGNORED_TABLES = new Set(["rate_limit_buckets"]);
const IGNORED_ROWS: Record<string, string> = { audit_log: "action <> 'round.data_exported'" };

let statement: string | null = null;

async function snapshotStatement(): Promise<string> {
  if (statement) return statement;
  const tables = await databaseHandle().query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const parts = tables
    .map((t) => t.table_name)
    .filter((name) => !IGNORED_TABLES.has(name))
    .map((name) => {
      const drop = (IGNORED_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join("");
      return `select '${name}' as name, count(*)::int as n, md5(coalesce(string_agg(x, '|' order by x), '')) as h from (select (to_jsonb(r)${drop})::text as x from "${name}" r${IGNORED_ROWS[name] ? ` where ${IGNORED_ROWS[name]}` : ""}) s`;
    });
  statement = parts.join(" union all ");
  return statement;
}

export type Snapshot = Map<string, { n: number; h: string }>;

export async function snapshot(): Promise<Snapshot> {
  const rows = await databaseHandle().query<{ name: string; n: number; h: string }>(await snapshotStatement());
  return new Map(rows.map((r) => [r.name, { n: Number(r.n), h: r.h }]));
}

/** The tables whose rows differ, with their counts before and after. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (!now || now.n !== was.n || now.h !== was.h)
      out.push(`${name} (${was.n} -> ${now?.n ?? "gone"} rows${now && now.n === was.n ? ", contents changed" : ""})`);
  }
  return out;
}

export const ignoredWrites = { tables: [...IGNORED_TABLES], columns: IGNORED_COLUMNS, rows: IGNORED_ROWS };
