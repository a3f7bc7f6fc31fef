// The browser tests' servers. The global setup starts the built server once on an empty database,
// which migrates and seeds the demo data, and keeps that database as a template. Each Playwright
// worker then runs its own server on its own copy (a PostgreSQL database made from the template,
// or a copy of the PGlite folder), so workers run in parallel without seeing each other's writes.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

/** Where the global setup left the seeded data, for the workers (passed through the environment). */
export type Template = { kind: "postgres"; url: string; database: string } | { kind: "pglite"; dir: string };
export const TEMPLATE_ENV = "QX_E2E_TEMPLATE";

/** Server logs, one file per server, kept after the run. */
export const LOG_DIR = path.resolve("tests/.cache/e2e-logs");

export const basePort = () => Number(process.env.E2E_PORT ?? "3210");

const PREFIX = "qx_e2e_";

function serverEnv(port: number, data: { DATABASE_URL: string } | { PGLITE_DIR: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: `http://localhost:${port}`,
    SECRET_KEY: "e2e-secret-key-that-is-long-enough-0123456789",
    DEMO_SEED: "true",
    DEMO_PANEL_ROUND: "true",
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  return { ...env, ...data };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type RunningServer = { url: string; stop: () => Promise<void> };

/** Starts build/server.js and resolves once /readyz answers (the database is migrated and seeded by then). */
async function startServer(port: number, env: NodeJS.ProcessEnv, logFile: string): Promise<RunningServer> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, ["build/server.js"], { env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const url = `http://localhost:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let ready = false;
  void exited.then(() => (ready = false));
  // Polled, not timed: however loaded the machine, the server is ready when it says so, or has failed.
  while (!ready) {
    if (child.exitCode !== null)
      throw new Error(`The test server on port ${port} exited with ${child.exitCode}; see ${logFile}`);
    ready = await fetch(`${url}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stopServer(child, exited) };
}

async function stopServer(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null) return;
  if (process.env.QX_E2E_CPU_LOG) {
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    fs.appendFileSync(process.env.QX_E2E_CPU_LOG, `${Number(stat[11]) + Number(stat[12])}\n`);
  }
  child.kill("SIGTERM");
  // The server drains its connections first; a browser's idle keep-alive connection can hold it
  // for its few seconds' grace, which this does not need to wait for.
  const killed = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(killed);
}

/** Global setup: a seeded template, made by the real server's own first start. */
export async function prepareTemplate(logDir: string): Promise<{ template: Template; remove: () => Promise<void> }> {
  const port = basePort();
  const stamp = Date.now();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const database = `${PREFIX}${stamp}_template`;
    await admin(databaseUrl, async (sql) => {
      // An interrupted run cannot clean up after itself: drop what earlier runs left (over an hour old).
      const stale = await sql<
        { datname: string }[]
      >`select datname from pg_database where datname like ${`${PREFIX}%`}`;
      for (const { datname } of stale) {
        const made = Number(/^qx_e2e_(\d+)/.exec(datname)?.[1] ?? 0);
        if (made && stamp - made > 3_600_000) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
      }
      await sql.unsafe(`create database "${database}"`);
    });
    const server = await startServer(
      port,
      serverEnv(port, { DATABASE_URL: withDatabase(databaseUrl, database) }),
      path.join(logDir, "server-template.log"),
    );
    await server.stop();
    return {
      template: { kind: "postgres", url: databaseUrl, database },
      remove: async () => {
        await admin(databaseUrl, (sql) => sql.unsafe(`drop database if exists "${database}" with (force)`));
      },
    };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "qx-e2e-"));
  const dir = path.join(root, "template");
  const server = await startServer(
    port,
    serverEnv(port, { PGLITE_DIR: dir }),
    path.join(logDir, "server-template.log"),
  );
  await server.stop();
  return {
    template: { kind: "pglite", dir },
    remove: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** A worker's own server on its own copy of the template. */
export async function startWorkerServer(template: Template, worker: number, logDir: string): Promise<RunningServer> {
  const port = basePort() + 1 + worker;
  const logFile = path.join(logDir, `server-worker-${worker}.log`);
  if (template.kind === "postgres") {
    const database = `${template.database.replace(/_template$/, "")}_w${worker}`;
    await admin(template.url, (sql) => sql.unsafe(`create database "${database}" template "${template.database}"`));
    const server = await startServer(
      port,
      serverEnv(port, { DATABASE_URL: withDatabase(template.url, database) }),
      logFile,
    );
    return {
      url: server.url,
      stop: async () => {
        await server.stop();
        await admin(template.url, (sql) => sql.unsafe(`drop database if exists "${database}" with (force)`));
      },
    };
  }
  const dir = path.join(path.dirname(template.dir), `worker-${worker}`);
  fs.cpSync(template.dir, dir, { recursive: true });
  const server = await startServer(port, serverEnv(port, { PGLITE_DIR: dir }), logFile);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
