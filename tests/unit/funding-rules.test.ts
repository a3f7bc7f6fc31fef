import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideFunding,
  ordinal,
  placesByRule,
  type FundingInput,
  type FundingProposal,
} from "~/modules/voting/funding";
import type { FundingRule } from "~/modules/rounds/frozen-settings";

const POUND = 100;
const day = (d: number) => new Date(Date.UTC(2027, 3, d, 12));
const proposal = (
  id: string,
  categoryId: string,
  votes: number,
  pounds: number,
  extra: Partial<FundingProposal> = {},
): FundingProposal => ({
  id,
  categoryId,
  title: `Idea ${id}`,
  votes,
  requestedPence: pounds * POUND,
  calibratedScore: 3,
  submittedAt: day(1),
  ...extra,
});
const byId = (decision: ReturnType<typeof decideFunding>) =>
  Object.fromEntries(decision.outcomes.map((o) => [o.id, o]));

const communities = { id: "comm", name: "Working with communities" };
const digital = { id: "dig", name: "Digital" };

describe("funding rules: the 2019 case, top two-thirds of 18 and 12", () => {
  const commVotes = [250, 230, 212, 200, 190, 180, 170, 160, 150, 140, 130, 120, 110, 97, 90, 80, 70, 60];
  const digVotes = [300, 280, 260, 240, 220, 200, 180, 160, 140, 120, 100, 80];
  const input: FundingInput = {
    rule: { kind: "topFraction", fraction: 2 / 3 },
    potPence: 1_000_000 * POUND,
    categories: [communities, digital],
    proposals: [
      ...commVotes.map((v, i) => proposal(`c${i + 1}`, "comm", v, 30_000)),
      ...digVotes.map((v, i) => proposal(`d${i + 1}`, "dig", v, 30_000)),
    ],
  };
  const decision = decideFunding(input);

  it("funds the top 12 of 18 and the top 8 of 12 (18 × 2/3 is 11.999… in floating point)", () => {
    expect(decision.cutoffs).toEqual([
      { categoryId: "comm", proposals: 18, places: 12, funded: 12 },
      { categoryId: "dig", proposals: 12, places: 8, funded: 8 },
    ]);
    expect(decision.spentPence).toBe(20 * 30_000 * POUND);
  });

  it("explains each outcome with its place, votes and the cut-off", () => {
    const o = byId(decision);
    expect(o.c3.explanation).toBe(
      "Funded: 3rd of 18 in Working with communities with 212 votes; the cut-off was 12th.",
    );
    expect(o.c14.explanation).toBe(
      "Not funded: 14th of 18 in Working with communities with 97 votes; the cut-off was 12th.",
    );
    expect(o.d8).toMatchObject({ funded: true, rank: 8 });
    expect(o.d9).toMatchObject({ funded: false, rank: 9 });
  });
});

describe("funding rules: places per category", () => {
  it.each([
    [18, 12],
    [12, 8],
    [3, 2],
    [2, 1],
    [1, 1],
    [0, 0],
  ])("top two-thirds of %i is %i (at least 1 when there is any proposal)", (n, places) => {
    expect(placesByRule({ kind: "topFraction", fraction: 2 / 3 }, n)).toBe(places);
  });

  it("top N is capped by the number of proposals; fund-all is all; greedy has no cut", () => {
    expect(placesByRule({ kind: "topN", n: 5 }, 3)).toBe(3);
    expect(placesByRule({ kind: "topN", n: 5 }, 9)).toBe(5);
    expect(placesByRule({ kind: "fundAll" }, 7)).toBe(7);
    expect(placesByRule({ kind: "greedyWithinPot" }, 7)).toBeNull();
  });

  it("refuses a fraction outside (0, 1] and an N below 1", () => {
    expect(() => placesByRule({ kind: "topFraction", fraction: 0 }, 3)).toThrow(RangeError);
    expect(() => placesByRule({ kind: "topFraction", fraction: 1.5 }, 3)).toThrow(RangeError);
    expect(() => placesByRule({ kind: "topN", n: 0 }, 3)).toThrow(RangeError);
  });

  it("writes ordinals in English", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
      "112th",
    ]);
  });
});

