// `npm start`: build when the sources are newer than the build, then run the server.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SOURCES = ["app", "db", "server", "server.ts", "public", "vite.config.ts", "package-lock.json"];

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

const built =
  fs.existsSync("build/server.js") && fs.existsSync("build/server/index.js")
    ? fs.statSync("build/server.js").mtimeMs
    : 0;
const sources = Math.max(...SOURCES.map(newest));
if (built < sources) {
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building (about a minute)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!process.argv.includes("--build-only")) {
  // The server runs in this process, so it receives SIGTERM and SIGINT itself.
  await import(pathToFileURL(path.resolve("build/server.js")).href);
}
