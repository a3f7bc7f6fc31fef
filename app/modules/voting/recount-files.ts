// The recount from the published files alone: ledger.json and results.json, no database, no
// secret. Used by `npm run recount -- --ledger … --results …` (scripts/recount-files.ts) and by the
// "Verify these results" page in the browser, so both check exactly the same things:
//   1. every ledger entry's hash, from its fields;
//   2. the Merkle root of those hashes against the seal published at the close;
//   3. the frozen settings against the hash published when voting opened, each ballot against them;
//   4. the votes of each proposal, recounted, against the published votes;
//   5. the funding rule applied to the recounted votes (pot, tie-breakers, cut-offs) against each
//      published outcome, line by line; every override has its reason; the amount spent.
// The first difference stops the recount and is named by proposal title and id.
// Pure and browser-safe: ledger.ts hashes with WebCrypto; funding.ts is the app's own rule.
import { canonicalJson } from "~/lib/canonical-json";
import { formatPence } from "~/lib/money";
import { decideFunding } from "./funding";
import { LEDGER_FORMAT, entryHash, merkleRoot, normaliseEntry, receiptCode, sha256, tally } from "./ledger";
import { RESULTS_FORMAT, type LedgerDocument, type ResultsDocument } from "./ledger-export";

export type RecountOutcome = { ok: true } | { ok: false; difference: string };

class Difference extends Error {}
function expect(condition: unknown, difference: string): asserts condition {
  if (!condition) throw new Difference(difference);
}

/** Recounts; `say` receives one line per step passed. Never throws: a bad file is a difference. */
export async function recountFiles(
  ledgerFile: unknown,
  resultsFile: unknown,
  say: (line: string) => void = () => {},
): Promise<RecountOutcome> {
  try {
    await recount(ledgerFile as LedgerDocument, resultsFile as ResultsDocument, say);
    return { ok: true };
  } catch (error) {
    if (error instanceof Difference) return { ok: false, difference: error.message };
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, difference: `The files could not be read as published: ${why}.` };
  }
}

