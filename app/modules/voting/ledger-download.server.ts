// The ledger downloads, shared by the CSV and JSON resource routes.
import type { Round } from "~db/schema";
import { httpError } from "~/lib/http.server";
import { ledgerCsv } from "./ledger-export";
import { ledgerDocument } from "./results-queries.server";

const headers = (type: string, filename: string) => ({
  "Content-Type": type,
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "public, max-age=60",
});

export async function ledgerDownload(round: Round, format: "csv" | "json"): Promise<Response> {
  const doc = await ledgerDocument(round);
  if (!doc) httpError(404, "The ledger is published when voting closes and it is sealed.");
  const name = `q-exchange-${round.slug}-ledger.${format}`;
  if (format === "csv")
    return new Response(ledgerCsv(doc.entries), { headers: headers("text/csv; charset=utf-8", name) });
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
    headers: headers("application/json; charset=utf-8", name),
  });
}
