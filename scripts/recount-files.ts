// The recount anyone can run from a round's published files alone: no database, no .env, no
// secret. Download ledger.json and results.json from the round's results page, then
//   npm run recount -- --ledger ledger.json --results results.json
// It checks each ballot's hash, the seal, the frozen settings, the votes and every outcome (the
// steps are in app/modules/voting/recount-files.ts, the same code the "Verify these results"
// page runs in a browser). Exit 0: everything matches; 1: the first difference is printed.
import { readFile } from "node:fs/promises";
import { recountFiles } from "../app/modules/voting/recount-files";

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    return { unreadable: `${path} is not JSON` };
  }
}

/** Prints each step and returns the exit code: 0 when everything matches, 1 at the first difference. */
export async function recountFromFiles(ledgerPath: string, resultsPath: string, print = console.log): Promise<0 | 1> {
  const outcome = await recountFiles(await readJson(ledgerPath), await readJson(resultsPath), print);
  if (outcome.ok) {
    print("The recount matches the published results.");
    return 0;
  }
  print(`DIFFERENCE: ${outcome.difference}`);
  print("The recount does not match the published results.");
  return 1;
}
