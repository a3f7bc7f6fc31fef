import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { DatabaseLockedError, databaseHandle, openDatabase } from "../../db/client";
import { testDatabaseUrl, withDatabase } from "../support/test-database";

describe("the embedded database folder", () => {
  it("is locked while open: a second opener gets a clear error, and the folder works again after closing", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qx-lock-")), "data");
    const first = await openDatabase({ kind: "pglite", dir });
    await expect(openDatabase({ kind: "pglite", dir })).rejects.toThrow(DatabaseLockedError);
    await expect(openDatabase({ kind: "pglite", dir })).rejects.toThrow(/in use by another process/);
    await first.close();
    const again = await openDatabase({ kind: "pglite", dir });
    expect(await again.query("select 1 as one")).toEqual([{ one: 1 }]);
    await again.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});

describe.runIf(testDatabaseUrl())("migrations on PostgreSQL", () => {
  it("two instances migrating a new database at once take turns and both succeed", async () => {
    expect(databaseHandle().kind).toBe("postgres");
    const url = testDatabaseUrl()!;
    const name = `qx_migrate_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    try {
      const a = await openDatabase({ kind: "postgres", url: withDatabase(url, name), max: 2 });
      const b = await openDatabase({ kind: "postgres", url: withDatabase(url, name), max: 2 });
      await Promise.all([a.migrate(), b.migrate()]);
      const tables = await a.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_name = 'users'",
      );
      expect(tables[0].n).toBe(1);
      const applied = await a.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(applied[0].n).toBe(fs.readdirSync("db/migrations").filter((f) => f.endsWith(".sql")).length);
      await a.close();
      await b.close();
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
