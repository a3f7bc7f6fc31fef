// The ballot ledger: append-only entries under pseudonymous voter references, sealed when voting
// closes by one Merkle root. Anyone with the exported ledger can recount and check the seal; a
// voter can find their entry by receipt code. Server-only at run time (node:crypto).
//
// Entry: { voterRef, version, picks, at, source }. `version` is the voter's ballot number in the
// round (1, 2, …); a replaced ballot stays in the ledger but is superseded: only the entry with
// the highest version per voterRef counts (equal versions, which a sound ledger never has, fall
// to the later `at`, then the larger entry hash, so a recount is still deterministic). Paper
// ballots each carry their own voterRef. No chain: an entry never depends on another, so ballots
// are recorded in parallel and order only matters at sealing, where leaves are sorted.
//
// Hashes are SHA-256, lower-case hex; strings are hashed as UTF-8.
// - entryHash   = sha256(canonical JSON of the entry: keys sorted, picks sorted, no whitespace)
// - leaf        = sha256("leaf:" + entryHash)
// - node        = sha256("node:" + leftHex + rightHex)
// - merkleRoot  : sort the entry hashes ascending, make their leaves, pair them left to right
//                 level by level; an odd node at the end of a level is promoted unchanged.
//                 One entry: its leaf. No entries: sha256("empty").
// - receiptCode : the first 50 bits of the entry hash in Crockford base32, as XXXXX-XXXXX.
//                 To check one: hash every entry of the published ledger, find the entry whose
//                 receipt code is yours, read its picks, and check its proof against the seal.
import { createHash } from "node:crypto";
import { canonicalJson } from "~/modules/rounds/frozen-settings";

export type LedgerSource = "online" | "paper";
export type LedgerEntry = {
  /** Keyed HMAC of member and round (online), or a reference unique to one paper ballot. */
  voterRef: string;
  /** The voter's ballot number in this round, from 1; the highest counts. */
  version: number;
  /** Proposal ids; stored and hashed sorted. */
  picks: ReadonlyArray<string>;
  /** ISO 8601 UTC with milliseconds, as Date.prototype.toISOString gives. */
  at: string;
  source: LedgerSource;
};
export type ProofStep = { side: "left" | "right"; hash: string };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const HEX64 = /^[0-9a-f]{64}$/;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const EMPTY_ROOT = sha256("empty");

/** Only the entry's fields, picks sorted; refuses anything a recount could read two ways. */
export function normaliseEntry(entry: LedgerEntry): LedgerEntry {
  if (typeof entry.voterRef !== "string" || entry.voterRef === "")
    throw new TypeError("ledger entry: voterRef is empty");
  if (!Number.isSafeInteger(entry.version) || entry.version < 1)
    throw new TypeError(`ledger entry: version must be a whole number ≥ 1, got ${entry.version}`);
  if (
    typeof entry.at !== "string" ||
    Number.isNaN(Date.parse(entry.at)) ||
    new Date(entry.at).toISOString() !== entry.at
  ) {
    throw new TypeError(`ledger entry: at must be an ISO UTC time like 2027-05-20T09:00:00.000Z, got ${entry.at}`);
  }
  if (entry.source !== "online" && entry.source !== "paper")
    throw new TypeError(`ledger entry: unknown source ${String(entry.source)}`);
  const picks = [...entry.picks].sort(byString);
  if (picks.some((id, i) => typeof id !== "string" || id === picks[i - 1]))
    throw new TypeError("ledger entry: picks must be distinct proposal ids");
  return { voterRef: entry.voterRef, version: entry.version, picks, at: entry.at, source: entry.source };
}

/** The canonical text that is hashed (and the form to export). */
export function encodeEntry(entry: LedgerEntry): string {
  return canonicalJson(normaliseEntry(entry));
}

export function entryHash(entry: LedgerEntry): string {
  return sha256(encodeEntry(entry));
}

export function leafHash(hash: string): string {
  return sha256(`leaf:${checkHash(hash)}`);
}

function nodeHash(left: string, right: string): string {
  return sha256(`node:${left}${right}`);
}

function checkHash(hash: string): string {
  if (!HEX64.test(hash)) throw new TypeError(`not a lower-case SHA-256 hex digest: ${hash}`);
  return hash;
}

/** Every level of the tree, leaves first; leaves are the sorted entry hashes' leaf hashes. */
function levels(sortedHashes: ReadonlyArray<string>): string[][] {
  const out = [sortedHashes.map(leafHash)];
  while (out[out.length - 1].length > 1) {
    const level = out[out.length - 1];
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
    out.push(next);
  }
  return out;
}

