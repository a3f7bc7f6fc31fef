import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DISAGREEMENT_THRESHOLD,
  calibrate,
  disagrees,
  scoreProposals,
  weightedTotal,
  type ReviewTotal,
} from "~/modules/panel/scoring";

const review = (reviewerId: string, proposalId: string, total: number): ReviewTotal => ({
  reviewerId,
  proposalId,
  total,
});

describe("rubric weighted total", () => {
  const rubric = [
    { id: "impact", weight: 2 },
    { id: "delivery", weight: 1 },
    { id: "learning", weight: 1 },
  ];

  it("is Σ(weight × score) / Σ weight: scores 4, 3, 2 with weights 2, 1, 1 give 13 / 4 = 3.25", () => {
    const scores = [
      { criterionId: "impact", score: 4 },
      { criterionId: "delivery", score: 3 },
      { criterionId: "learning", score: 2 },
    ];
    expect(weightedTotal(rubric, scores)).toBe(3.25);
  });

  it("stays between 1 and 5", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), ([a, b, c]) => {
        const total = weightedTotal(rubric, [
          { criterionId: "impact", score: a },
          { criterionId: "delivery", score: b },
          { criterionId: "learning", score: c },
        ]);
        expect(total).toBeGreaterThanOrEqual(1);
        expect(total).toBeLessThanOrEqual(5);
      }),
    );
  });

  it.each([
    [
      "a missing criterion",
      [
        { criterionId: "impact", score: 4 },
        { criterionId: "delivery", score: 3 },
      ],
    ],
    [
      "a score of 6",
      [
        { criterionId: "impact", score: 6 },
        { criterionId: "delivery", score: 3 },
        { criterionId: "learning", score: 2 },
      ],
    ],
    [
      "a score of 2.5",
      [
        { criterionId: "impact", score: 2.5 },
        { criterionId: "delivery", score: 3 },
        { criterionId: "learning", score: 2 },
      ],
    ],
    [
      "an unknown criterion",
      [
        { criterionId: "impact", score: 4 },
        { criterionId: "delivery", score: 3 },
        { criterionId: "learning", score: 2 },
        { criterionId: "x", score: 2 },
      ],
    ],
  ])("refuses %s", (_, scores) => {
    expect(() => weightedTotal(rubric, scores)).toThrow(RangeError);
  });
});

describe("calibration: the worked example", () => {
  // Six proposals, three reviewers, two reviewers each; every reviewer scores four proposals.
  //           P1   P2   P3   P4   P5   P6    own mean  own sd
  //   A       3    2    3    2    -    -     2.5       0.5   (harsh)
  //   B       5    3    -    -    3    5     4.0       1.0   (generous, wide)
  //   C       -    -    4.5  3.5  4.5  3.5   4.0       0.5   (generous, narrow)
  // Pooled over all 12 totals: sum 42, so M = 3.5. Squared deviations from 3.5:
  //   A: 0.25 + 2.25 + 0.25 + 2.25 = 5;  B: 2.25 + 0.25 + 0.25 + 2.25 = 5;  C: 1 + 0 + 1 + 0 = 2
  //   total 12, / 12 = 1, so S = 1.
  // Calibrated = 3.5 + (x − own mean) / own sd × 1: every score above its reviewer's mean is
  // one sd above it, so it becomes 4.5; every score below becomes 2.5.
  //           raw mean                calibrated mean
  //   P1      (3 + 5) / 2   = 4.00    (4.5 + 4.5) / 2 = 4.5
  //   P2      (2 + 3) / 2   = 2.50    (2.5 + 2.5) / 2 = 2.5
  //   P3      (3 + 4.5) / 2 = 3.75    (4.5 + 4.5) / 2 = 4.5
  //   P4      (2 + 3.5) / 2 = 2.75    (2.5 + 2.5) / 2 = 2.5
  //   P5      (3 + 4.5) / 2 = 3.75    (2.5 + 4.5) / 2 = 3.5
  //   P6      (5 + 3.5) / 2 = 4.25    (4.5 + 2.5) / 2 = 3.5
  // Raw, P6 leads, helped by two generous reviewers; calibrated, P3, scored well by the harsh A,
  // shares the lead with P1, and P6 drops to third. Ranges: P1 is 2 (> 1.5, flagged); P3, P4,
  // P5 and P6 are exactly 1.5 (not flagged: the range must EXCEED the threshold); P2 is 1.
  const reviews = [
    review("A", "P1", 3),
    review("A", "P2", 2),
    review("A", "P3", 3),
    review("A", "P4", 2),
    review("B", "P1", 5),
    review("B", "P2", 3),
    review("B", "P5", 3),
    review("B", "P6", 5),
    review("C", "P3", 4.5),
    review("C", "P4", 3.5),
    review("C", "P5", 4.5),
    review("C", "P6", 3.5),
  ];

  it("pools every total: M = 3.5, S = 1", () => {
    expect(calibrate(reviews).pooled).toEqual({ n: 12, mean: 3.5, sd: 1 });
  });

  it("measures each reviewer against their own mean and spread", () => {
    expect(calibrate(reviews).reviewers).toEqual([
      { reviewerId: "A", n: 4, mean: 2.5, sd: 0.5, method: "standardised" },
      { reviewerId: "B", n: 4, mean: 4, sd: 1, method: "standardised" },
      { reviewerId: "C", n: 4, mean: 4, sd: 0.5, method: "standardised" },
    ]);
  });

  it("gives the raw and calibrated means, range and disagreement flag written out above", () => {
    const rows = scoreProposals(reviews).map((p) => [
      p.proposalId,
      p.reviews,
      p.rawMean,
      p.calibratedMean,
      p.range,
      p.disagreement,
    ]);
    expect(rows).toEqual([
      ["P1", 2, 4, 4.5, 2, true],
      ["P2", 2, 2.5, 2.5, 1, false],
      ["P3", 2, 3.75, 4.5, 1.5, false],
      ["P4", 2, 2.75, 2.5, 1.5, false],
      ["P5", 2, 3.75, 3.5, 1.5, false],
      ["P6", 2, 4.25, 3.5, 1.5, false],
    ]);
  });
});

