import { pino, type Logger } from "pino";

// One logger for the whole server: JSON lines in production, readable lines in development.
function createLogger(): Logger {
  const level = process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info");
  const pretty = process.env.NODE_ENV !== "production" && process.env.LOG_FORMAT !== "json";
  return pino({
    level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "token"],
      censor: "[redacted]",
    },
    transport: pretty
      ? { target: "pino-pretty", options: { ignore: "pid,hostname", translateTime: "HH:MM:ss", singleLine: true } }
      : undefined,
  });
}

const globalKey = Symbol.for("qx.logger");
const store = globalThis as unknown as Record<symbol, Logger | undefined>;

export const logger: Logger = (store[globalKey] ??= createLogger());
