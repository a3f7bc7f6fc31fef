// Counting (and keeping) the SQL a piece of code sends: the query-discipline test and the bench
// scripts install, as the process's database, a drizzle instance over the same database whose
// logger records every query, and the raw `query` of the handle (reports use it) is recorded too.
import crypto from "node:crypto";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Logger } from "drizzle-orm/logger";
import postgres from "postgres";
import { openDatabase, useDb as installDb, type DatabaseHandle, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { withDatabase } from "./test-database";

export type RecordedQuery = { sql: string; params: unknown[] };

export class QueryRecorder implements Logger {
  queries: RecordedQuery[] = [];

  logQuery(query: string, params: unknown[]): void {
    this.queries.push({ sql: query, params });
  }

  get count(): number {
    return this.queries.length;
  }

  reset(): void {
    this.queries = [];
  }

  /** Runs `work` and returns what it returned with the queries it sent (and only those). */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[] }> {
    this.reset();
    const result = await work();
    const queries = this.queries;
    this.reset();
    return { result, queries };
  }
}

export type RecordingDatabase = { recorder: QueryRecorder; handle: DatabaseHandle; restore: () => Promise<void> };

/**
 * Makes the app's `db` record its queries. PGlite: the same in-process database. PostgreSQL: a
 * second pool on `url` (the handle does not expose its own), so pass the URL of the handle's
 * database. `restore` puts the original handle back and closes the extra pool.
 */
export async function recordQueries(
  handle: DatabaseHandle,
  options: { url?: string; max?: number } = {},
): Promise<RecordingDatabase> {
  const recorder = new QueryRecorder();
  let client: postgres.Sql | undefined;
  let db: Db;
  let query: DatabaseHandle["query"];
  if (handle.kind === "pglite") {
    db = drizzlePglite(handle.pglite!, { schema, casing: "snake_case", logger: recorder }) as unknown as Db;
    query = async (text, params = []) => {
      recorder.logQuery(text, params);
      return (await handle.pglite!.query(text, params)).rows as never;
    };
  } else {
    if (!options.url) throw new Error("recordQueries on PostgreSQL needs the database URL");
    client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    const own = client;
    db = drizzlePostgres(own, { schema, casing: "snake_case", logger: recorder }) as unknown as Db;
    query = async (text, params = []) => {
      recorder.logQuery(text, params);
      return (await own.unsafe(text, params as never[])) as never;
    };
  }
  const recording: DatabaseHandle = { ...handle, db, query };
  installDb(recording);
  return {
    recorder,
    handle: recording,
    restore: async () => {
      installDb(handle);
      await client?.end({ timeout: 5 });
    },
  };
}

/**
 * A throwaway, migrated database for the bench scripts, installed as the app's `db` and
 * recording: PGlite in memory, or (with DATABASE_URL) a fresh database on that server, dropped
 * by `cleanup`.
 */
export async function openRecordingDatabase(
  serverUrl = process.env.DATABASE_URL,
): Promise<{ handle: DatabaseHandle; recorder: QueryRecorder; cleanup: () => Promise<void> }> {
  if (!serverUrl) {
    const handle = await openDatabase({ kind: "pglite", dir: "memory://" });
    await handle.migrate();
    const recording = await recordQueries(handle);
    return {
      handle,
      recorder: recording.recorder,
      cleanup: async () => {
        await recording.restore();
        await handle.close();
      },
    };
  }
  const name = `qx_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ kind: "postgres", url, max: 1 });
  await handle.migrate();
  const recording = await recordQueries(handle, { url });
  return {
    handle,
    recorder: recording.recorder,
    cleanup: async () => {
      await recording.restore();
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
