import type { ServerBuild } from "@remix-run/node";
import type { IncomingMessage, ServerResponse } from "node:http";
import net, { type Socket } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EnvError, parseEnv } from "./app/lib/env.server";
import { logger } from "./app/lib/logger.server";
import { createApp } from "./server/app";

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
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(`Q Exchange is ready at ${config.APP_URL} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });
  server.keepAliveTimeout = 65_000;

  // Each connection and the answers in progress on it, so that a shutdown closes a keep-alive
  // connection only once it is quiet, never under a request.
  const connections = new Map<Socket, { active: number; idleSince: number }>();
  const answering = new Set<ServerResponse>();
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: Date.now() });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (connection) connection.active += 1;
    answering.add(res);
    // "close" follows the end of every answer, sent or cut off.
    res.once("close", () => {
      answering.delete(res);
      if (connection) {
        connection.active -= 1;
        connection.idleSince = Date.now();
      }
    });
  });

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    // Answers not started yet close their connection when done; later requests on an open
    // connection are answered the same way (server/app.ts) and /readyz says 503.
    for (const res of answering) if (!res.headersSent) res.setHeader("Connection", "close");
    // New connections are refused from now on. http.Server#close() would also drop every idle
    // keep-alive connection at once, which loses a request the client is sending on one at that
    // moment (it reaches a closed socket: ECONNRESET). So only the listener is closed here, and a
    // keep-alive connection is closed once it has had no request for IDLE_MS.
    net.Server.prototype.close.call(server, async () => {
      clearInterval(sweep);
      await runtime.stop().catch((error) => logger.error({ err: error }, "error while stopping"));
      await vite?.close();
      logger.info("stopped");
      process.exit(0);
    });
    const IDLE_MS = 1_000;
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, connection] of connections) {
        if (connection.active === 0 && now - connection.idleSince >= IDLE_MS) socket.destroy();
      }
    }, 100);
    const force = setTimeout(() => {
      logger.warn("requests still open after 8 s: closing them");
      server.closeAllConnections();
      for (const socket of connections.keys()) socket.destroy();
    }, 8_000);
    force.unref();
    const hard = setTimeout(() => process.exit(1), 10_000);
    hard.unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : "failed to start");
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  setTimeout(() => process.exit(1), 100);
});
