import { describe, expect, it } from "vitest";
import { fundingLine } from "../../app/components/results-sections";
import { layoutChart, niceMax, ticksFor } from "../../app/modules/voting/chart";
import { entryHash, merkleRoot, receiptCode, recount, tally, type LedgerEntry } from "../../app/modules/voting/ledger";
import {
  csvField,
  entriesOfDocument,
  exportedEntry,
  LEDGER_COLUMNS,
  ledgerCsv,
} from "../../app/modules/voting/ledger-export";
import { ReceiptSchema } from "../../app/modules/voting/validation";

const entry = (
  voterRef: string,
  version: number,
  picks: string[],
  minute = 0,
  source: "online" | "paper" = "online",
): LedgerEntry => ({ voterRef, version, picks, at: new Date(Date.UTC(2027, 4, 20, 9, minute)).toISOString(), source });

describe("the ledger CSV", () => {
  it("has the published columns in a fixed order and one line per entry, picks sorted and space-separated", () => {
    const e = exportedEntry(entry("ref-1", 2, ["p2", "p1"], 5));
    const csv = ledgerCsv([e]);
    expect(csv).toBe(
      `voter_ref,version,picks,at,source,entry_hash,receipt_code\r\nref-1,2,p1 p2,2027-05-20T09:05:00.000Z,online,${e.entryHash},${receiptCode(e.entryHash)}\r\n`,
    );
    expect(LEDGER_COLUMNS).toEqual(["voter_ref", "version", "picks", "at", "source", "entry_hash", "receipt_code"]);
  });

  it("quotes a field with a comma, a quote or a line break (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(3)).toBe("3");
  });
});

describe("the JSON download read back for a recount", () => {
  it("an exported entry carries its hash and receipt, and reading it back gives the same entry", () => {
    const original = entry("ref-1", 1, ["b", "a"], 1, "paper");
    const exported = exportedEntry(original);
    expect(exported.entryHash).toBe(entryHash(original));
    const [back] = entriesOfDocument({ entries: [exported] });
    expect(entryHash(back)).toBe(exported.entryHash);
  });

  it("refuses something that is not a ledger download", () => {
    expect(() => entriesOfDocument({ rows: [] })).toThrow(/no entries/);
    expect(() => entriesOfDocument(null)).toThrow(/no entries/);
  });

  it("property: for any seeded ledger, export -> JSON text -> read back recounts to the tallies and the seal", () => {
    // A small seeded generator (mulberry32), so a failure names the seed that reproduces it.
    const rng = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const proposals = ["p1", "p2", "p3", "p4", "p5", "p6"];
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const versions = new Map<string, number>();
      const entries: LedgerEntry[] = [];
      for (let i = 0, n = Math.floor(random() * 40); i < n; i++) {
        const paper = random() < 0.2;
        const voterRef = paper ? `paper-${seed}-${i}` : `v${Math.floor(random() * 8)}`;
        versions.set(voterRef, (versions.get(voterRef) ?? 0) + 1);
        const picks = proposals.filter(() => random() < 0.4);
        entries.push(
          entry(voterRef, versions.get(voterRef)!, picks, Math.floor(random() * 60), paper ? "paper" : "online"),
        );
      }
      const published = tally(entries);
      const root = merkleRoot(entries.map(entryHash));
      const text = JSON.stringify({ entries: entries.map(exportedEntry) });
      const result = recount(entriesOfDocument(JSON.parse(text)), published, root);
      expect(result, `seed ${seed}`).toMatchObject({ matches: true, root, tallies: published });
    }
  });
});

describe("the results chart", () => {
  it("scales to a round top just above the largest value", () => {
    expect([0, 1, 3, 7, 12, 27, 212, 500, 501].map(niceMax)).toEqual([1, 1, 3, 8, 15, 30, 250, 500, 600]);
    expect(ticksFor(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticksFor(30)).toEqual([0, 6, 12, 18, 24, 30]);
    expect(ticksFor(500)).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it("draws bars in order, proportional to votes, with the funding line after the funded places", () => {
    const chart = layoutChart(
      [
        { id: "a", label: "A", votes: 40, funded: true },
        { id: "b", label: "B", votes: 20, funded: true },
        { id: "c", label: "C", votes: 0, funded: false },
      ],
      2,
    );
    expect(chart.max).toBe(40);
    expect(chart.bars.map((b) => b.width / chart.plot.width)).toEqual([1, 0.5, 0]);
    expect(chart.bars[0].y).toBeLessThan(chart.bars[1].y);
    expect(chart.fundingLineY).toBeGreaterThan(chart.bars[1].y + chart.bars[1].height);
    expect(chart.fundingLineY).toBeLessThan(chart.bars[2].y);
    expect(chart.height).toBeGreaterThan(chart.plot.y + chart.plot.height);
  });

  it("has no funding line when every proposal or none is funded", () => {
    const bars = [{ id: "a", label: "A", votes: 1, funded: true }];
    expect(layoutChart(bars, 1).fundingLineY).toBeNull();
    expect(layoutChart(bars, 0).fundingLineY).toBeNull();
  });

  it("the funding line falls after the run of funded proposals at the top", () => {
    expect(fundingLine([{ funded: true }, { funded: true }, { funded: false }, { funded: true }])).toBe(2);
    expect(fundingLine([{ funded: true }])).toBe(1);
    expect(fundingLine([])).toBe(0);
  });
});

describe("the receipt code field", () => {
  it("accepts a code in any case with spaces, and explains a malformed one", () => {
    expect(ReceiptSchema.parse({ code: " 7kq2m xw9fd " })).toEqual({ code: "7KQ2M-XW9FD" });
    const empty = ReceiptSchema.safeParse({ code: "" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toMatch(/Enter your receipt code/);
    const bad = ReceiptSchema.safeParse({ code: "ABC" });
    expect(bad.error?.issues[0].message).toMatch(/10 letters and numbers/);
  });
});
