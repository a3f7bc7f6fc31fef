import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EnvError, parseEnv } from "./app/lib/env.server";
import { logger } from "./app/lib/logger.server";
import { createApp, trustProxyWarning } from "./server/app";
import { gracefulClose } from "./server/shutdown";

type AppRuntime = typeof import("./app/runtime.server");

// The HTTP server: the Remix app behind security headers, the CSRF check and the write limit;
// health checks; the app's background workers; and a graceful shutdown.
let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const production = config.NODE_ENV === "production";
const useVite = process.env.REMIX_DEV === "1";
let shuttingDown = false;

async function loadBuild() {
  if (useVite) {
    const vite = await import("vite");
    const server = await vite.createServer({ server: { middlewareMode: true } });
    const load = () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    return { build: load, first: await load(), vite: server };
  }
  const file = pathToFileURL(path.resolve("build/server/index.js")).href;
  const build = (await import(file)) as ServerBuild;
  return { build, first: build, vite: undefined };
}

async function main() {
  const started = Date.now();
  const { build, first, vite } = await loadBuild();
  // The runtime keeps its state on globalThis, so a module reloaded by Vite in development
  // still shares the one database handle opened here.
  const runtime = (first.entry.module as unknown as { runtime: AppRuntime }).runtime;
  await runtime.start();
  const app = createApp({
    build,
    runtime: () => runtime,
    appUrl: config.APP_URL,
    production,
    trustProxy: config.TRUST_PROXY,
    logger,
    isShuttingDown: () => shuttingDown,
    vite,
  });
  const proxyWarning = trustProxyWarning(config.TRUST_PROXY);
  if (proxyWarning) logger.warn(proxyWarning);
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(
      `Q Exchange is ready at ${config.APP_URL} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  });
  server.keepAliveTimeout = 65_000;

  // Closes keep-alive connections only when quiet, never under a request (server/shutdown.ts).
  // Idle for 5 s, longer than clients' own keep-alive timeouts (undici: 4 s), so that a client
  // closes an idle connection before we do: at 1 s, a client reusing one met a reset (soak, fig. 14).
  const drain = gracefulClose(server, {
    idleMs: 5_000,
    forceMs: 8_000,
    onForce: () => logger.warn("requests still open after 8 s: closing them"),
  });

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    const hard = setTimeout(() => process.exit(1), 10_000);
    hard.unref();
    // /readyz says 503 from now on; new connections are refused; open ones finish their requests.
    void drain.close().then(async () => {
      await runtime.stop().catch((error) => logger.error({ err: error }, "error while stopping"));
      await vite?.close();
      logger.info("stopped");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : "failed to start");
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  setTimeout(() => process.exit(1), 100);
});
