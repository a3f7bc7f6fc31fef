import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  countingEntries,
  encodeEntry,
  entryHash,
  leafHash,
  merkleProof,
  merkleRoot,
  normaliseReceiptCode,
  receiptCode,
  receiptMatches,
  recount,
  tally,
  verifyProof,
  type LedgerEntry,
} from "~/modules/voting/ledger";

// Known vectors, computed outside this code with `printf '%s' TEXT | sha256sum`:
//   sha256("empty")                                   = 2e1cfa82…f10d
//   entry E1 (below), canonical text                  = {"at":"2027-05-20T09:00:00.000Z","picks":["p1","p2","p3"],"source":"online","version":1,"voterRef":"v1"}
//   sha256(that text)                                 = 47d3aaf2…8acb
//   with A = "a" × 64, B = "b" × 64, C = "c" × 64, D = "d" × 64:
//   LA = sha256("leaf:" + A)                          = 6bb76fdb…45c6
//   LB = sha256("leaf:" + B)                          = c329246c…b550
//   LC = sha256("leaf:" + C)                          = 4e132cd5…719e
//   N1 = sha256("node:" + LA + LB)                    = 3d830b85…b433
//   root of {A, B, C} = sha256("node:" + N1 + LC)     = 027b3010…48db (C is promoted)
//   root of {A, B, C, D} = sha256("node:" + N1 + sha256("node:" + LC + LD)) = 65feb028…5fc4
const EMPTY = "2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d";
const E1_HASH = "47d3aaf27c9fdffdc1186f6057feee0ff74c3baac7be6bd0fd036558d01d8acb";
const [A, B, C, D] = ["a", "b", "c", "d"].map((x) => x.repeat(64));
const LA = "6bb76fdb30b4e237adc79678b416fb2e16db55138a28276993f164168cdd45c6";
const ROOT_ABC = "027b30105bd1a34e0731d19c24ce6c3f70255f14f2d5facc21858b50789948db";
const ROOT_ABCD = "65feb0283dfb1d85f2eb5e065bd634c0fe7813cf6d934c4e308f15401ecf5fc4";

const E1: LedgerEntry = {
  voterRef: "v1",
  version: 1,
  picks: ["p3", "p1", "p2"],
  at: "2027-05-20T09:00:00.000Z",
  source: "online",
};

describe("ledger entry encoding", () => {
  it("is canonical JSON with sorted keys and sorted picks", () => {
    expect(encodeEntry(E1)).toBe(
      '{"at":"2027-05-20T09:00:00.000Z","picks":["p1","p2","p3"],"source":"online","version":1,"voterRef":"v1"}',
    );
    expect(entryHash(E1)).toBe(E1_HASH);
  });

  it("does not depend on the order of the picks or on stray properties", () => {
    const stray = { ...E1, picks: ["p2", "p3", "p1"], member: "someone" } as LedgerEntry;
    expect(entryHash(stray)).toBe(E1_HASH);
  });

  it("changes when any field changes (a tampered entry has another hash)", () => {
    expect(entryHash({ ...E1, picks: ["p1", "p2", "p4"] })).not.toBe(E1_HASH);
    expect(entryHash({ ...E1, source: "paper" })).not.toBe(E1_HASH);
    expect(entryHash({ ...E1, version: 2 })).not.toBe(E1_HASH);
  });

  it("refuses a time that is not canonical ISO UTC, a version below 1 and repeated picks", () => {
    expect(() => entryHash({ ...E1, at: "2027-05-20T10:00:00+01:00" })).toThrow(TypeError);
    expect(() => entryHash({ ...E1, version: 0 })).toThrow(TypeError);
    expect(() => entryHash({ ...E1, picks: ["p1", "p1"] })).toThrow(TypeError);
  });
});

describe("Merkle seal", () => {
  it("matches the known vectors", () => {
    expect(EMPTY_ROOT).toBe(EMPTY);
    expect(merkleRoot([])).toBe(EMPTY);
    expect(leafHash(A)).toBe(LA);
    expect(merkleRoot([A])).toBe(LA);
    expect(merkleRoot([C, A, B])).toBe(ROOT_ABC);
    expect(merkleRoot([D, B, C, A])).toBe(ROOT_ABCD);
  });

  it("does not depend on the order entries were recorded in", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-f]{64}$/), { maxLength: 20 }), (hashes) => {
        expect(merkleRoot([...hashes].reverse())).toBe(merkleRoot(hashes));
      }),
    );
  });

  it("gives a proof for every entry that verifies against the root", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-f]{64}$/), { minLength: 1, maxLength: 40 }), (hashes) => {
        const root = merkleRoot(hashes);
        hashes.forEach((h, i) => expect(verifyProof(h, merkleProof(hashes, i), root)).toBe(true));
      }),
    );
  });

  it("the proof of C in {A, B, C} is one step: N1 on the left", () => {
    expect(merkleProof([A, B, C], 2)).toEqual([
      { side: "left", hash: "3d830b85b90ea5450ecd67ac1b4ba8a462f1b1cfc7e1aad6e33c9849391fb433" },
    ]);
  });

  it("a tampered entry fails its proof and changes the seal", () => {
    const entries = [E1, { ...E1, voterRef: "v2" }, { ...E1, voterRef: "v3", picks: ["p4"] }];
    const hashes = entries.map(entryHash);
    const root = merkleRoot(hashes);
    const tampered = entryHash({ ...entries[2], picks: ["p5"] });
    expect(verifyProof(tampered, merkleProof(hashes, 2), root)).toBe(false);
    expect(merkleRoot([hashes[0], hashes[1], tampered])).not.toBe(root);
    expect(verifyProof(hashes[2], merkleProof(hashes, 2), merkleRoot([hashes[0], hashes[1], tampered]))).toBe(false);
  });

  it("a proof does not verify a leaf hash given as an entry hash, nor garbage", () => {
    const root = merkleRoot([A, B]);
    expect(verifyProof(leafHash(A), merkleProof([A, B], 0), root)).toBe(false);
    expect(verifyProof("not a hash", [], root)).toBe(false);
  });
});

