import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";
import { PGLITE_IMAGE_DIR, migrationsHash, testDatabaseUrl, withDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    database: { kind: "postgres"; url: string; template: string } | { kind: "pglite"; image: string };
  }
}

export default async function setup(project: TestProject) {
  const hash = migrationsHash();
  const url = testDatabaseUrl();
  if (url) {
    const template = `qx_template_${hash}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const exists = await admin`select 1 from pg_database where datname = ${template}`;
      if (exists.length === 0) {
        const building = `${template}_${process.pid}`;
        await admin.unsafe(`create database "${building}"`);
        const handle = await openDatabase({ kind: "postgres", url: withDatabase(url, building), max: 1 });
        await handle.migrate();
        await handle.close();
        // Renamed only once complete, so a half-built template is never used.
        await admin.unsafe(`alter database "${building}" rename to "${template}"`).catch(async () => {
          await admin.unsafe(`drop database if exists "${building}"`);
        });
      }
    } finally {
      await admin.end();
    }
    project.provide("database", { kind: "postgres", url, template });
    return;
  }
  fs.mkdirSync(PGLITE_IMAGE_DIR, { recursive: true });
  // Uncompressed: a test file loads it in about half the time a gzipped image takes.
  const image = path.join(PGLITE_IMAGE_DIR, `pglite-${hash}.tar`);
  if (!fs.existsSync(image)) {
    const handle = await openDatabase({ kind: "pglite", dir: "memory://" });
    await handle.migrate();
    const dump = await handle.pglite!.dumpDataDir("none");
    fs.writeFileSync(`${image}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${image}.tmp`, image);
    await handle.close();
  }
  project.provide("database", { kind: "pglite", image });
}
