import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, initDb } from "../../db/client";
import { withDatabase } from "./test-database";

// Each test file gets its own clean, migrated database.
const config = inject("database");
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (config.kind === "postgres") {
    const name = `qx_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(config.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${config.template}"`);
    await admin.end();
    await initDb({ kind: "postgres", url: withDatabase(config.url, name), max: 5 });
    dropDatabase = async () => {
      const cleanup = postgres(config.url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    };
  } else {
    const image = new Blob([fs.readFileSync(config.image)]);
    await initDb({ kind: "pglite", dir: "memory://", image });
  }
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