describe("calibration fallbacks", () => {
  it("a reviewer with two scores is shifted by (pooled mean − own mean), not standardised", () => {
    // A: 4, 5 (mean 4.5); C: 2, 3 (mean 2.5). Pooled mean 14 / 4 = 3.5.
    // A: 4 − 1 = 3, 5 − 1 = 4.  C: 2 + 1 = 3, 3 + 1 = 4.
    const result = calibrate([review("A", "P1", 4), review("A", "P2", 5), review("C", "P1", 2), review("C", "P2", 3)]);
    expect(result.reviews.map((r) => [r.reviewerId, r.calibrated, r.method])).toEqual([
      ["A", 3, "shifted"],
      ["A", 4, "shifted"],
      ["C", 3, "shifted"],
      ["C", 4, "shifted"],
    ]);
  });

  it("a reviewer with three equal scores has no spread, so is shifted onto the pooled mean", () => {
    // A: 4, 4, 4; B: 2, 3, 4. Pooled mean (12 + 9) / 6 = 3.5; A's 4s become 4 + (3.5 − 4) = 3.5.
    const result = calibrate([
      review("A", "P1", 4),
      review("A", "P2", 4),
      review("A", "P3", 4),
      review("B", "P1", 2),
      review("B", "P2", 3),
      review("B", "P3", 4),
    ]);
    expect(result.reviews.filter((r) => r.reviewerId === "A").map((r) => [r.calibrated, r.method])).toEqual([
      [3.5, "shifted"],
      [3.5, "shifted"],
      [3.5, "shifted"],
    ]);
    expect(result.reviews.find((r) => r.reviewerId === "B" && r.proposalId === "P2")).toMatchObject({
      calibrated: 3.5,
      method: "standardised",
    });
  });

  it("a reviewer with one score keeps the raw total", () => {
    const result = calibrate([review("A", "P1", 2), review("A", "P2", 3), review("A", "P3", 4), review("D", "P1", 5)]);
    expect(result.reviews.find((r) => r.reviewerId === "D")).toMatchObject({ calibrated: 5, method: "raw" });
  });

  it("no reviews give an empty calibration", () => {
    expect(calibrate([])).toEqual({ pooled: { n: 0, mean: 0, sd: 0 }, reviewers: [], reviews: [] });
  });

  it("calibration keeps each reviewer's own order of proposals", () => {
    const totals = fc.array(
      fc.record({ r: fc.constantFrom("A", "B", "C"), t: fc.integer({ min: 4, max: 20 }).map((q) => q / 4) }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(totals, (rows) => {
        const result = calibrate(rows.map((x, i) => review(x.r, `P${i}`, x.t))).reviews;
        for (const a of result)
          for (const b of result) {
            if (a.reviewerId === b.reviewerId && a.total < b.total) expect(a.calibrated).toBeLessThan(b.calibrated);
          }
      }),
    );
  });
});

describe("disagreement flag", () => {
  it(`is raised when reviewers' totals span more than ${DISAGREEMENT_THRESHOLD} points`, () => {
    expect(DISAGREEMENT_THRESHOLD).toBe(1.5);
    expect(disagrees([2, 3.75])).toBe(true);
    expect(disagrees([2, 3.5])).toBe(false);
    expect(disagrees([3, 2.5, 4.75])).toBe(true);
  });

  it("is never raised with a single review", () => {
    expect(disagrees([1])).toBe(false);
  });
});
