import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankForShortlist, recommendShortlist, splitSeats } from "~/modules/panel/shortlist";

const seats = (total: number, counts: number[]) =>
  splitSeats(
    total,
    counts.map((count, i) => ({ categoryId: `c${i}`, count })),
  ).map((s) => s.seats);

describe("shortlist seats by largest remainder", () => {
  it("2019: 30 seats between 60 and 40 proposals give 18 and 12", () => {
    expect(seats(30, [60, 40])).toEqual([18, 12]);
  });

  it("30 seats between 47 and 31 proposals: quotas 18.08 and 11.92 give 18 and 12", () => {
    // 30 × 47 = 1410 = 18 × 78 + 6; 30 × 31 = 930 = 11 × 78 + 72. One seat left: remainder 72 wins.
    expect(seats(30, [47, 31])).toEqual([18, 12]);
  });

  it("a tie between equal remainders goes to the category with more proposals", () => {
    // Quotas 1.5, 2.5 and 6: one seat left, remainders tie at 0.5; 25 proposals beat 15.
    expect(seats(10, [15, 25, 60])).toEqual([1, 3, 6]);
  });

  it("a tie between equal remainders and equal counts goes to the category listed first", () => {
    expect(
      splitSeats(1, [
        { categoryId: "a", count: 3 },
        { categoryId: "b", count: 3 },
      ]),
    ).toEqual([
      { categoryId: "a", seats: 1 },
      { categoryId: "b", seats: 0 },
    ]);
    expect(
      splitSeats(1, [
        { categoryId: "b", count: 3 },
        { categoryId: "a", count: 3 },
      ]),
    ).toEqual([
      { categoryId: "b", seats: 1 },
      { categoryId: "a", seats: 0 },
    ]);
  });

  it("equal quotas of 3.333… tie exactly (no floating point), and the first listed wins", () => {
    // 10 × 7 = 70 = 3 × 21 + 7 for each: three seats each, one left over.
    expect(seats(10, [7, 7, 7])).toEqual([4, 3, 3]);
  });

  it("shows the known Alabama behaviour of largest remainder (10 and 11 seats over 6, 6, 2)", () => {
    // Quotas at 10 seats: 4.29, 4.29, 1.43 -> 4, 4, 2. At 11: 4.71, 4.71, 1.57 -> 5, 5, 1.
    expect(seats(10, [6, 6, 2])).toEqual([4, 4, 2]);
    expect(seats(11, [6, 6, 2])).toEqual([5, 5, 1]);
  });

  it("never gives more seats than proposals: 10 seats over 3 and 2 proposals give 3 and 2", () => {
    expect(seats(10, [3, 2])).toEqual([3, 2]);
  });

  it("gives a category with no proposals no seats", () => {
    expect(seats(5, [0, 10])).toEqual([0, 5]);
    expect(seats(0, [4, 10])).toEqual([0, 0]);
    expect(seats(3, [])).toEqual([]);
  });

  it("refuses a category listed twice or a negative count", () => {
    expect(() =>
      splitSeats(3, [
        { categoryId: "a", count: 1 },
        { categoryId: "a", count: 2 },
      ]),
    ).toThrow(RangeError);
    expect(() => splitSeats(3, [{ categoryId: "a", count: -1 }])).toThrow(RangeError);
    expect(() => splitSeats(2.5, [{ categoryId: "a", count: 1 }])).toThrow(RangeError);
  });

  it("fills every seat it can, and each category's seats are its quota rounded down or up", () => {
    const input = fc.record({
      total: fc.integer({ min: 0, max: 60 }),
      counts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(input, ({ total, counts }) => {
        const result = seats(total, counts);
        const sum = counts.reduce((a, b) => a + b, 0);
        expect(result.reduce((a, b) => a + b, 0)).toBe(Math.min(total, sum));
        result.forEach((s, i) => {
          expect(s).toBeLessThanOrEqual(counts[i]);
          if (total < sum) {
            expect(s).toBeGreaterThanOrEqual(Math.floor((total * counts[i]) / sum));
            expect(s).toBeLessThanOrEqual(Math.ceil((total * counts[i]) / sum));
          }
        });
      }),
    );
  });
});

describe("shortlist recommendation", () => {
  const at = (day: number) => new Date(Date.UTC(2027, 3, day));

  it("ranks by calibrated mean, then raw mean, then earlier submission; unreviewed last", () => {
    expect(
      rankForShortlist([
        { id: "unreviewed", calibratedMean: null, rawMean: null, submittedAt: at(1) },
        { id: "late", calibratedMean: 4, rawMean: 3.5, submittedAt: at(9) },
        { id: "early", calibratedMean: 4, rawMean: 3.5, submittedAt: at(2) },
        { id: "higher-raw", calibratedMean: 4, rawMean: 3.9, submittedAt: at(9) },
        { id: "best", calibratedMean: 4.4, rawMean: 3, submittedAt: at(9) },
      ]),
    ).toEqual(["best", "higher-raw", "early", "late", "unreviewed"]);
  });

  it("takes each category's top proposals for its seats and reports seats it cannot fill", () => {
    const recommended = recommendShortlist(
      [
        { categoryId: "a", seats: 2 },
        { categoryId: "b", seats: 3 },
        { categoryId: "c", seats: 1 },
      ],
      [
        { categoryId: "a", proposalIds: ["a1", "a2", "a3"] },
        { categoryId: "b", proposalIds: ["b1", "b2"] },
      ],
    );
    expect(recommended).toEqual([
      { categoryId: "a", proposalIds: ["a1", "a2"], unfilledSeats: 0 },
      { categoryId: "b", proposalIds: ["b1", "b2"], unfilledSeats: 1 },
      { categoryId: "c", proposalIds: [], unfilledSeats: 1 },
    ]);
  });
});
