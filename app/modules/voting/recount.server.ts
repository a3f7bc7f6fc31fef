// The recount: the ledger as published (the JSON download, or a file of it), recounted and
// resealed with ledger.ts's recount(), compared with the stored tallies and seal.
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { roundResults, rounds } from "~db/schema";
import { recount, type Recount } from "./ledger";
import { entriesOfDocument } from "./ledger-export";
import { ledgerDocument, sealOf } from "./results-queries.server";

export type RecountReport = Recount & { round: string; entries: number; publishedRoot: string; lines: string[] };

/** Recounts a round from its export (or `file`, a JSON download). Throws when there is nothing to recount. */
export async function recountRound(slug: string, options: { file?: string } = {}): Promise<RecountReport> {
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, slug));
  if (!round) throw new Error(`No round with the slug ${slug}.`);
  const seal = await sealOf(round.id);
  const [results] = await db
    .select({ tallies: roundResults.tallies })
    .from(roundResults)
    .where(eq(roundResults.roundId, round.id));
  if (!seal || !results) throw new Error(`Round ${slug} has not been sealed yet: voting has not closed.`);
  const doc = options.file ? JSON.parse(await readFile(options.file, "utf8")) : await ledgerDocument(round);
  const entries = entriesOfDocument(doc);
  const result = recount(entries, results.tallies, seal.root);
  const lines = [
    `Round ${slug}: ${entries.length} ledger entries read${options.file ? ` from ${options.file}` : ""}.`,
    `Seal: ${result.rootMatches ? "matches" : "DOES NOT MATCH"} (published ${seal.root}, recomputed ${result.root}).`,
    result.differences.length === 0
      ? `Tallies: all ${Object.keys(result.tallies).length} match.`
      : `Tallies: ${result.differences.length} DIFFER: ${result.differences.map((d) => `${d.proposalId} published ${d.published}, recounted ${d.recounted}`).join("; ")}.`,
    result.matches ? "Recount matches what was published." : "MISMATCH: the recount does not match what was published.",
  ];
  return { ...result, round: slug, entries: entries.length, publishedRoot: seal.root, lines };
}
