// Lighthouse 12 with its default mobile profile (emulated phone, slow 4G, 4× CPU slowdown) on the
// Chromium the browser tests use; the median of three runs by performance score.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type LighthouseFigures = {
  name: string;
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  failures: string[];
};

const run = promisify(execFile);
const CHROME = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function runLighthouse(name: string, url: string, runs = 3): Promise<LighthouseFigures> {
  const results: LighthouseFigures[] = [];
  const failures: string[] = [];
  // Chromium newer than Lighthouse sometimes records no navigation start (NO_NAVSTART): a failed
  // run is retried (up to twice as many attempts as runs) and reported, never fatal.
  for (let attempt = 0; results.length < runs && attempt < runs * 2; attempt++) {
    const outcome = await run(
      process.execPath,
      [
        "node_modules/lighthouse/cli/index.js",
        url,
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
      ],
      { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: Error & { stderr?: string }) => ({
      failed: (error.stderr ?? error.message).trim().split("\n")[0],
    }));
    if ("failed" in outcome) {
      failures.push(outcome.failed);
      continue;
    }
    const report = JSON.parse(outcome.stdout);
    results.push({
      name,
      score: Math.round(report.categories.performance.score * 100),
      lcpMs: report.audits["largest-contentful-paint"].numericValue,
      tbtMs: report.audits["total-blocking-time"].numericValue,
      cls: report.audits["cumulative-layout-shift"].numericValue,
      failures,
    });
  }
  if (results.length === 0) return { name, score: NaN, lcpMs: NaN, tbtMs: NaN, cls: NaN, failures };
  results.sort((a, b) => a.score - b.score);
  return { ...results[Math.floor(results.length / 2)], failures };
}
