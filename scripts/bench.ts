// The benchmark (npm run bench): starts the built server on the bench:seed database and measures,
// in one run, the framework's ceilings, the real pages and the writes, with autocannon, then the
// JavaScript each page loads and Lighthouse's mobile profile. Writes a Markdown report to
// bench/results/.
//   npm run bench:seed -- --scale 100 && npm run bench:seed -- --scale 10
//   npm run bench -- --scales 100,10 [--duration 8] [--runs 3] [--no-lighthouse] [--only ballot,projects]
// Every figure is the median of --runs runs; the report lists each run too. --only keeps the
// targets whose name contains one of the comma-separated words. The server listens on BENCH_PORT
// (default 3400). Writes are sent as a fixed number of requests (about --duration seconds' worth)
// so that every request is answered before the rows written are counted.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";
import { withDatabase } from "../tests/support/test-database";
import { BENCH, benchBase, benchDatabaseName, benchPort } from "./bench-shape";
import { benchTargets, memberCount, prepareSessions, type Target } from "./bench-targets";
import { runLighthouse, type LighthouseFigures } from "./bench-lighthouse";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "100,10" },
    duration: { type: "string", default: "8" },
    runs: { type: "string", default: "3" },
    "no-lighthouse": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const scales = values.scales.split(",").map(Number);
const duration = Number(values.duration);
const runs = Number(values.runs);
const server = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = benchPort();
const BASE = benchBase();
const only = values.only
  ? values.only
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean)
  : null;
/** Ballots are cast by up to this many distinct members (one session each), in turn. */
const BALLOT_MEMBERS = 20_000;

type Sample = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  failed: number;
  ok: number;
  requests: number;
  seconds: number;
};
type Measured = { target: Target; at50: Sample[]; at10: Sample[]; written?: number[] };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; peakMemoryMb: () => number }> {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      APP_URL: BASE,
      DATABASE_URL: databaseUrl,
      SECRET_KEY: BENCH.secretKey,
      BENCH_ROUTES: "true",
      DEMO_SEED: "false",
      LOG_LEVEL: "warn",
      // The load comes from one machine: the forwarded address lets each simulated client count as itself.
      TRUST_PROXY: "true",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${BASE}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (child.exitCode !== null) throw new Error("the server exited while starting");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    peakMemoryMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
  };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/**
 * One load: for `seconds` (reads), or (writes, with `amount`) exactly that many requests, every one
 * answered before it returns, so that the rows written can be compared with the successes. The
 * rate of a fixed amount is taken from the first request to the last answer.
 */
async function load(target: Target, connections: number, seconds: number, amount?: number): Promise<Sample> {
  const times: number[] = [];
  let ok = 0;
  const started = performance.now();
  let lastAnswer = started;
  // autocannon reports p97.5 but not p95: every response time is kept and the percentiles taken here.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        requests: [target.request() as autocannon.Request],
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      lastAnswer = performance.now();
      // A form post answers 303 (redirect after success): 2xx and 3xx both count as success.
      if (status < 400) ok++;
    });
  });
  times.sort((a, b) => a - b);
  const elapsed = amount ? (lastAnswer - started) / 1000 : seconds;
  return {
    rps: result.requests.total / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    failed: result.requests.total - ok,
    ok,
    requests: result.requests.total,
    seconds: elapsed,
  };
}

async function measure(target: Target, databaseUrl: string): Promise<Measured> {
  const m: Measured = { target, at50: [], at10: [], written: target.countWrites ? [] : undefined };
  const warm = await load(target, 10, 2); // warm-up: JIT, caches, connection pool
  // Writes: about `duration` seconds' worth at the warm-up's rate, as a fixed number of requests.
  const amount = (connections: number) =>
    target.kind === "write" ? Math.max(connections * 20, Math.round(warm.rps * duration)) : undefined;
  // Requests the warm-up left in flight finish writing before anything is counted.
  if (target.kind === "write") await new Promise((r) => setTimeout(r, 1000));
  for (let r = 0; r < runs; r++) {
    const before = target.countWrites ? await target.countWrites(databaseUrl) : 0;
    const sample = await load(target, 50, duration, amount(50));
    m.at50.push(sample);
    if (target.countWrites) m.written!.push((await target.countWrites(databaseUrl)) - before);
    m.at10.push(await load(target, 10, duration, amount(10)));
  }
  return m;
}

