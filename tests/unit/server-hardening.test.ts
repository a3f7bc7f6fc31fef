import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/lib/env.server";
import express from "express";
import {
  createApp,
  noStoreWhenSignedIn,
  PERMISSIONS_POLICY,
  trustProxyWarning,
  type AppOptions,
} from "../../server/app";
import { logSafeUrl } from "../../server/log-safe-url";

// The real server app (createApp) with a stand-in for Remix: the `vite` hook answers every
// request after the logging, security headers and the Origin check, echoing `req.ip`.
type Started = {
  url: string;
  lines: Array<Record<string, unknown>>;
  writeLimitIps: string[];
  close: () => Promise<void>;
};
const open: Started[] = [];

async function start(overrides: Partial<AppOptions> = {}): Promise<Started> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const writeLimitIps: string[] = [];
  // Reads are answered here; writes go on to the Origin check and write limit (then a failing build: 500).
  const echo: express.RequestHandler = (req, res, next) =>
    req.method === "GET" ? void res.json({ ip: req.ip }) : next();
  const app = createApp({
    build: async () => {
      throw new Error("Remix is not used in this test");
    },
    runtime: () => ({
      ready: async () => true,
      consumeWriteLimit: async (ip) => (writeLimitIps.push(ip), { limited: false, retryAfterSeconds: 0 }),
    }),
    appUrl: "http://app.example",
    production: true,
    trustProxy: false,
    logger: pino({ level: "info" }, stream),
    isShuttingDown: () => false,
    vite: { middlewares: echo },
    ...overrides,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const started: Started = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    writeLimitIps,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  open.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const ipFor = async (s: Started, xff?: string) =>
  ((await (await fetch(`${s.url}/who`, { headers: xff ? { "X-Forwarded-For": xff } : {} })).json()) as { ip: string })
    .ip;

describe("TRUST_PROXY: the client address behind a proxy", () => {
  it("parses a hop count or proxy addresses; true means one hop; anything else is refused", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8" }).TRUST_PROXY).toBe(
      "loopback, 10.0.0.0/8, fd00::/8",
    );
    expect(() => parseEnv({ TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY/);
  });

  it.each([
    ["TRUST_PROXY=true (one hop)", true],
    ["TRUST_PROXY=1", 1],
    ["TRUST_PROXY=loopback", "loopback"],
  ] as const)("with %s, forged left-most X-Forwarded-For entries do not change req.ip", async (_label, trustProxy) => {
    const s = await start({ trustProxy });
    // The proxy (here: the loopback peer) appends the address it saw; the client wrote the rest.
    expect(await ipFor(s, "203.0.113.7")).toBe("203.0.113.7");
    expect(await ipFor(s, "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(await ipFor(s, "1.1.1.1, 2.2.2.2, 203.0.113.7")).toBe("203.0.113.7");
    // And the write limit counts the same address.
    await fetch(`${s.url}/x`, {
      method: "POST",
      headers: { Origin: "http://app.example", "X-Forwarded-For": "6.6.6.6, 203.0.113.8" },
    });
    expect(s.writeLimitIps).toEqual(["203.0.113.8"]);
  });

  it("without TRUST_PROXY the header is ignored", async () => {
    const s = await start();
    expect(await ipFor(s, "6.6.6.6")).toBe("127.0.0.1");
  });
});

describe("the request log", () => {
  it("redacts query values and invitation tokens, keeping the path and the query keys", () => {
    expect(logSafeUrl("/reset-password?token=abc")).toBe("/reset-password?token=[redacted]");
    expect(logSafeUrl("/unsubscribe?u=1&k=comments&sig=xyz")).toBe(
      "/unsubscribe?u=[redacted]&k=[redacted]&sig=[redacted]",
    );
    expect(logSafeUrl("/invitations/SeCrEt.data?_data=x")).toBe("/invitations/[redacted]?_data=[redacted]");
    expect(logSafeUrl("//Invitations//SeCrEt")).toBe("//Invitations//[redacted]");
    expect(logSafeUrl("/verify?SeCrEt")).toBe("/verify?[redacted]");
    expect(logSafeUrl("/rounds/spring")).toBe("/rounds/spring");
  });

  it.each([
    "/reset-password?token=S3cretResetToken",
    "/verify?token=S3cretResetToken",
    "/unsubscribe?token=S3cretResetToken",
    "/invitations/S3cretResetToken",
  ])("GET %s puts no token in the log", async (path) => {
    const s = await start();
    await fetch(`${s.url}${path}`);
    const line = s.lines.find((l) => (l.req as { url?: string } | undefined)?.url !== undefined);
    expect(line).toBeDefined();
    expect(JSON.stringify(s.lines)).not.toContain("S3cretResetToken");
    expect((line!.req as { url: string }).url).toContain("[redacted]");
  });
});

describe("health checks", () => {
  it.each(["/healthz", "/readyz"])("%s carries the security headers", async (path) => {
    const s = await start();
    const response = await fetch(`${s.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("headers on every response", () => {
  it("a Permissions-Policy switches off camera, microphone, geolocation, payment and the sensors", async () => {
    const s = await start();
    for (const path of ["/healthz", "/some/page"]) {
      const policy = (await fetch(`${s.url}${path}`)).headers.get("permissions-policy");
      expect(policy).toBe(PERMISSIONS_POLICY);
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
        expect(policy).toContain(`${feature}=()`);
    }
  });

  it("a signed-in response carries one Cache-Control: the route's own replaces the default, never adds to it", async () => {
    const app = express();
    app.use(noStoreWhenSignedIn());
    // As the Remix adapter sends a route's headers: res.append for each.
    app.get("/me/data/download", (_req, res) => void res.append("Cache-Control", "private, no-store").send("{}"));
    app.get("/page", (_req, res) => void res.send("page"));
    app.get("/public", (_req, res) => void res.append("Cache-Control", "public, max-age=60").send("file"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const signedIn = { headers: { Cookie: "__Host-qx_session=abc" } };
      expect((await fetch(`${url}/me/data/download`, signedIn)).headers.get("cache-control")).toBe("private, no-store");
      expect((await fetch(`${url}/page`, signedIn)).headers.get("cache-control")).toBe("private, no-store");
      expect((await fetch(`${url}/public`, signedIn)).headers.get("cache-control")).toBe("public, max-age=60");
      expect((await fetch(`${url}/page`)).headers.get("cache-control")).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("TRUST_PROXY at start-up", () => {
  it("warns that a client reaching the app directly bypasses every per-address limit, whenever it is set", () => {
    for (const setting of [true, 1, 2, "loopback, 10.0.0.0/8"]) {
      const warning = trustProxyWarning(setting);
      expect(warning).toMatch(/^TRUST_PROXY is set/);
      expect(warning).toMatch(/bypass every per-address limit/);
    }
    expect(trustProxyWarning(false)).toBeNull();
  });
});
