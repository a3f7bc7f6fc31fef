import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/lib/env.server";

describe("configuration", () => {
  it("development has safe defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.PGLITE_DIR).toBe("./data");
    expect(env.DEMO_SEED).toBe(true);
    expect(env.SECRET_KEY.length).toBeGreaterThanOrEqual(32);
  });

  it("production without a secret stops with a message naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://q.example" })).toThrow(
      /SECRET_KEY: is required in production/,
    );
  });

  it("production without APP_URL names APP_URL", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SECRET_KEY: "x".repeat(40) })).toThrow(/APP_URL/);
  });

  it("a bad value names the setting", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => parseEnv({ SECRET_KEY: "short" })).toThrow(/SECRET_KEY: must be at least 32 characters/);
  });

  it("production with its secrets set does not seed demo data by default", () => {
    const env = parseEnv({ NODE_ENV: "production", SECRET_KEY: "x".repeat(40), APP_URL: "https://q.example/" });
    expect(env.DEMO_SEED).toBe(false);
    expect(env.APP_URL).toBe("https://q.example");
  });
});
