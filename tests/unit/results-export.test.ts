import { describe, expect, it } from "vitest";
import { fundingLine } from "../../app/components/results-sections";
import { layoutChart, niceMax, ticksFor } from "../../app/modules/voting/chart";
import { entryHash, receiptCode } from "../../app/modules/voting/ledger";
import { csvField, LEDGER_COLUMNS, ledgerCsv, publishedEntry } from "../../app/modules/voting/ledger-export";
import { ReceiptSchema } from "../../app/modules/voting/validation";

describe("the ledger CSV", () => {
  it("has the published columns in a fixed order and one line per entry, picks sorted and space-separated", async () => {
    const ref = "0123456789abcdef0123456789abcdef";
    const e = publishedEntry({
      ref,
      picks: ["p2", "p1"],
      source: "online",
      entryHash: await entryHash({ ref, picks: ["p1", "p2"], source: "online" }),
    });
    const csv = ledgerCsv([e]);
    expect(csv).toBe(
      `ref,picks,source,entry_hash,receipt_code\r\n${ref},p1 p2,online,${e.entryHash},${receiptCode(e.entryHash)}\r\n`,
    );
    expect(LEDGER_COLUMNS).toEqual(["ref", "picks", "source", "entry_hash", "receipt_code"]);
  });

  it("quotes a field with a comma, a quote or a line break (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(3)).toBe("3");
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