describe("funding rules: the pot", () => {
  // Round order by votes: x1 300, y1 250, x2 200, y2 100. Top 2 of each is inside the cut-off.
  const proposals = [
    proposal("x1", "comm", 300, 20_000),
    proposal("x2", "comm", 200, 25_000),
    proposal("y1", "dig", 250, 28_000),
    proposal("y2", "dig", 100, 1_000),
  ];

  it("top N: funds in vote order across categories and stops at the first that does not fit", () => {
    // £50,000: x1 (£20,000) leaves £30,000; y1 (£28,000) leaves £2,000; x2 (£25,000) does not fit,
    // so funding stops, and y2 is not funded although its £1,000 would fit.
    const o = byId(
      decideFunding({
        rule: { kind: "topN", n: 2 },
        potPence: 50_000 * POUND,
        categories: [communities, digital],
        proposals,
      }),
    );
    expect([o.x1.funded, o.y1.funded, o.x2.funded, o.y2.funded]).toEqual([true, true, false, false]);
    expect(o.x2.explanation).toBe(
      "Not funded: 2nd of 2 in Working with communities with 200 votes, inside the cut-off of 2nd, but its £25,000 did not fit in the £2,000 left in the pot.",
    );
    expect(o.y2.explanation).toBe(
      "Not funded: 2nd of 2 in Digital with 100 votes, inside the cut-off of 2nd, but the pot ran out before its turn: funding stops at the first proposal, in order of votes across the round, that does not fit.",
    );
    expect(o.y1.roundRank).toBe(2);
  });

  it("fund-all: funds everything that fits, in vote order, and stops at the first that does not", () => {
    const all = decideFunding({
      rule: { kind: "fundAll" },
      potPence: 74_000 * POUND,
      categories: [communities, digital],
      proposals,
    });
    expect(all.outcomes.map((o) => o.funded)).toEqual([true, true, true, true]);
    expect(all.leftPence).toBe(0);
    expect(byId(all).x1.explanation).toBe(
      "Funded: 1st of 2 in Working with communities with 300 votes; the rule funds every shortlisted proposal.",
    );
    const short = byId(
      decideFunding({
        rule: { kind: "fundAll" },
        potPence: 60_000 * POUND,
        categories: [communities, digital],
        proposals,
      }),
    );
    expect([short.x1.funded, short.y1.funded, short.x2.funded, short.y2.funded]).toEqual([true, true, false, false]);
    expect(short.x2.explanation).toBe(
      "Not funded: 2nd of 2 in Working with communities with 200 votes, but its £25,000 did not fit in the £12,000 left in the pot.",
    );
  });

  it("top fraction respects the pot the same way", () => {
    const o = byId(
      decideFunding({
        rule: { kind: "topFraction", fraction: 1 },
        potPence: 48_000 * POUND,
        categories: [communities, digital],
        proposals,
      }),
    );
    expect([o.x1.funded, o.y1.funded, o.x2.funded, o.y2.funded]).toEqual([true, true, false, false]);
  });

  it("greedy within the pot: skips what does not fit and funds a later one that does", () => {
    // £80,000: p1 £20,000 -> £60,000 left; p2 £30,000 -> £30,000; p3 £10,000 -> £20,000;
    // p4 £25,000 does not fit; p5 £28,000 does not fit; p6 £5,000 fits -> £15,000 left.
    const ps = [
      proposal("p1", "comm", 300, 20_000),
      proposal("p2", "dig", 250, 30_000),
      proposal("p3", "comm", 200, 10_000),
      proposal("p4", "dig", 180, 25_000),
      proposal("p5", "comm", 150, 28_000),
      proposal("p6", "dig", 100, 5_000),
    ];
    const decision = decideFunding({
      rule: { kind: "greedyWithinPot" },
      potPence: 80_000 * POUND,
      categories: [communities, digital],
      proposals: ps,
    });
    expect(decision.outcomes.map((o) => o.funded)).toEqual([true, true, true, false, false, true]);
    expect(decision.leftPence).toBe(15_000 * POUND);
    const o = byId(decision);
    expect(o.p5.explanation).toBe(
      "Not funded: ranked 5th of 6 across the round with 150 votes, but its £28,000 did not fit in the £20,000 left in the pot.",
    );
    expect(o.p6.explanation).toBe(
      "Funded: ranked 6th of 6 across the round with 100 votes; its £5,000 fitted in the £20,000 left in the pot.",
    );
    expect(decision.cutoffs).toEqual([
      { categoryId: "comm", proposals: 3, places: null, funded: 2 },
      { categoryId: "dig", proposals: 3, places: null, funded: 2 },
    ]);
  });
});

