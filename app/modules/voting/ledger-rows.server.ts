// Ledger rows as stored and ledger entries as hashed, published and recounted. The one mapping, so
// the seal, the receipt check, the downloads and the recount all read a row the same way.
import { randomBytes } from "node:crypto";
import type { BallotLedgerRow } from "~db/schema";
import { entryHash, receiptCode, type LedgerEntry, type LedgerSource } from "./ledger";

/** The published entry of a row: its own reference, picks and source. Never voterRef, version or time. */
export function ledgerEntryOf(row: Pick<BallotLedgerRow, "ref" | "picks" | "source">): LedgerEntry {
  return { ref: row.ref, picks: [...row.picks].sort(), source: row.source };
}

/**
 * The row to insert for a new ballot. `voterRef`, `version` and `at` stay in the database (they
 * decide which ballot counts); the entry that is hashed gets a fresh random `ref`.
 */
export async function ledgerRowFor(
  roundId: string,
  ballot: { voterRef: string; version: number; picks: ReadonlyArray<string>; at: Date; source: LedgerSource },
) {
  const entry: LedgerEntry = {
    ref: randomBytes(16).toString("hex"),
    picks: [...ballot.picks].sort(),
    source: ballot.source,
  };
  const hash = await entryHash(entry);
  return {
    roundId,
    voterRef: ballot.voterRef,
    version: ballot.version,
    ref: entry.ref,
    picks: [...entry.picks],
    at: ballot.at,
    source: ballot.source,
    entryHash: hash,
    receiptCode: receiptCode(hash),
  };
}

/** The rows that count: the highest version per voter reference (the database keeps each pair once). */
export function countingRows<T extends { voterRef: string; version: number }>(rows: ReadonlyArray<T>): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const best = latest.get(row.voterRef);
    if (!best || row.version > best.version) latest.set(row.voterRef, row);
  }
  return [...latest.values()];
}