describe("receipt codes", () => {
  it("are the first 50 bits of the entry hash in Crockford base32, grouped in fives", () => {
    // "aaaa…" is the bits 10101 01010 10101 …: 21 is N and 10 is A in 0123456789ABCDEFGHJKMNPQRSTVWXYZ.
    expect(receiptCode(A)).toBe("NANAN-ANANA");
    expect(receiptCode(E1_HASH)).toBe("8Z9TN-WKWKZ");
  });

  it("are checked forgivingly: case, spaces, dashes, O for 0 and I or L for 1", () => {
    expect(normaliseReceiptCode(" 8z9tn wkwkz ")).toBe("8Z9TN-WKWKZ");
    expect(normaliseReceiptCode("1O1O1-IL000")).toBe("10101-11000");
    expect(receiptMatches(E1_HASH, "8z9tn-wkwkz")).toBe(true);
    expect(receiptMatches(E1_HASH, "8Z9TN-WKWK0")).toBe(false);
    expect(normaliseReceiptCode("8Z9TN-WKWK")).toBeNull();
    expect(normaliseReceiptCode("8Z9TN-WKWKU")).toBeNull();
  });
});

describe("tallies: the last ballot counts", () => {
  const at = (minute: number) => new Date(Date.UTC(2027, 4, 20, 9, minute)).toISOString();
  const entries: LedgerEntry[] = [
    { voterRef: "v1", version: 1, picks: ["p1", "p2"], at: at(0), source: "online" },
    { voterRef: "v2", version: 1, picks: ["p1", "p3"], at: at(1), source: "online" },
    { voterRef: "v1", version: 2, picks: ["p3", "p4"], at: at(2), source: "online" },
    { voterRef: "paper-1", version: 1, picks: ["p1", "p4"], at: at(3), source: "paper" },
  ];

  it("counts only each voter's highest version: a replaced ballot leaves no trace in the tallies", () => {
    expect(tally(entries)).toEqual({ p1: 2, p3: 2, p4: 2 });
    expect(tally([entries[2], entries[0]])).toEqual({ p3: 1, p4: 1 });
  });

  it("the seal covers every entry, superseded ones too", () => {
    expect(merkleRoot(entries.map(entryHash))).not.toBe(merkleRoot(countingEntries(entries).map(entryHash)));
  });

  it("a recount against what was published matches, and names every difference when not", () => {
    const root = merkleRoot(entries.map(entryHash));
    expect(recount(entries, { p1: 2, p3: 2, p4: 2, p9: 0 }, root)).toMatchObject({
      matches: true,
      rootMatches: true,
      differences: [],
    });
    const wrong = recount(entries, { p1: 3, p3: 2 }, root);
    expect(wrong.matches).toBe(false);
    expect(wrong.differences).toEqual([
      { proposalId: "p1", published: 3, recounted: 2 },
      { proposalId: "p4", published: 0, recounted: 2 },
    ]);
    expect(recount(entries.slice(1), tally(entries.slice(1)), root)).toMatchObject({
      matches: false,
      rootMatches: false,
      differences: [],
    });
  });
});

describe("recount property", () => {
  const ledger = fc
    .array(
      fc.record({
        voter: fc.integer({ min: 0, max: 6 }),
        picks: fc.uniqueArray(fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6"), { maxLength: 3 }),
        minute: fc.integer({ min: 0, max: 59 }),
        paper: fc.boolean(),
      }),
      { maxLength: 30 },
    )
    .map((rows) => {
      const versions = new Map<string, number>();
      return rows.map((row, i): LedgerEntry => {
        const voterRef = row.paper ? `paper-${i}` : `v${row.voter}`;
        versions.set(voterRef, (versions.get(voterRef) ?? 0) + 1);
        return {
          voterRef,
          version: versions.get(voterRef)!,
          picks: row.picks,
          at: new Date(Date.UTC(2027, 4, 20, 9, row.minute)).toISOString(),
          source: row.paper ? "paper" : "online",
        };
      });
    });

  /** An independent model: walk the ledger in recording order; each voter's newest ballot replaces the older. */
  const model = (entries: LedgerEntry[]) => {
    const ballots = new Map<string, ReadonlyArray<string>>();
    for (const e of entries) ballots.set(e.voterRef, e.picks);
    const counts: Record<string, number> = {};
    for (const picks of ballots.values()) for (const p of picks) counts[p] = (counts[p] ?? 0) + 1;
    return counts;
  };

  it("a recount of any generated ledger, in any order, equals the tallies and the seal", () => {
    fc.assert(
      fc.property(ledger, fc.boolean(), (entries, reverse) => {
        const published = model(entries);
        const root = merkleRoot(entries.map(entryHash));
        const exported = reverse ? [...entries].reverse() : entries;
        const result = recount(exported, published, root);
        expect(result.tallies).toEqual(published);
        expect(result).toMatchObject({ matches: true, root });
      }),
    );
  });
});
