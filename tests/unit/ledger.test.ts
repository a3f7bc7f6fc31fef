import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  encodeEntry,
  entryHash,
  leafHash,
  merkleProof,
  merkleRoot,
  normaliseReceiptCode,
  receiptCode,
  receiptMatches,
  sha256,
  tally,
  verifyProof,
  type LedgerEntry,
} from "~/modules/voting/ledger";

// Known vectors, computed outside this code with `printf '%s' TEXT | sha256sum`:
//   sha256("empty")                                   = 2e1cfa82…f10d
//   entry E1 (below), canonical text                  = {"picks":["p1","p2","p3"],"ref":"0123456789abcdef0123456789abcdef","source":"online"}
//   sha256(that text)                                 = 4635322b…c0a2
//   with A = "a" × 64, B = "b" × 64, C = "c" × 64, D = "d" × 64:
//   LA = sha256("leaf:" + A)                          = 6bb76fdb…45c6
//   LB = sha256("leaf:" + B)                          = c329246c…b550
//   LC = sha256("leaf:" + C)                          = 4e132cd5…719e
//   N1 = sha256("node:" + LA + LB)                    = 3d830b85…b433
//   root of {A, B, C} = sha256("node:" + N1 + LC)     = 027b3010…48db (C is promoted)
//   root of {A, B, C, D} = sha256("node:" + N1 + sha256("node:" + LC + LD)) = 65feb028…5fc4
const EMPTY = "2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d";
const E1_HASH = "4635322bb3098dc4295e10437cd337f052d8a7083bff16fe508b508c4083c0a2";
const [A, B, C, D] = ["a", "b", "c", "d"].map((x) => x.repeat(64));
const LA = "6bb76fdb30b4e237adc79678b416fb2e16db55138a28276993f164168cdd45c6";
const ROOT_ABC = "027b30105bd1a34e0731d19c24ce6c3f70255f14f2d5facc21858b50789948db";
const ROOT_ABCD = "65feb0283dfb1d85f2eb5e065bd634c0fe7813cf6d934c4e308f15401ecf5fc4";

const CODE = "8RTK4-AXK16"; // receiptCode(E1_HASH), by the rule unchanged since format 1
const E1: LedgerEntry = { ref: "0123456789abcdef0123456789abcdef", picks: ["p3", "p1", "p2"], source: "online" };

describe("ledger entry encoding (format 2)", () => {
  it("is canonical JSON with sorted keys and sorted picks: no voter reference, version or time", async () => {
    expect(encodeEntry(E1)).toBe(
      '{"picks":["p1","p2","p3"],"ref":"0123456789abcdef0123456789abcdef","source":"online"}',
    );
    expect(await entryHash(E1)).toBe(E1_HASH);
  });

  it("does not depend on the order of the picks or on stray properties", async () => {
    const stray = {
      ...E1,
      picks: ["p2", "p3", "p1"],
      voterRef: "someone",
      at: "2027-05-20T09:00:00.000Z",
    } as LedgerEntry;
    expect(await entryHash(stray)).toBe(E1_HASH);
  });

  it("changes when any field changes (a tampered entry has another hash)", async () => {
    expect(await entryHash({ ...E1, picks: ["p1", "p2", "p4"] })).not.toBe(E1_HASH);
    expect(await entryHash({ ...E1, source: "paper" })).not.toBe(E1_HASH);
    expect(await entryHash({ ...E1, ref: "f".repeat(32) })).not.toBe(E1_HASH);
  });

  it("refuses a reference that is not 32 lower-case hex characters, and repeated picks", () => {
    expect(() => encodeEntry({ ...E1, ref: "v1" })).toThrow(TypeError);
    expect(() => encodeEntry({ ...E1, ref: "A".repeat(32) })).toThrow(TypeError);
    expect(() => encodeEntry({ ...E1, picks: ["p1", "p1"] })).toThrow(TypeError);
  });
});