describe("funding rules: ties", () => {
  const rule: FundingRule = { kind: "topN", n: 1 };

  it("a tie on votes is broken by calibrated panel score, and the explanation says so", () => {
    const o = byId(
      decideFunding({
        rule,
        potPence: 1e6 * POUND,
        categories: [communities],
        proposals: [
          proposal("a", "comm", 120, 10_000, { calibratedScore: 3.42, title: "Allotments" }),
          proposal("b", "comm", 120, 10_000, { calibratedScore: 3.8, title: "Bike repair" }),
        ],
      }),
    );
    expect(o.b).toMatchObject({ funded: true, rank: 1 });
    expect(o.a.explanation).toBe(
      "Not funded: 2nd of 2 in Working with communities with 120 votes; the cut-off was 1st. It tied on 120 votes with “Bike repair”, which was funded: ties are broken by calibrated panel score, and its 3.42 was below 3.80.",
    );
    expect(o.b.explanation).toMatch(
      /It tied on 120 votes with “Allotments”, which was not funded: .* its 3.80 was above 3.42\.$/,
    );
  });

  it("with equal votes and panel scores, the earlier submission goes first", () => {
    const o = byId(
      decideFunding({
        rule,
        potPence: 1e6 * POUND,
        categories: [communities],
        proposals: [
          proposal("late", "comm", 120, 10_000, { submittedAt: day(9) }),
          proposal("early", "comm", 120, 10_000, { submittedAt: day(2) }),
        ],
      }),
    );
    expect(o.early.funded).toBe(true);
    expect(o.late.explanation).toMatch(/the earlier submission went first, and it was submitted later\.$/);
  });

  it("a proposal without a panel score ranks below one with a score in a tie", () => {
    const o = byId(
      decideFunding({
        rule,
        potPence: 1e6 * POUND,
        categories: [communities],
        proposals: [
          proposal("none", "comm", 120, 10_000, { calibratedScore: null }),
          proposal("low", "comm", 120, 10_000, { calibratedScore: 1.2 }),
        ],
      }),
    );
    expect(o.low.funded).toBe(true);
    expect(o.none.explanation).toMatch(/its none was below 1.20\.$/);
  });

  it("a tie that decides nothing is not mentioned", () => {
    const o = byId(
      decideFunding({
        rule: { kind: "topN", n: 2 },
        potPence: 1e6 * POUND,
        categories: [communities],
        proposals: [
          proposal("a", "comm", 120, 10_000),
          proposal("b", "comm", 120, 10_000),
          proposal("c", "comm", 50, 10_000),
        ],
      }),
    );
    expect(o.a.explanation).toBe("Funded: 1st of 3 in Working with communities with 120 votes; the cut-off was 2nd.");
  });
});