async function recount(ledger: LedgerDocument, results: ResultsDocument, say: (line: string) => void) {
  expect(ledger?.format === LEDGER_FORMAT, `The ledger file is not a ${LEDGER_FORMAT} file.`);
  expect(results?.format === RESULTS_FORMAT, `The results file is not a ${RESULTS_FORMAT} file.`);
  expect(Array.isArray(ledger.entries) && Array.isArray(results.proposals), "A file has no entries or proposals list.");
  expect(
    ledger.round?.slug === results.round?.slug,
    `The files are of different rounds: ${ledger.round?.slug} and ${results.round?.slug}.`,
  );
  const entries = ledger.entries;
  const proposals = results.proposals;
  const name = (id: string) => {
    const p = proposals.find((x) => x.id === id) ?? results.withdrawn?.find((x) => x.id === id);
    return p ? `“${p.title}” (${id})` : `proposal ${id}`;
  };
  say(`Read ${entries.length} ballots and ${proposals.length} result lines of “${results.round.title}”.`);

  // 1. Each entry's hash and receipt code, from its own fields.
  const hashes = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const where = `Ledger entry ${i + 1} (ref ${entry?.ref})`;
    let hash: string;
    try {
      hash = await entryHash(normaliseEntry(entry));
    } catch (error) {
      throw new Difference(`${where}: ${error instanceof Error ? error.message : error}.`);
    }
    expect(hash === entry.entryHash, `${where}: its fields hash to ${hash}, but the file says ${entry.entryHash}.`);
    expect(receiptCode(hash) === entry.receiptCode, `${where}: its receipt code should be ${receiptCode(hash)}.`);
    expect(!hashes.has(hash), `${where}: the same entry is listed twice.`);
    hashes.add(hash);
  }
  say(`Step 1: the hash of each of the ${entries.length} entries matches its fields.`);

  // 2. The seal published at the close.
  const root = await merkleRoot([...hashes]);
  expect(
    root === ledger.seal?.root && root === results.seal?.root,
    `Seal: the Merkle root of the entries is ${root}, but the published seal is ${results.seal?.root}` +
      `${ledger.seal?.root === results.seal?.root ? "" : ` (the ledger file says ${ledger.seal?.root})`}.`,
  );
  expect(
    entries.length === results.seal.ballots && entries.length === results.turnout?.ballots,
    `Seal: ${entries.length} ballots in the ledger, but the results say ${results.seal.ballots} were sealed and ${results.turnout?.ballots} counted.`,
  );
  say(`Step 2: the Merkle root ${root} is the seal published at the close (${entries.length} ballots).`);

  // 3. The frozen settings, and each ballot against them.
  const settings = results.settings;
  if (results.settingsHash) {
    const hash = await sha256(canonicalJson(settings));
    expect(
      hash === results.settingsHash,
      `Settings: they hash to ${hash}, not to ${results.settingsHash} as published when voting opened.`,
    );
  }
  const categoryOf = new Map(
    Object.entries(settings.shortlist).flatMap(([categoryId, ids]) => ids.map((id) => [id, categoryId] as const)),
  );
  for (const p of proposals) {
    expect(categoryOf.get(p.id) === p.categoryId, `${name(p.id)} is not on the frozen shortlist of its category.`);
    expect(
      p.requestedPence <= settings.maxAwardPence,
      `${name(p.id)} asks for ${formatPence(p.requestedPence)}, over the maximum award of ${formatPence(settings.maxAwardPence)}.`,
    );
  }
  for (const [i, entry] of entries.entries()) {
    const perCategory = new Map<string, number>();
    for (const id of entry.picks) {
      const category = categoryOf.get(id);
      expect(category, `Ledger entry ${i + 1} (ref ${entry.ref}) picks ${id}, which is not on the frozen shortlist.`);
      perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
    }
    expect(
      [...perCategory.values()].every((n) => n <= settings.ballotRule.picksPerCategory),
      `Ledger entry ${i + 1} (ref ${entry.ref}) has more than ${settings.ballotRule.picksPerCategory} picks in a category.`,
    );
  }
  say(
    `Step 3: the frozen settings ${results.settingsHash ? "match their published hash" : "were read"}; every ballot keeps to them.`,
  );

  // 4. The votes.
  const votes = tally(entries);
  for (const p of [...proposals, ...(results.withdrawn ?? [])]) {
    const recounted = votes[p.id] ?? 0;
    expect(recounted === p.votes, `Votes for ${name(p.id)}: published ${p.votes}, recounted ${recounted}.`);
  }
  const listed = new Set([...proposals, ...(results.withdrawn ?? [])].map((p) => p.id));
  const missing = Object.keys(votes).find((id) => !listed.has(id));
  expect(
    !missing,
    `Votes for ${name(missing ?? "")}: recounted ${votes[missing ?? ""]}, but the results do not list it.`,
  );
  say(`Step 4: the votes of all ${listed.size} proposals match the recount.`);

  // 5. The rule, line by line.
  const decision = decideFunding({
    rule: settings.fundingRule,
    potPence: settings.potPence,
    categories: settings.categories,
    proposals: proposals.map((p) => ({
      id: p.id,
      categoryId: p.categoryId,
      title: p.title,
      votes: p.votes,
      requestedPence: p.requestedPence,
      calibratedScore: p.calibratedScore,
      submittedAt: new Date(p.submittedAt),
    })),
  });
  for (const [i, o] of decision.outcomes.entries()) {
    const p = proposals[i];
    const line = name(p.id);
    expect(o.rank === p.rank, `${line}: published in place ${p.rank} of its category, the rule gives ${o.rank}.`);
    expect(
      o.roundRank === p.roundRank,
      `${line}: published ${p.roundRank} across the round, the rule gives ${o.roundRank}.`,
    );
    expect(
      o.funded === p.recommendedFunded,
      `${line}: published as ${p.recommendedFunded ? "recommended" : "not recommended"} for funding, the rule ${o.funded ? "recommends" : "does not recommend"} it.`,
    );
    expect(
      o.explanation === p.explanation,
      `${line}: published explanation “${p.explanation}”, the rule gives “${o.explanation}”.`,
    );
    if (p.funded !== p.recommendedFunded)
      expect(p.overrideReason?.trim(), `${line}: its outcome differs from the rule's, with no reason given.`);
    else expect(p.overrideReason === null, `${line}: it has an override reason but the outcome is the rule's.`);
  }
  const spent = proposals.filter((p) => p.funded).reduce((sum, p) => sum + p.requestedPence, 0);
  expect(
    spent === results.spentPence,
    `Amount awarded: published ${formatPence(results.spentPence)}, the funded lines add up to ${formatPence(spent)}.`,
  );
  const overrides = proposals.filter((p) => p.funded !== p.recommendedFunded);
  say(
    `Step 5: the rule gives every published outcome; ${overrides.length === 0 ? "no overrides" : `${overrides.length} override${overrides.length === 1 ? "" : "s"}, each with its reason`}; ${formatPence(spent)} of ${formatPence(settings.potPence)} awarded.`,
  );
  for (const p of overrides)
    say(`  Override: ${name(p.id)} ${p.funded ? "funded" : "not funded"}: ${p.overrideReason}`);
}
