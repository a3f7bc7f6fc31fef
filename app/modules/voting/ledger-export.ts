// The two files published with the results, and all a stranger needs to recount them:
// - ledger.json / ledger.csv: the ballots that count (ledger.ts, format 2) and the seal;
// - results.json: the frozen settings (with their hash), and per proposal its votes, the
//   tie-breakers the rule read, the outcome, any override with its reason, and the explanation.
// Pure and browser-safe: the recount (recount-files.ts) reads these types.
import type { FrozenSettings } from "~/modules/rounds/frozen-settings";
import { LEDGER_FORMAT, receiptCode, type LedgerEntry } from "./ledger";

export const RESULTS_FORMAT = "q-exchange-results/1";
export const LEDGER_COLUMNS = ["ref", "picks", "source", "entry_hash", "receipt_code"] as const;

/** How to recount, in one field of the JSON download, so a stranger needs nothing else. */
export const HASHING_SPEC =
  "entry_hash = sha256(canonical JSON of {picks (sorted), ref, source}: keys sorted, no whitespace, UTF-8); " +
  "leaf = sha256('leaf:' + entry_hash); node = sha256('node:' + left + right) (lower-case hex); " +
  "root: sort entry hashes ascending, pair leaves left to right level by level, an odd last node is promoted; no entries: sha256('empty'). " +
  "Every entry is a ballot that counts (a voter's replaced ballots are not published); each pick is one vote. " +
  "receipt_code = first 50 bits of entry_hash in Crockford base32, XXXXX-XXXXX. " +
  "The outcome: results.json, recounted by scripts/recount-files.ts or the page /rounds/<round>/results/verify.";

export type Seal = { root: string; ballots: number; sealedAt: string };
export type PublishedEntry = LedgerEntry & { entryHash: string; receiptCode: string };

export type LedgerDocument = {
  format: typeof LEDGER_FORMAT;
  round: { slug: string; title: string };
  seal: Seal;
  hashing: string;
  entries: PublishedEntry[];
};

export type ResultLineDocument = {
  id: string;
  title: string;
  categoryId: string;
  requestedPence: number;
  /** Tie-breakers, as the rule read them when voting closed. */
  calibratedScore: number | null;
  submittedAt: string;
  votes: number;
  rank: number;
  roundRank: number;
  recommendedFunded: boolean;
  funded: boolean;
  /** Why the programme team overrode the recommendation; null when it stands. */
  overrideReason: string | null;
  explanation: string;
};

export type ResultsDocument = {
  format: typeof RESULTS_FORMAT;
  round: { slug: string; title: string };
  /** Null only in the programme team's recount before publication. */
  publishedAt: string | null;
  seal: Seal;
  turnout: { ballots: number; eligible: number };
  /** The settings frozen when voting opened, and the SHA-256 of their canonical JSON published then. */
  settings: FrozenSettings;
  settingsHash: string | null;
  /** Sum of the amounts of the funded proposals (after overrides). */
  spentPence: number;
  proposals: ResultLineDocument[];
  /** Shortlisted proposals withdrawn during the vote: their votes are in the ledger, they took no part. */
  withdrawn: Array<{ id: string; title: string; votes: number }>;
};

export function publishedEntry(entry: LedgerEntry & { entryHash: string }): PublishedEntry {
  return {
    ref: entry.ref,
    picks: [...entry.picks].sort(),
    source: entry.source,
    entryHash: entry.entryHash,
    receiptCode: receiptCode(entry.entryHash),
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end CRLF. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Picks are separated by a space inside their field. */
export function ledgerCsv(entries: ReadonlyArray<PublishedEntry>): string {
  const lines = [LEDGER_COLUMNS.join(",")];
  for (const e of entries)
    lines.push([e.ref, e.picks.join(" "), e.source, e.entryHash, e.receiptCode].map(csvField).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
