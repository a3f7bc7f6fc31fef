// Shared by the soak scripts (`npm run soak`): a fresh PostgreSQL database per script, the built
// server started on it, and the one-line result the orchestrator reads.
import { spawn, type ChildProcess } from "node:child_process";
import postgres from "postgres";
import { openDatabase } from "../../db/client";

export const SOAK_DATABASE_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
export const SOAK_SECRET_KEY = "soak-secret-key-that-is-long-enough-0123456789";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, migrated database for one soak script; `drop()` removes it. */
export async function createSoakDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qx_soak_${label.replace(/[^a-z0-9]/g, "_")}_${process.pid}`;
  const admin = postgres(SOAK_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(SOAK_DATABASE_URL, name);
  const handle = await openDatabase({ kind: "postgres", url, max: 1 });
  await handle.migrate();
  await handle.close();
  return {
    url,
    drop: async () => {
      const db = postgres(SOAK_DATABASE_URL, { max: 1, onnotice: () => {} });
      await db.unsafe(`drop database if exists "${name}" with (force)`);
      await db.end();
    },
  };
}

export type Server = { child: ChildProcess; base: string; exited: Promise<number | null> };

/** Starts `build/server.js` (run `npm run build` first) and waits for /readyz. */
export async function startServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<Server> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      APP_URL: base,
      DATABASE_URL: options.databaseUrl,
      SECRET_KEY: SOAK_SECRET_KEY,
      DEMO_SEED: "false",
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/readyz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { child, base, exited };
    if (child.exitCode !== null) throw new Error(`the server on port ${options.port} exited while starting`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server on port ${options.port} did not become ready in 60 s`);
}

export async function stopServer(server: Server, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill(signal);
  return server.exited;
}

export type SoakResult = { figure: number; title: string; result: string; pass: boolean; details?: string[] };

/** The last line a soak script prints: the orchestrator parses it. Exits 1 when the figure failed. */
export function report(result: SoakResult): never {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(result.pass ? 0 : 1);
}