describe("Merkle seal", () => {
  it("matches the known vectors", async () => {
    expect(EMPTY_ROOT).toBe(EMPTY);
    expect(await sha256("empty")).toBe(EMPTY);
    expect(await merkleRoot([])).toBe(EMPTY);
    expect(await leafHash(A)).toBe(LA);
    expect(await merkleRoot([A])).toBe(LA);
    expect(await merkleRoot([C, A, B])).toBe(ROOT_ABC);
    expect(await merkleRoot([D, B, C, A])).toBe(ROOT_ABCD);
  });

  it("does not depend on the order entries were recorded in", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[0-9a-f]{64}$/), { maxLength: 20 }), async (hashes) => {
        expect(await merkleRoot([...hashes].reverse())).toBe(await merkleRoot(hashes));
      }),
      { numRuns: 50 },
    );
  });

  it("gives a proof for every entry that verifies against the root", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{64}$/), { minLength: 1, maxLength: 40 }),
        async (hashes) => {
          const root = await merkleRoot(hashes);
          for (const h of hashes) expect(await verifyProof(h, await merkleProof(hashes, h), root)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("the proof of C in {A, B, C} is one step: N1 on the left", async () => {
    expect(await merkleProof([A, B, C], C)).toEqual([
      { side: "left", hash: "3d830b85b90ea5450ecd67ac1b4ba8a462f1b1cfc7e1aad6e33c9849391fb433" },
    ]);
  });

  it("a tampered entry fails its proof and changes the seal", async () => {
    const entries = [E1, { ...E1, ref: "1".repeat(32) }, { ...E1, ref: "2".repeat(32), picks: ["p4"] }];
    const hashes = await Promise.all(entries.map(entryHash));
    const root = await merkleRoot(hashes);
    const proof = await merkleProof(hashes, hashes[2]);
    const tampered = await entryHash({ ...entries[2], picks: ["p5"] });
    expect(await verifyProof(tampered, proof, root)).toBe(false);
    const forged = await merkleRoot([hashes[0], hashes[1], tampered]);
    expect(forged).not.toBe(root);
    expect(await verifyProof(hashes[2], proof, forged)).toBe(false);
  });

  it("a proof does not verify a leaf hash given as an entry hash, nor garbage", async () => {
    const root = await merkleRoot([A, B]);
    expect(await verifyProof(await leafHash(A), await merkleProof([A, B], A), root)).toBe(false);
    expect(await verifyProof("not a hash", [], root)).toBe(false);
  });
});

describe("receipt codes", () => {
  it("are the first 50 bits of the entry hash in Crockford base32, grouped in fives", () => {
    // "aaaa…" is the bits 10101 01010 10101 …: 21 is N and 10 is A in 0123456789ABCDEFGHJKMNPQRSTVWXYZ.
    expect(receiptCode(A)).toBe("NANAN-ANANA");
    expect(receiptCode(E1_HASH)).toBe(CODE);
  });

  it("are checked forgivingly: case, spaces, dashes, O for 0 and I or L for 1", () => {
    expect(normaliseReceiptCode(` ${CODE.toLowerCase().replace("-", " ")} `)).toBe(CODE);
    expect(normaliseReceiptCode("1O1O1-IL000")).toBe("10101-11000");
    expect(receiptMatches(E1_HASH, CODE.toLowerCase())).toBe(true);
    expect(receiptMatches(E1_HASH, "NANAN-ANANA")).toBe(false);
    expect(normaliseReceiptCode("8Z9TN-WKWK")).toBeNull();
    expect(normaliseReceiptCode("8Z9TN-WKWKU")).toBeNull();
  });
});

describe("tallies", () => {
  it("count each pick of each published ballot once; proposals with no votes are absent", () => {
    const ref = (n: number) => String(n).repeat(32);
    const entries: LedgerEntry[] = [
      { ref: ref(1), picks: ["p1", "p2"], source: "online" },
      { ref: ref(2), picks: ["p1", "p3"], source: "online" },
      { ref: ref(3), picks: ["p1", "p4"], source: "paper" },
    ];
    expect(tally(entries)).toEqual({ p1: 3, p2: 1, p3: 1, p4: 1 });
    expect(Object.keys(tally(entries))).toEqual(["p1", "p2", "p3", "p4"]);
  });
});