describe("funding rules: properties", () => {
  const rules: fc.Arbitrary<FundingRule> = fc.oneof(
    fc.constant<FundingRule>({ kind: "topFraction", fraction: 2 / 3 }),
    fc.integer({ min: 1, max: 4 }).map((n): FundingRule => ({ kind: "topN", n })),
    fc.constant<FundingRule>({ kind: "fundAll" }),
    fc.constant<FundingRule>({ kind: "greedyWithinPot" }),
  );
  const round = fc
    .record({
      rule: rules,
      potPence: fc.integer({ min: 0, max: 200_000 }),
      proposals: fc.array(
        fc.record({
          categoryId: fc.constantFrom("comm", "dig"),
          votes: fc.integer({ min: 0, max: 20 }),
          requestedPence: fc.integer({ min: 0, max: 60_000 }),
          calibratedScore: fc.option(fc.integer({ min: 4, max: 20 }).map((q) => q / 4)),
          day: fc.integer({ min: 1, max: 5 }),
        }),
        { maxLength: 12 },
      ),
    })
    .map(({ rule, potPence, proposals }): FundingInput => ({
      rule,
      potPence,
      categories: [communities, digital],
      proposals: proposals.map((p, i) => ({
        id: `p${i}`,
        categoryId: p.categoryId,
        title: `Idea ${i}`,
        votes: p.votes,
        requestedPence: p.requestedPence,
        calibratedScore: p.calibratedScore,
        submittedAt: day(p.day),
      })),
    }));

  it("never spends more than the pot, funds only inside the cut-off, and explains every outcome", () => {
    fc.assert(
      fc.property(round, (input) => {
        const decision = decideFunding(input);
        const spent = decision.outcomes
          .filter((o) => o.funded)
          .reduce((s, o) => s + input.proposals.find((p) => p.id === o.id)!.requestedPence, 0);
        expect(spent).toBe(decision.spentPence);
        expect(spent).toBeLessThanOrEqual(input.potPence);
        for (const o of decision.outcomes) {
          const cut = decision.cutoffs.find((c) => c.categoryId === o.categoryId)!.places;
          if (cut !== null && o.rank > cut) expect(o.funded).toBe(false);
          expect(o.explanation).toMatch(o.funded ? /^Funded: / : /^Not funded: /);
        }
      }),
    );
  });

  it("with a cut-off rule, no proposal is funded after one with more votes was refused for the pot", () => {
    fc.assert(
      fc.property(
        round.filter((i) => i.rule.kind !== "greedyWithinPot"),
        (input) => {
          const outcomes = [...decideFunding(input).outcomes].sort((a, b) => a.roundRank - b.roundRank);
          const firstRefused = outcomes.find((o) => !o.funded && !o.explanation.includes("; the cut-off was"));
          if (firstRefused)
            for (const o of outcomes) if (o.roundRank > firstRefused.roundRank) expect(o.funded).toBe(false);
        },
      ),
    );
  });

  it("does not depend on the order the proposals are listed in", () => {
    fc.assert(
      fc.property(round, (input) => {
        const reversed = { ...input, proposals: [...input.proposals].reverse() };
        const sortById = (d: ReturnType<typeof decideFunding>) => ({
          ...d,
          outcomes: [...d.outcomes].sort((a, b) => (a.id < b.id ? -1 : 1)),
        });
        expect(sortById(decideFunding(reversed))).toEqual(sortById(decideFunding(input)));
      }),
    );
  });

  it("fund-all with a pot that covers everything funds everything", () => {
    fc.assert(
      fc.property(round, (input) => {
        const total = input.proposals.reduce((s, p) => s + p.requestedPence, 0);
        const decision = decideFunding({ ...input, rule: { kind: "fundAll" }, potPence: total });
        expect(decision.outcomes.every((o) => o.funded)).toBe(true);
      }),
    );
  });

  it("refuses a proposal in an unknown category, a negative pot or fractional pence", () => {
    const base: FundingInput = {
      rule: { kind: "fundAll" },
      potPence: 100,
      categories: [communities],
      proposals: [proposal("a", "comm", 1, 1)],
    };
    expect(() => decideFunding({ ...base, proposals: [proposal("a", "zzz", 1, 1)] })).toThrow(RangeError);
    expect(() => decideFunding({ ...base, potPence: -1 })).toThrow(RangeError);
    expect(() =>
      decideFunding({ ...base, proposals: [{ ...proposal("a", "comm", 1, 1), requestedPence: 0.5 }] }),
    ).toThrow(RangeError);
  });
});
