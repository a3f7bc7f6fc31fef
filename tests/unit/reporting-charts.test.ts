import { describe, expect, it } from "vitest";
import {
  areaPath,
  bands,
  cumulative,
  labelEvery,
  linePath,
  niceMax,
  scale,
  stack,
  ticks,
} from "~/components/charts/geometry";
import { busiestDay, daysBetween, fillDays, londonDay, runningTotals, shortDay } from "~/modules/reporting/series";

describe("chart scales", () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [180, 200],
    [250, 500],
    [50_000_000, 50_000_000],
    [0.3, 0.5],
  ])("the axis of data up to %d ends at the nice number %d", (max, nice) => {
    expect(niceMax(max)).toBe(nice);
  });

  it("gridlines run from 0 to the nice maximum in whole steps for small counts", () => {
    expect(ticks(3)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(0)).toEqual([0, 1]);
    expect(ticks(180)).toEqual([0, 50, 100, 150, 200]);
    expect(ticks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(50_000_000)).toEqual([0, 12_500_000, 25_000_000, 37_500_000, 50_000_000]);
  });

  it("a scale maps the domain onto the length and clamps what falls outside", () => {
    const x = scale(200, 400);
    expect(x(0)).toBe(0);
    expect(x(100)).toBe(200);
    expect(x(300)).toBe(400);
    expect(x(-5)).toBe(0);
    expect(scale(0, 100)(0)).toBe(0);
  });
});

describe("bars, stacks and lines", () => {
  it("bands divide the length equally, each centred in its slot", () => {
    const b = bands(4, 400, 0.25);
    expect(b).toHaveLength(4);
    expect(b[0]).toEqual({ start: 12.5, size: 75 });
    expect(b[3].start + b[3].size).toBeCloseTo(387.5);
    expect(bands(0, 400)).toEqual([]);
  });

  it("stacked segments follow each other and add up to the bar's total", () => {
    const x = scale(10, 100);
    const segments = stack([2, 3, 0, 5], x);
    expect(segments.map((s) => [s.start, s.size])).toEqual([
      [0, 20],
      [20, 30],
      [50, 0],
      [50, 50],
    ]);
  });

  it("labels are thinned so that at most the maximum show", () => {
    expect(labelEvery(8, 8)).toBe(1);
    expect(labelEvery(21, 8)).toBe(3);
    expect(labelEvery(90, 8)).toBe(12);
  });

  it("a line path visits each point in order; the area closes down to the baseline", () => {
    const points = [
      { x: 0, y: 10 },
      { x: 5, y: 2.333 },
      { x: 10, y: 0 },
    ];
    expect(linePath(points)).toBe("M0 10 L5 2.33 L10 0");
    expect(areaPath(points, 20)).toBe("M0 10 L5 2.33 L10 0 L10 20 L0 20 Z");
    expect(linePath([])).toBe("");
    expect(areaPath([], 20)).toBe("");
  });

  it("running totals add up step by step", () => {
    expect(cumulative([1, 0, 2, 4])).toEqual([1, 1, 3, 7]);
  });
});

describe("days in London", () => {
  it("an instant belongs to its London calendar day (BST moves late evenings UTC to the next day)", () => {
    expect(londonDay(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(londonDay(new Date("2027-01-31T23:30:00Z"))).toBe("2027-01-31");
  });

  it("every day of a range is listed, across a month end and the clock change", () => {
    expect(daysBetween("2027-03-27", "2027-04-02")).toEqual([
      "2027-03-27",
      "2027-03-28",
      "2027-03-29",
      "2027-03-30",
      "2027-03-31",
      "2027-04-01",
      "2027-04-02",
    ]);
    expect(daysBetween("2027-03-02", "2027-03-01")).toEqual([]);
  });

  it("quiet days count as zero, and the range grows to cover data outside it", () => {
    const filled = fillDays(
      [
        { day: "2027-03-03", count: 2 },
        { day: "2027-03-06", count: 9 },
      ],
      { first: "2027-03-02", last: "2027-03-05" },
    );
    expect(filled).toEqual([
      { day: "2027-03-02", count: 0 },
      { day: "2027-03-03", count: 2 },
      { day: "2027-03-04", count: 0 },
      { day: "2027-03-05", count: 0 },
      { day: "2027-03-06", count: 9 },
    ]);
    expect(fillDays([], { first: "2027-03-02", last: "2027-03-05" })).toEqual([]);
  });

  it("the busiest day is the one with the most, the later one on a tie (the deadline rush)", () => {
    expect(
      busiestDay([
        { day: "a", count: 3 },
        { day: "b", count: 5 },
        { day: "c", count: 5 },
        { day: "d", count: 1 },
      ]),
    ).toEqual({ day: "c", count: 5 });
    expect(busiestDay([{ day: "a", count: 0 }])).toBeNull();
  });

  it("turnout counts up from each day's new voters", () => {
    expect(
      runningTotals([
        { day: "x", count: 2 },
        { day: "y", count: 0 },
        { day: "z", count: 3 },
      ]).map((d) => d.total),
    ).toEqual([2, 2, 5]);
    expect(shortDay("2027-03-04")).toBe("4 Mar");
  });
});
