import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import lockfile from "proper-lockfile";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DatabaseConfig =
  { kind: "postgres"; url: string; max?: number } | { kind: "pglite"; dir: string; image?: Blob; lock?: boolean };

export type DatabaseHandle = {
  kind: "postgres" | "pglite";
  db: Db;
  /** Runs a plain SQL query and returns its rows, whichever driver is underneath. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  pglite?: PGlite;
};

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");
// Any fixed number: every instance that migrates takes this advisory lock first.
const MIGRATION_LOCK_ID = 727_001;

export class DatabaseLockedError extends Error {}

export function configFromEnv(source: { DATABASE_URL?: string; PGLITE_DIR: string }): DatabaseConfig {
  return source.DATABASE_URL
    ? { kind: "postgres", url: source.DATABASE_URL }
    : { kind: "pglite", dir: source.PGLITE_DIR };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === "postgres" ? openPostgres(config.url, config.max) : openPglite(config);
}

function openPostgres(url: string, max = 10): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: "q-exchange" } });
  return {
    kind: "postgres",
    db: drizzlePostgres(client, { schema, casing: "snake_case" }),
    query: async (text, params = []) => (await client.unsafe(text, params as never[])) as never,
    migrate: async () => {
      // One connection, so the advisory lock and the migrations share a session: two instances
      // starting together take turns instead of racing.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_DIR });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(config: { dir: string; image?: Blob; lock?: boolean }): Promise<DatabaseHandle> {
  const inMemory = config.dir.startsWith("memory://");
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    fs.mkdirSync(config.dir, { recursive: true });
    if (config.lock !== false) release = await lockFolder(config.dir);
  }
  const client = new PGlite({ dataDir: config.dir, loadDataDir: config.image });
  await client.waitReady;
  return {
    kind: "pglite",
    pglite: client,
    db: drizzlePglite(client, { schema, casing: "snake_case" }),
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

// PGlite has one connection and no server: a second process opening the same folder loses or
// corrupts data. Hold an exclusive lock for as long as the folder is open.
async function lockFolder(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, { stale: 10_000, update: 2_000, realpath: false, lockfilePath: `${dir}.lock` });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DatabaseLockedError(
        `The embedded database folder ${path.resolve(dir)} is in use by another process (is the server running?). ` +
          "Stop that process first; if it crashed, wait 10 seconds and try again.",
      );
    }
    throw error;
  }
}

// The one shared handle of this process. Modules import `db` (a live binding, set by initDb).
// It is kept on globalThis too, so that a module reloaded by the dev server finds it again.
const globalKey = Symbol.for("qx.database");
const store = globalThis as unknown as Record<symbol, DatabaseHandle | undefined>;
let current: DatabaseHandle | undefined = store[globalKey];
export let db: Db = current?.db as Db;

export async function initDb(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (current) throw new Error("The database is already open in this process");
  current = await openDatabase(config);
  store[globalKey] = current;
  db = current.db;
  return current;
}

export function useDb(handle: DatabaseHandle): void {
  current = handle;
  store[globalKey] = handle;
  db = handle.db;
}

export function databaseHandle(): DatabaseHandle {
  if (!current) throw new Error("The database has not been opened (call initDb first)");
  return current;
}

export async function closeDb(): Promise<void> {
  const handle = current;
  current = undefined;
  store[globalKey] = undefined;
  await handle?.close();
}
