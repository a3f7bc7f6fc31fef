// The published files of a round: ledger.json, ledger.csv and results.json, shared by their
// resource routes. Under embargo until the programme team publishes the results: before that they
// answer 403 with a message (and the seal, which is public from the close), never the ballots.
import type { Round } from "~db/schema";
import { formatLondon } from "~/lib/time";
import { ledgerCsv } from "./ledger-export";
import { ledgerDocument, resultsDocument, resultsPublished, sealOf } from "./results-queries.server";

export type PublishedFile = "ledger.json" | "ledger.csv" | "results.json";

const text = (status: number, body: string) =>
  new Response(`${body}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function publishedFile(round: Round, file: PublishedFile): Promise<Response> {
  const seal = await sealOf(round.id);
  if (!seal) return text(404, `${round.title}: voting has not closed, so there is no sealed ledger and no result yet.`);
  if (!(await resultsPublished(round.id))) {
    return text(
      403,
      [
        `${round.title}: the results are being checked, and the ballots are under embargo until the programme team publishes them.`,
        `The ledger was sealed when voting closed, so it cannot change before it is released:`,
        `  seal (Merkle root): ${seal.root}`,
        `  ballots sealed:     ${seal.ballots}`,
        `  sealed at:          ${formatLondon(seal.sealedAt)} (${seal.sealedAt.toISOString()})`,
        `Download ${file} again once the results are published, and check it against this seal.`,
      ].join("\n"),
    );
  }
  const name = `q-exchange-${round.slug}-${file}`;
  const headers = (type: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "public, max-age=60",
  });
  if (file === "results.json") {
    const doc = await resultsDocument(round);
    if (!doc) return text(404, `${round.title}: the results were not recorded with their settings.`);
    return new Response(`${JSON.stringify(doc, null, 2)}\n`, { headers: headers("application/json; charset=utf-8") });
  }
  const doc = (await ledgerDocument(round))!;
  if (file === "ledger.csv")
    return new Response(ledgerCsv(doc.entries), { headers: headers("text/csv; charset=utf-8") });
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, { headers: headers("application/json; charset=utf-8") });
}
