// Streams an export as CSV or JSON, a batch of rows at a time, so a round of 20,000 ideas never
// sits in memory as one document.
import { now } from "~/lib/clock";
import { logger } from "~/lib/logger.server";
import { CSV_BOM, csvRow, type CsvValue } from "./csv";
import type { ExportFormat } from "./datasets";

export type Row = Record<string, unknown>;
export type Column = {
  key: string;
  header?: string;
  csv?: (value: unknown, row: Row) => CsvValue;
  /** Only in this format. */ only?: ExportFormat;
};

export type ExportDocument = {
  filename: string;
  format: ExportFormat;
  /** The JSON envelope's fields besides `rows` (round, dataset, generated_at, licence, notes…). */
  envelope: Record<string, unknown>;
  columns: Column[];
  rows: AsyncIterable<Row>;
  /** Admin exports: never kept by a shared cache. */
  confidential: boolean;
};

/** Arrays read as "a; b; c" in a cell; anything else structured as JSON text. */
export function defaultCsv(value: unknown): CsvValue {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("; ");
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value as CsvValue;
}

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

async function* csvChunks(doc: ExportDocument): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(doc.columns.map((c) => c.header ?? c.key));
  for await (const row of doc.rows) {
    yield csvRow(doc.columns.map((c) => (c.csv ?? defaultCsv)(row[c.key], row)));
  }
}

async function* jsonChunks(doc: ExportDocument): AsyncGenerator<string> {
  const head = JSON.stringify({ ...doc.envelope, generated_at: now().toISOString() });
  yield `${head.slice(0, -1)},"rows":[`;
  let first = true;
  for await (const row of doc.rows) {
    const picked: Row = {};
    for (const c of doc.columns) picked[c.key] = jsonValue(row[c.key]);
    yield (first ? "\n" : ",\n") + JSON.stringify(picked);
    first = false;
  }
  yield "\n]}\n";
}

export function exportResponse(input: ExportDocument): Response {
  const doc = { ...input, columns: input.columns.filter((c) => !c.only || c.only === input.format) };
  const chunks = doc.format === "csv" ? csvChunks(doc) : jsonChunks(doc);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error, file: doc.filename }, "export failed while streaming");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": doc.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${doc.filename}"`,
      "Cache-Control": doc.confidential ? "private, no-store" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Rows fetched a batch of ids at a time, in the order of `ids`. */
export async function* inBatches(
  ids: readonly string[],
  fetch: (batch: string[]) => Promise<Row[]>,
  size = 500,
): AsyncGenerator<Row> {
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    const rows = await fetch(batch);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const id of batch) {
      const row = byId.get(id);
      if (row) yield row;
    }
  }
}
