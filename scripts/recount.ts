// Two recounts:
//   npm run recount -- --ledger ledger.json --results results.json
//     from a round's published files alone (scripts/recount-files.ts): no database, no .env.
//   npm run recount -- <round-slug>
//     the programme team's, from the database (before publication too): the same checks on the
//     files the round would publish. Needs the app's DATABASE_URL or PGLITE_DIR and SECRET_KEY.
// Exit 0 when everything matches, 1 at the first difference (printed), 2 on misuse.
import { parseArgs } from "node:util";

const usage =
  "Usage: npm run recount -- --ledger ledger.json --results results.json\n   or: npm run recount -- <round-slug>";
let parsed;
try {
  parsed = parseArgs({ options: { ledger: { type: "string" }, results: { type: "string" } }, allowPositionals: true });
} catch {
  parsed = null;
}
const files = parsed && (parsed.values.ledger !== undefined || parsed.values.results !== undefined);
if (
  !parsed ||
  (files
    ? !parsed.values.ledger || !parsed.values.results || parsed.positionals.length > 0
    : parsed.positionals.length !== 1)
) {
  console.error(usage);
  process.exit(2);
}

if (files) {
  const { recountFromFiles } = await import("./recount-files");
  try {
    process.exitCode = await recountFromFiles(parsed.values.ledger!, parsed.values.results!);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
} else {
  const { closeDb, configFromEnv, initDb } = await import("../db/client");
  const { parseEnv } = await import("../app/lib/env.server");
  const { recountRound } = await import("../app/modules/voting/recount.server");
  await initDb(configFromEnv(parseEnv(process.env)));
  try {
    const report = await recountRound(parsed.positionals[0]);
    for (const line of report.lines) console.log(line);
    process.exitCode = report.ok ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
  await closeDb();
}