/** Bytes of JavaScript a page loads, gzipped as the server sends them. */
async function javascriptOf(pathname: string): Promise<{ files: number; gzipBytes: number; serverRendered: boolean }> {
  const html = await fetch(`${BASE}${pathname}`).then((r) => r.text());
  const sources = new Set([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
  let gzipBytes = 0;
  for (const src of sources) {
    const body = Buffer.from((await fetch(new URL(src, BASE)).then((r) => r.arrayBuffer())) as ArrayBuffer);
    gzipBytes += gzipSync(body, { level: 6 }).length;
  }
  return { files: sources.size, gzipBytes, serverRendered: /<h1[\s>]/.test(html) && /<main/.test(html) };
}

function machine(): string {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");

async function main() {
  if (!existsSync("build/server.js")) throw new Error("Build first: node scripts/start.mjs --build-only");
  const report: string[] = [];
  const date = new Date().toISOString();
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const [{ version }] = await admin`select version()`;
  await admin.end();
  report.push(
    `# Benchmark — ${date.slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${machine()}; ${String(version).split(",")[0]}. Load generator (autocannon) on the same machine.`,
    `Each figure is the median of ${runs} runs of ${duration} s (after a 2 s warm-up); 50 connections for throughput, 10 for latency.`,
    "",
  );
  const p95ByScale = new Map<number, Map<string, number>>();
  let lighthouse: LighthouseFigures[] | null = null;

  for (const scale of scales) {
    const url = withDatabase(server, benchDatabaseName(scale));
    const { child, peakMemoryMb } = await startServer(url);
    try {
      const comments = await prepareSessions(url, 400);
      const ballots = await prepareSessions(url, Math.min(BALLOT_MEMBERS, await memberCount(url)));
      const targets = (await benchTargets(url, { comments, ballots })).filter(
        (t) => !only || only.some((w) => t.name.includes(w)),
      );
      const results: Measured[] = [];
      for (const target of targets) {
        process.stdout.write(`scale ${scale}: ${target.name} … `);
        const m = await measure(target, url);
        results.push(m);
        console.log(
          `${fmt(median(m.at50.map((s) => s.rps)))} req/s, p95 ${fmt(median(m.at10.map((s) => s.p95)), 1)} ms`,
        );
      }
      // Without the page ceiling (--only), ratios are left out.
      const pageCeiling = results.find((r) => r.target.kind === "ceiling-page");
      const ceiling = pageCeiling ? median(pageCeiling.at50.map((s) => s.rps)) : NaN;
      p95ByScale.set(scale, new Map(results.map((r) => [r.target.name, median(r.at10.map((s) => s.p95))])));
      report.push(
        `## Scale ${scale}`,
        "",
        "| target | req/s (50 conn.) | ratio to page ceiling | p99 ms (50 conn.) | p50 / p95 / p99 ms (10 conn.) | errors | 4xx/5xx | runs (req/s) |",
        "|---|---|---|---|---|---|---|---|",
      );
      for (const m of results) {
        const rps = median(m.at50.map((s) => s.rps));
        const written = m.written
          ? `; rows written ${m.written.join(", ")} vs 2xx/3xx ${m.at50.map((s) => s.ok).join(", ")}`
          : "";
        report.push(
          `| ${m.target.name} | ${fmt(rps)} | ${m.target.kind === "ceiling-text" || !Number.isFinite(ceiling) ? "–" : `${fmt((rps / ceiling) * 100)}%`} | ${fmt(median(m.at50.map((s) => s.p99)), 1)} | ` +
            `${fmt(median(m.at10.map((s) => s.p50)), 1)} / ${fmt(median(m.at10.map((s) => s.p95)), 1)} / ${fmt(median(m.at10.map((s) => s.p99)), 1)} | ` +
            `${m.at50.reduce((a, s) => a + s.errors, 0)} | ${m.at50.reduce((a, s) => a + s.failed, 0)} | ${m.at50.map((s) => fmt(s.rps)).join(", ")}${written} |`,
        );
      }
      report.push("", `Server peak memory (VmHWM): ${fmt(peakMemoryMb())} MB.`, "");
      const writes = results.filter((m) => m.written);
      if (writes.length) {
        report.push("Writes (50 connections, every request answered before counting):", "");
        for (const m of writes) {
          const exact = m.written!.every((w, i) => w === m.at50[i].ok);
          const runsText = m.written!.map((w, i) => `${w} written / ${m.at50[i].ok} succeeded`).join(", ");
          let line = `- ${m.target.name}: ${exact ? "rows written = successes in every run" : "rows written ≠ successes in at least one run (a timed-out request may still have written)"} (${runsText})`;
          if (m.target.goal) {
            const rps = median(m.at50.map((s) => s.rps));
            const p99 = median(m.at50.map((s) => s.p99));
            const errors = m.at50.reduce((a, s) => a + s.errors + s.failed, 0);
            const met = rps >= m.target.goal.minRps && p99 < m.target.goal.maxP99Ms && errors === 0 && exact;
            line += `; goal ≥ ${m.target.goal.minRps} req/s with p99 < ${m.target.goal.maxP99Ms} ms, 0 errors: ${fmt(rps)} req/s, p99 ${fmt(p99, 1)} ms, ${errors} errors → ${met ? "met" : "NOT met"}`;
          }
          report.push(`${line}.`);
        }
        report.push("");
      }

      const documents = targets.filter((x) => x.kind === "page" && x.method === "GET" && !x.feed);
      if (scale === scales[0] && documents.length > 0) {
        report.push(
          "## JavaScript per page (gzip)",
          "",
          "| page | files | JavaScript (gzip) | server-rendered |",
          "|---|---|---|---|",
        );
        for (const t of documents) {
          const js = await javascriptOf(t.path);
          report.push(
            `| ${t.name} (\`${t.path}\`) | ${js.files} | ${fmt(js.gzipBytes / 1024, 1)} kB | ${js.serverRendered ? "yes" : "no"} |`,
          );
        }
        report.push("");
        if (!values["no-lighthouse"]) {
          lighthouse = [];
          for (const t of targets.filter((x) => x.lighthouse))
            lighthouse.push(await runLighthouse(t.name, `${BASE}${t.path}`));
        }
      }
    } finally {
      await stopServer(child);
    }
  }

  if (scales.length > 1) {
    const [big, small] = [Math.max(...scales), Math.min(...scales)];
    report.push(
      `## Growth: p95 at scale ${big} ÷ p95 at scale ${small} (10 connections)`,
      "",
      "| target | ratio |",
      "|---|---|",
    );
    for (const [name, p95] of p95ByScale.get(big)!)
      report.push(`| ${name} | ${fmt(p95 / (p95ByScale.get(small)!.get(name) ?? NaN), 2)}× |`);
    report.push("");
  }
  if (lighthouse) {
    report.push(
      "## Lighthouse 12, mobile profile (median of 3)",
      "",
      "| page | performance | LCP | TBT | CLS | failed runs |",
      "|---|---|---|---|---|---|",
    );
    for (const l of lighthouse)
      report.push(
        `| ${l.name} | ${fmt(l.score)} | ${fmt(l.lcpMs)} ms | ${fmt(l.tbtMs)} ms | ${fmt(l.cls, 3)} | ${l.failures.length ? l.failures.join("; ") : "none"} |`,
      );
    report.push("");
  }
  mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `${date.slice(0, 16).replace(/[:T]/g, "-")}.md`);
  writeFileSync(file, `${report.join("\n")}\n`);
  console.log(`\nReport: ${file}`);
}

await main();
