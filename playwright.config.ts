import fs from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, devices } from "@playwright/test";

// Playwright's own Chromium when it is installed, else CHROMIUM_PATH, else Debian's.
function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  try {
    const require = createRequire(import.meta.url);
    const own = (require("playwright-core") as typeof import("playwright-core")).chromium.executablePath();
    if (own && fs.existsSync(own)) return undefined; // Playwright finds its own.
  } catch {
    // No bundled browser: fall through to the system ones.
  }
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install one with `npx playwright install chromium`, " +
        "or `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return found;
}

// Each worker runs its own server on its own copy of the seeded database (tests/e2e/servers.ts),
// so the files run in parallel. The browser, the servers and PostgreSQL share the machine's cores;
// most of a browser test's time is spent waiting on one of them, so more workers than cores pay.
const workers = Number(process.env.E2E_WORKERS ?? 3);

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers,
  retries: 0,
  // Journeys of a dozen pages; generous, because a loaded machine must slow a test, never fail it.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] } },
    { name: "no-javascript", use: { ...devices["Desktop Chrome"], javaScriptEnabled: false }, grep: /@no-js/ },
  ],
});
