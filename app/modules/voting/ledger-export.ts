// The anonymised ledger as published: CSV and JSON, the same entries in the same order, with a
// stable column order. Only the entry's own fields, its hash and its receipt code: nothing about
// who voted (the voter reference is a keyed hash that only the server can compute).
import { entryHash, receiptCode, type LedgerEntry } from "./ledger";

export const LEDGER_COLUMNS = ["voter_ref", "version", "picks", "at", "source", "entry_hash", "receipt_code"] as const;

/** How to recount, in one field of the JSON download, so a stranger needs nothing else. */
export const HASHING_SPEC =
  "entry_hash = sha256(canonical JSON of {at, picks (sorted), source, version, voterRef}: keys sorted, no whitespace, UTF-8); " +
  "leaf = sha256('leaf:' + entry_hash); node = sha256('node:' + left + right) (lower-case hex); " +
  "root: sort entry hashes ascending, pair leaves left to right level by level, an odd last node is promoted; no entries: sha256('empty'). " +
  "Counting: per voterRef only the highest version counts (then later at, then larger entry_hash); each pick is one vote. " +
  "receipt_code = first 50 bits of entry_hash in Crockford base32, XXXXX-XXXXX.";

export type ExportedEntry = LedgerEntry & { entryHash: string; receiptCode: string };

export type LedgerDocument = {
  format: "q-exchange-ledger/1";
  round: string;
  seal: { root: string; entries: number; ballots: number; sealedAt: string };
  /** Votes per proposal as published; null until the results are published. */
  tallies: Record<string, number> | null;
  hashing: string;
  entries: ExportedEntry[];
};

export function exportedEntry(entry: LedgerEntry): ExportedEntry {
  const hash = entryHash(entry);
  return {
    voterRef: entry.voterRef,
    version: entry.version,
    picks: [...entry.picks].sort(),
    at: entry.at,
    source: entry.source,
    entryHash: hash,
    receiptCode: receiptCode(hash),
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end CRLF. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Picks are separated by a space inside their field. */
export function ledgerCsv(entries: ReadonlyArray<ExportedEntry>): string {
  const lines = [LEDGER_COLUMNS.join(",")];
  for (const e of entries)
    lines.push(
      [e.voterRef, e.version, e.picks.join(" "), e.at, e.source, e.entryHash, e.receiptCode].map(csvField).join(","),
    );
  return `${lines.join("\r\n")}\r\n`;
}

/** Reads a ledger JSON download back into entries (for the recount of a file). */
export function entriesOfDocument(doc: unknown): LedgerEntry[] {
  if (!doc || typeof doc !== "object" || !Array.isArray((doc as LedgerDocument).entries))
    throw new TypeError("Not a ledger download: it has no entries list.");
  return (doc as LedgerDocument).entries.map((e) => ({
    voterRef: e.voterRef,
    version: e.version,
    picks: e.picks,
    at: e.at,
    source: e.source,
  }));
}
