import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The Remix Vite plugin must not load under vitest, so tests have their own config.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Each integration test file opens its own database (a PGlite instance holds a few hundred
    // MB); a worker that runs many files needs more than Node's default heap.
    poolOptions: { forks: { execArgv: ["--max-old-space-size=8192"] } },
    // Vitest's default on two cores is one worker. Integration test files spend much of their
    // time waiting on PostgreSQL, so three workers keep both cores busy (TEST_WORKERS overrides).
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Pure functions: one module graph for every file (modules load once per worker, not per file).
          isolate: false,
          // Argon2id hashes and property tests: seconds on a loaded machine, which must never fail a test.
          testTimeout: 120_000,
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/support/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/fail-on-console-error.ts", "tests/support/database.ts"],
          // Generous: a loaded machine must slow a test down, never fail it.
          hookTimeout: 600_000,
          testTimeout: 600_000,
        },
      },
    ],
  },
});
