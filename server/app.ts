import crypto from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express, { type Request, type Response } from "express";
import helmet from "helmet";
import { isAllowedOrigin, allowedOrigins, SAFE_METHODS } from "../app/lib/origin";
import type { Logger } from "pino";
import { logSafeUrl } from "./log-safe-url";

export type Runtime = {
  ready: () => Promise<boolean>;
  consumeWriteLimit: (ip: string) => Promise<{ limited: boolean; retryAfterSeconds: number }>;
};

export type AppOptions = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  runtime: () => Runtime;
  appUrl: string;
  production: boolean;
  /** Proxies in front of the app: a hop count or their addresses (see TRUST_PROXY); `true` counts as one hop. */
  trustProxy: boolean | number | string;
  logger: Logger;
  isShuttingDown: () => boolean;
  /** Development only: Vite's middleware serves modules and hot updates. */
  vite?: { middlewares: express.RequestHandler };
};

export function createApp(options: AppOptions): express.Express {
  const https = options.appUrl.startsWith("https://");
  const app = express();
  app.disable("x-powered-by");
  // Never Express's `true`: it takes the left-most X-Forwarded-For entry, which the client writes.
  app.set("trust proxy", options.trustProxy === true ? 1 : options.trustProxy);

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  // Security headers on every response, the health checks' too (they are cheap: no I/O).
  // Strict CSP (nonces, no inline or eval) except under the Vite dev server, which needs both.
  app.use(securityHeaders(!options.vite, options.production && https));

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    if (options.isShuttingDown()) return void res.status(503).json({ status: "shutting down" });
    const ok = await options.runtime().ready();
    res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "database unavailable" });
  });

  // Tokens of emailed links travel in URLs: the log gets the URL with them redacted (logSafeUrl).
  app.use(requestLog(options.logger));
  // Level 3 rather than zlib's default 6: a third of the CPU on a 90 kB page for about 10% more bytes.
  app.use(compression({ level: 3 }));

  if (options.vite) {
    app.use(options.vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    // The other files of public/ (favicon.svg) all have an extension; a page's address has none,
    // so pages skip the file system look-up (a stat per request, 1-3% of a page's CPU).
    const publicFiles = express.static("build/client", { maxAge: "1h" });
    app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
  }

  app.use(guardStateChanges(options));

  app.use(noStoreWhenSignedIn());

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.production ? "production" : "development",
      getLoadContext: (req: Request, res: Response) => ({
        cspNonce: res.locals.cspNonce as string,
        ip: req.ip ?? "unknown",
        requestId: String((req as Request & { id?: unknown }).id ?? ""),
      }),
    }),
  );
  // Errors before Remix (a malformed address, say) get a plain answer, never a stack trace.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status >= 500) options.logger.error({ err: error }, "request failed");
    res
      .status(status)
      .type("text/plain")
      .send(
        status < 500
          ? "Bad request: the web address or form could not be read."
          : "Sorry, there is a problem with the service. Try again later.",
      );
  });
  return app;
}

/**
 * A signed-in page must not come back from the browser's cache after signing out (shared PCs).
 * A route that sets its own Cache-Control replaces this one: the Remix adapter appends each header
 * of the route's response, which sent `private, no-store, private, no-store` (issue 19).
 */
export function noStoreWhenSignedIn(): express.RequestHandler {
  return (req, res, next) => {
    if (!/(^|;\s*)(__Host-)?qx_session=/.test(req.headers.cookie ?? "")) return next();
    res.set("Cache-Control", "private, no-store");
    const append = res.append.bind(res);
    res.append = ((field: string, value?: string | string[]) =>
      field.toLowerCase() === "cache-control" ? res.set(field, value) : append(field, value)) as typeof res.append;
    next();
  };
}

/**
 * What start-up says when TRUST_PROXY is set: the app then believes the X-Forwarded-For entries
 * the proxies appended, so a client that can reach the app without going through them writes its
 * own address and escapes every per-address limit. Null when it is off.
 */
export function trustProxyWarning(setting: boolean | number | string): string | null {
  if (setting === false || setting === 0 || setting === "") return null;
  return (
    `TRUST_PROXY is set (${String(setting)}): client addresses are read from X-Forwarded-For. ` +
    "Make sure clients can reach this server only through that proxy (bind HOST to a private address or firewall the port): " +
    "a client that reaches it directly can send any X-Forwarded-For and bypass every per-address limit (sign-in, registration, writes)."
  );
}

/** Powerful browser features the app never uses, switched off for every page and any frame. */
export const PERMISSIONS_POLICY =
  "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/**
 * A request id (X-Request-Id, and in the load context) and one log line per finished request:
 * what pino-http did, without its per-request child logger and event wrappers, and with nothing
 * built at all when the level is off (the benchmark and many deployments log warnings only).
 */
function requestLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const id = crypto.randomUUID();
    (req as Request & { id?: string }).id = id;
    res.setHeader("X-Request-Id", id);
    if (req.url.startsWith("/assets/")) return next();
    const started = performance.now();
    const done = () => {
      res.removeListener("finish", done);
      res.removeListener("close", done);
      // As pino-http did: a 5xx is an error; a response cut short (the browser went away) is "aborted".
      const level = res.statusCode >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: logSafeUrl(req.url) },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableEnded && !req.readableAborted ? "request completed" : "request aborted",
      );
    };
    res.once("finish", done);
    res.once("close", done);
    next();
  };
}

function securityHeaders(strict: boolean, https: boolean): express.RequestHandler {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": strict ? ["'self'", nonce] : ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": strict ? ["'self'"] : ["'self'", "ws:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  });
  // Helmet has no Permissions-Policy of its own.
  return (req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    headers(req, res, next);
  };
}

/** Every state change must come from one of our own pages (CSRF), within the write limit. */
export function guardStateChanges(options: Pick<AppOptions, "appUrl" | "runtime">): express.RequestHandler {
  return async (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const allowed = allowedOrigins(options.appUrl);
    if (!isAllowedOrigin(req.get("origin"), allowed)) {
      return void res
        .status(403)
        .type("text/plain")
        .send("Forbidden: this request did not come from a Q Exchange page.");
    }
    try {
      const limit = await options.runtime().consumeWriteLimit(req.ip ?? "unknown");
      if (limit.limited) {
        res.set("Retry-After", String(limit.retryAfterSeconds));
        return void res.status(429).type("text/plain").send("Too many requests. Please wait a minute and try again.");
      }
    } catch (error) {
      return next(error);
    }
    next();
  };
}
