// The published ballot ledger (format 2): the ballots that count, one per voter, each under a
// reference of its own, sealed when voting closes by one Merkle root. Anyone with the published
// files can recount and check the seal (recount-files.ts); a voter can find their ballot by its
// receipt code. Pure and browser-safe: hashing is WebCrypto's SHA-256 (crypto.subtle), which
// Node 20 and every current browser have, so the server, the recount command and the "Verify
// these results" page run this same code.
//
// Entry: { ref, picks, source }. `ref` is 32 random hex characters drawn for this one ballot: it
// names neither the voter nor their other ballots, and carries no time and no version. A ballot
// that a later one from the same voter replaced is kept in the database (append-only) but is not
// sealed or published: nothing public says who replaced a ballot, how often, or when
// (docs/decisions/0013-ballot-secrecy.md).
//
// Hashes are SHA-256, lower-case hex; strings are hashed as UTF-8.
// - entryHash   = sha256(canonical JSON of the entry: keys sorted, picks sorted, no whitespace)
// - leaf        = sha256("leaf:" + entryHash)
// - node        = sha256("node:" + leftHex + rightHex)
// - merkleRoot  : sort the entry hashes ascending, make their leaves, pair them left to right
//                 level by level; an odd node at the end of a level is promoted unchanged.
//                 One entry: its leaf. No entries: sha256("empty").
// - receiptCode : the first 50 bits of the entry hash in Crockford base32, as XXXXX-XXXXX.
import { canonicalJson } from "~/lib/canonical-json";

export const LEDGER_FORMAT = "q-exchange-ledger/2";

export type LedgerSource = "online" | "paper";
export type LedgerEntry = {
  /** 32 lower-case hex characters, random, one per ballot. */
  ref: string;
  /** Proposal ids; stored and hashed sorted. */
  picks: ReadonlyArray<string>;
  source: LedgerSource;
};
export type ProofStep = { side: "left" | "right"; hash: string };

const HEX64 = /^[0-9a-f]{64}$/;
const REF = /^[0-9a-f]{32}$/;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const utf8 = new TextEncoder();

/** SHA-256 of a string's UTF-8 bytes, lower-case hex. */
export async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

export const EMPTY_ROOT = "2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d"; // sha256("empty")

/** Only the entry's fields, picks sorted; refuses anything a recount could read two ways. */
export function normaliseEntry(entry: LedgerEntry): LedgerEntry {
  if (typeof entry.ref !== "string" || !REF.test(entry.ref))
    throw new TypeError(`ledger entry: ref must be 32 lower-case hex characters, got ${String(entry.ref)}`);
  if (entry.source !== "online" && entry.source !== "paper")
    throw new TypeError(`ledger entry: unknown source ${String(entry.source)}`);
  if (!Array.isArray(entry.picks)) throw new TypeError("ledger entry: picks must be a list");
  const picks = [...entry.picks].sort(byString);
  if (picks.some((id, i) => typeof id !== "string" || id === "" || id === picks[i - 1]))
    throw new TypeError("ledger entry: picks must be distinct proposal ids");
  return { ref: entry.ref, picks, source: entry.source };
}

/** The canonical text that is hashed. */
export function encodeEntry(entry: LedgerEntry): string {
  return canonicalJson(normaliseEntry(entry));
}

export function entryHash(entry: LedgerEntry): Promise<string> {
  return sha256(encodeEntry(entry));
}

export function leafHash(hash: string): Promise<string> {
  return sha256(`leaf:${checkHash(hash)}`);
}

const nodeHash = (left: string, right: string) => sha256(`node:${left}${right}`);

function checkHash(hash: string): string {
  if (!HEX64.test(hash)) throw new TypeError(`not a lower-case SHA-256 hex digest: ${hash}`);
  return hash;
}

/** Every level of the tree, leaves first; leaves are the sorted entry hashes' leaf hashes. */
async function levels(sortedHashes: ReadonlyArray<string>): Promise<string[][]> {
  const out = [await Promise.all(sortedHashes.map(leafHash))];
  while (out[out.length - 1].length > 1) {
    const level = out[out.length - 1];
    const next: Array<Promise<string>> = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : Promise.resolve(level[i]));
    out.push(await Promise.all(next));
  }
  return out;
}

/** The seal of a ledger from its entry hashes, in any order. */
export async function merkleRoot(hashes: ReadonlyArray<string>): Promise<string> {
  if (hashes.length === 0) return EMPTY_ROOT;
  const tree = await levels([...hashes].sort(byString));
  return tree[tree.length - 1][0];
}

/** The proof that `hash` is in the tree of `hashes`: sibling hashes from the leaf up to the root. */
export async function merkleProof(hashes: ReadonlyArray<string>, hash: string): Promise<ProofStep[]> {
  const sorted = [...hashes].sort(byString);
  let position = sorted.indexOf(hash);
  if (position < 0) throw new RangeError(`merkleProof: ${hash} is not in the ledger`);
  const proof: ProofStep[] = [];
  for (const level of (await levels(sorted)).slice(0, -1)) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) proof.push({ side: position % 2 === 0 ? "right" : "left", hash: level[sibling] });
    position = Math.floor(position / 2);
  }
  return proof;
}

/** Whether an ENTRY hash (not its leaf) with this proof leads to the root. */
export async function verifyProof(hash: string, proof: ReadonlyArray<ProofStep>, root: string): Promise<boolean> {
  if (!HEX64.test(hash)) return false;
  let h = await leafHash(hash);
  for (const step of proof) {
    if (!HEX64.test(step.hash)) return false;
    h = step.side === "right" ? await nodeHash(h, step.hash) : await nodeHash(step.hash, h);
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

/** Votes per proposal, keys sorted: each pick of each (counting) entry is one vote. Proposals with no votes are absent. */
export function tally(entries: ReadonlyArray<LedgerEntry>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) for (const id of entry.picks) counts.set(id, (counts.get(id) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => byString(a, b)));
}
