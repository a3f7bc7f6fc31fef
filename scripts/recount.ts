// `npm run recount -- <round-slug> [--file ledger.json]`: recounts a round's sealed ledger and
// compares the tallies and the seal with what was published. Exits 1 on a mismatch, 2 on misuse.
import { parseArgs } from "node:util";
import { closeDb, configFromEnv, initDb } from "../db/client";
import { parseEnv } from "../app/lib/env.server";
import { recountRound } from "../app/modules/voting/recount.server";

const { values, positionals } = parseArgs({ options: { file: { type: "string" } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error("Usage: npm run recount -- <round-slug> [--file ledger.json]");
  process.exit(2);
}
const env = parseEnv(process.env);
await initDb(configFromEnv(env));
try {
  const report = await recountRound(positionals[0], { file: values.file });
  for (const line of report.lines) console.log(line);
  process.exitCode = report.matches ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
await closeDb();