/** The seal of a ledger from its entry hashes, in any order. */
export function merkleRoot(hashes: ReadonlyArray<string>): string {
  if (hashes.length === 0) return EMPTY_ROOT;
  const tree = levels([...hashes].sort(byString));
  return tree[tree.length - 1][0];
}

/** The proof that hashes[index] is in the tree: sibling hashes from the leaf up to the root. */
export function merkleProof(hashes: ReadonlyArray<string>, index: number): ProofStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= hashes.length)
    throw new RangeError(`merkleProof: no entry at ${index}`);
  const sorted = [...hashes].sort(byString);
  let position = sorted.indexOf(hashes[index]);
  const proof: ProofStep[] = [];
  for (const level of levels(sorted).slice(0, -1)) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) proof.push({ side: position % 2 === 0 ? "right" : "left", hash: level[sibling] });
    position = Math.floor(position / 2);
  }
  return proof;
}

/** Whether an ENTRY hash (not its leaf) with this proof leads to the root. */
export function verifyProof(hash: string, proof: ReadonlyArray<ProofStep>, root: string): boolean {
  if (!HEX64.test(hash)) return false;
  let h = leafHash(hash);
  for (const step of proof) {
    if (!HEX64.test(step.hash)) return false;
    h = step.side === "right" ? nodeHash(h, step.hash) : nodeHash(step.hash, h);
  }
  return h === root;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The first 50 bits of the entry hash in Crockford base32, grouped XXXXX-XXXXX. */
export function receiptCode(hash: string): string {
  let bits = BigInt(`0x${checkHash(hash).slice(0, 13)}`) >> 2n; // 52 bits -> the first 50
  let code = "";
  for (let i = 0; i < 10; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed receipt code in canonical form, or null: case, spaces and dashes are ignored, O reads as 0, I and L as 1. */
export function normaliseReceiptCode(input: string): string | null {
  const text = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (text.length !== 10 || [...text].some((c) => !CROCKFORD.includes(c))) return null;
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

export function receiptMatches(hash: string, typed: string): boolean {
  return normaliseReceiptCode(typed) === receiptCode(hash);
}

/** The entries that count: the highest version per voterRef (see the top for ties). */
export function countingEntries(entries: ReadonlyArray<LedgerEntry>): LedgerEntry[] {
  const latest = new Map<string, { entry: LedgerEntry; hash: string }>();
  for (const raw of entries) {
    const entry = normaliseEntry(raw);
    const hash = entryHash(entry);
    const best = latest.get(entry.voterRef);
    const later =
      !best ||
      entry.version > best.entry.version ||
      (entry.version === best.entry.version &&
        (entry.at > best.entry.at || (entry.at === best.entry.at && hash > best.hash)));
    if (later) latest.set(entry.voterRef, { entry, hash });
  }
  return [...latest.values()].map((x) => x.entry);
}

/** Votes per proposal from the counting entries, keys sorted. Proposals with no votes are absent. */
export function tally(entries: ReadonlyArray<LedgerEntry>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const entry of countingEntries(entries)) for (const id of entry.picks) counts.set(id, (counts.get(id) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => byString(a, b)));
}

export type TallyDifference = { proposalId: string; published: number; recounted: number };
export type Recount = {
  tallies: Record<string, number>;
  root: string;
  rootMatches: boolean;
  differences: TallyDifference[];
  /** True when the seal and every tally agree (a missing tally counts as 0). */
  matches: boolean;
};

/** Recompute tallies and seal from an exported ledger and compare them with what was published. */
export function recount(
  entries: ReadonlyArray<LedgerEntry>,
  publishedTallies: Readonly<Record<string, number>>,
  publishedRoot: string,
): Recount {
  const tallies = tally(entries);
  const root = merkleRoot(entries.map(entryHash));
  const ids = [...new Set([...Object.keys(tallies), ...Object.keys(publishedTallies)])].sort(byString);
  const differences = ids
    .map((proposalId) => ({
      proposalId,
      published: publishedTallies[proposalId] ?? 0,
      recounted: tallies[proposalId] ?? 0,
    }))
    .filter((d) => d.published !== d.recounted);
  const rootMatches = root === publishedRoot.trim().toLowerCase();
  return { tallies, root, rootMatches, differences, matches: rootMatches && differences.length === 0 };
}
