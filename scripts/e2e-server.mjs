// Starts the built server for the browser tests on a fresh, empty database: a new PGlite folder,
// or, when DATABASE_URL is set, a new PostgreSQL database beside the one it names.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const port = process.env.E2E_PORT ?? "3210";
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  HOST: "127.0.0.1",
  APP_URL: `http://localhost:${port}`,
  SECRET_KEY: "e2e-secret-key-that-is-long-enough-0123456789",
  DEMO_SEED: "true",
  DEMO_PANEL_ROUND: "true",
  LOG_LEVEL: "warn",
};

let cleanup = async () => {};
if (process.env.DATABASE_URL) {
  const name = `qx_e2e_${Date.now()}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  // Playwright may end this script before it can clean up: drop what earlier runs left (over an hour old).
  const stale = await admin`select datname from pg_database where datname ~ '^qx_e2e_[0-9]+$'`;
  for (const { datname } of stale) {
    if (Date.now() - Number(datname.slice("qx_e2e_".length)) > 3_600_000)
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  }
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const db = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await db.unsafe(`drop database if exists "${name}" with (force)`);
    await db.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qx-e2e-"));
  env.PGLITE_DIR = path.join(dir, "data");
  delete env.DATABASE_URL;
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
}

const server = spawn(process.execPath, ["build/server.js"], { env, stdio: "inherit" });
const stop = (signal) => server.kill(signal);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
server.on("exit", async (code) => {
  await cleanup().catch(() => {});
  process.exit(code ?? 0);
});
