// The programme team's recount, from the database: the ledger and results files the round would
// publish, built now (before publication too), and recounted with the same checks anyone runs on
// the published files (recount-files.ts).
import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { rounds } from "~db/schema";
import { recountFiles } from "./recount-files";
import { ledgerDocument, resultsDocument } from "./results-queries.server";

export type RecountReport = { round: string; ok: boolean; difference: string | null; lines: string[] };

/** Throws when there is nothing to recount yet (voting has not closed). */
export async function recountRound(slug: string): Promise<RecountReport> {
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, slug));
  if (!round) throw new Error(`No round with the slug ${slug}.`);
  const [ledger, results] = [await ledgerDocument(round), await resultsDocument(round)];
  if (!ledger || !results) throw new Error(`Round ${slug} has not been sealed yet: voting has not closed.`);
  const lines = [`Round ${slug}, from the database${results.publishedAt ? "" : " (results not published yet)"}:`];
  const outcome = await recountFiles(ledger, results, (line) => lines.push(line));
  lines.push(outcome.ok ? "The recount matches the results." : `DIFFERENCE: ${outcome.difference}`);
  return { round: slug, ok: outcome.ok, difference: outcome.ok ? null : outcome.difference, lines };
}
