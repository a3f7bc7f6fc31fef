// Ledger rows as stored and ledger entries as hashed, exported and recounted. The one mapping, so
// the seal, the receipt check, the exports and the recount all read a row the same way.
import type { BallotLedgerRow } from "~db/schema";
import { entryHash, receiptCode, type LedgerEntry, type LedgerSource } from "./ledger";

export function ledgerEntryOf(
  row: Pick<BallotLedgerRow, "voterRef" | "version" | "picks" | "at" | "source">,
): LedgerEntry {
  return {
    voterRef: row.voterRef,
    version: row.version,
    picks: [...row.picks].sort(),
    at: row.at.toISOString(),
    source: row.source,
  };
}

/**
 * The row to insert for a new entry. `at` must already be truncated to milliseconds (the database
 * keeps microseconds, the entry's ISO time keeps milliseconds): read it as
 * `date_trunc('milliseconds', clock_timestamp())`.
 */
export function ledgerRowFor(
  roundId: string,
  entry: { voterRef: string; version: number; picks: ReadonlyArray<string>; at: Date; source: LedgerSource },
) {
  const canonical: LedgerEntry = {
    voterRef: entry.voterRef,
    version: entry.version,
    picks: [...entry.picks].sort(),
    at: entry.at.toISOString(),
    source: entry.source,
  };
  const hash = entryHash(canonical);
  return {
    roundId,
    voterRef: entry.voterRef,
    version: entry.version,
    picks: [...canonical.picks],
    at: entry.at,
    source: entry.source,
    entryHash: hash,
    receiptCode: receiptCode(hash),
  };
}
