// `npm run soak [-- --only name,name]`: the long reliability checks that do not belong in every CI
// run. Each script in scripts/soak/ (except support.ts) runs on its own PostgreSQL database against
// the built server and ends with a RESULT line; the table is printed and written to soak/results/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SoakResult } from "./soak/support";

const only = (() => {
  const i = process.argv.indexOf("--only");
  return i >= 0 ? new Set(process.argv[i + 1].split(",")) : null;
})();

const dir = path.resolve("scripts/soak");
const scripts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "support.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((name) => !only || only.has(name))
  .sort();

if (!process.argv.includes("--no-build")) {
  console.log("--- building the server");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const rows: Array<{ name: string; seconds: number } & SoakResult> = [];
for (const name of scripts) {
  console.log(`--- soak: ${name}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${name}.ts`)], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout ?? "");
  const line = (run.stdout ?? "")
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("RESULT "));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!line) {
    rows.push({ name, seconds, figure: 0, title: name, result: `no result (exit ${run.status})`, pass: false });
    continue;
  }
  rows.push({ name, seconds, ...(JSON.parse(line.slice("RESULT ".length)) as SoakResult) });
}

const stamp = new Date().toISOString().slice(0, 16).replace("T", "-").replace(":", "-");
const table = [
  `# Soak run ${new Date().toISOString()}`,
  "",
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  "",
  "| Figure | Check | Result | Pass | Script | Time |",
  "|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.figure} | ${r.title} | ${r.result} | ${r.pass ? "yes" : "**no**"} | \`scripts/soak/${r.name}.ts\` | ${r.seconds} s |`,
  ),
  "",
  ...rows.flatMap((r) => (r.details?.length ? [`## ${r.title}`, "", ...r.details.map((d) => `- ${d}`), ""] : [])),
].join("\n");
console.log(`\n${table}`);
fs.mkdirSync("soak/results", { recursive: true });
fs.writeFileSync(`soak/results/${stamp}.md`, `${table}\n`);
process.exit(rows.every((r) => r.pass) ? 0 : 1);
