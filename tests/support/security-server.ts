// The real Express app (server/app.ts: security headers, the Origin check, the write limit, then
// Remix) in this test process, with the Remix build compiled by Vite from the sources. The app's
// database handle lives on globalThis, so the server answers from the test file's database.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { createServer, type ViteDevServer } from "vite";
import { consumeWriteLimit } from "../../app/runtime.server";
import { createApp } from "../../server/app";

export type TestServer = { baseUrl: string; close: () => Promise<void> };

export async function startAppServer(): Promise<TestServer> {
  const vite: ViteDevServer = await createServer({
    // node_modules may be a symlink (a git worktree sharing the main checkout's): Vite may read it where it really is.
    server: { middlewareMode: true, hmr: false, fs: { allow: [process.cwd(), fs.realpathSync("node_modules")] } },
    // Only the server side is used: no browser bundles, so no dependency pre-bundling for them.
    optimizeDeps: { noDiscovery: true, include: [] },
    logLevel: "error",
    appType: "custom",
  });
  const load = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  await load();
  const app = createApp({
    build: load,
    runtime: () => ({ ready: async () => true, consumeWriteLimit }),
    appUrl: "http://localhost:3000",
    production: false,
    trustProxy: false,
    logger: pino({ level: "silent" }),
    isShuttingDown: () => false,
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await vite.close();
    },
  };
}
