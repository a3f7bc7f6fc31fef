import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Shared by the global setup (which prepares a migrated template once) and each test file
// (which gets its own clean copy): a template database on PostgreSQL, a data image on PGlite.
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function migrationsHash(): string {
  const dir = path.resolve("db/migrations");
  const hash = crypto.createHash("sha256");
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest("hex").slice(0, 16);
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export const PGLITE_IMAGE_DIR = path.resolve("tests/.cache");
