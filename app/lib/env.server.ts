import { isIP } from "node:net";
import { z } from "zod";

// Every setting the app reads, parsed once at start-up. A bad or missing setting stops the app
// with a message that names it; in development safe defaults stand in for secrets.
const DEV_SECRET = "development-only-secret-do-not-use-in-production-0123456789";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

// Which proxies to believe about the client's address (Express's "trust proxy"). Never `true`,
// which would take the left-most X-Forwarded-For entry, written by the client itself: a number of
// proxies in front of the app (`1`: the right-most entry, added by our load balancer), or the
// proxies' addresses and subnets (`loopback, 10.0.0.0/8`). `true`/`yes` mean one proxy.
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const proxyEntry = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};
export const trustProxySetting = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string => {
    const lower = value.toLowerCase();
    if (["", "false", "no", "0"].includes(lower)) return false;
    if (["true", "yes"].includes(lower)) return 1;
    if (/^\d+$/.test(lower)) {
      const hops = Number(lower);
      if (hops <= 10) return hops;
    }
    const entries = lower
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    if (entries.length > 0 && entries.every(proxyEntry)) return entries.join(", ");
    ctx.addIssue({
      code: "custom",
      message: "must be false, a number of proxies (e.g. 1), or proxy addresses/subnets (e.g. loopback, 10.0.0.0/8)",
    });
    return z.NEVER;
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
      .optional(),
    PGLITE_DIR: z.string().min(1).default("./data"),
    SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Q Exchange <no-reply@q-exchange.localhost>"),
    // Where people write to the programme team (shown to a suspended person at sign-in).
    CONTACT_EMAIL: z.email("must be an email address").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Read by the logger itself (it starts before the rest); listed here so a typo is caught.
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    TRUST_PROXY: trustProxySetting.default(false),
    DEMO_SEED: boolish.optional(),
    // Read by the demo seed: adds a round in shortlisting with a panel and a round open for voting (the browser tests use them).
    DEMO_PANEL_ROUND: boolish.default(true),
    WORKERS: boolish.default(true),
    // The benchmark's ceiling routes (/bench/page, /bench/text); never set in production use.
    BENCH_ROUTES: boolish.default(false),
    // A funded project with no published update for this many days gets a reminder (once per period).
    PROJECT_REMINDER_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === "production";
    if (production && !env.SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["SECRET_KEY"], message: "is required in production" });
    }
    if (production && !env.APP_URL) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required in production" });
    }
    return {
      ...env,
      production,
      APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
      SECRET_KEY: env.SECRET_KEY ?? DEV_SECRET,
      DEMO_SEED: env.DEMO_SEED ?? !production,
      CONTACT_EMAIL: env.CONTACT_EMAIL ?? (production ? undefined : "programme-team@q-exchange.localhost"),
    };
  });

export type Env = z.output<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example and README.md (Configuration).`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
