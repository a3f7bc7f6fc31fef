import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignReviewers, pairKey, type AssignmentInput, type AssignmentPlan } from "~/modules/panel/assignment";

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(2, "0")}` }));

/** Reviewers and proposals with a random set of blocked pairs and existing assignments. */
const scenario: fc.Arbitrary<AssignmentInput> = fc
  .record({
    reviewers: fc.integer({ min: 0, max: 7 }),
    proposals: fc.integer({ min: 0, max: 14 }),
    k: fc.integer({ min: 0, max: 4 }),
    sparse: fc.boolean(),
  })
  .chain(({ reviewers, proposals, k, sparse }) => {
    const rs = ids("r", reviewers);
    const ps = ids("p", proposals).map((p, i) => ({ ...p, categoryId: `c${i % 3}` }));
    const pairs = rs.flatMap((r) => ps.map((p) => ({ reviewerId: r.id, proposalId: p.id })));
    return fc
      .record({
        blocked: fc
          .subarray(pairs, sparse ? { maxLength: Math.min(3, pairs.length) } : {})
          .map((b) => new Set(b.map((x) => pairKey(x.reviewerId, x.proposalId)))),
        existing: fc.oneof(fc.constant([]), fc.subarray(pairs, { maxLength: Math.min(6, pairs.length) })),
      })
      .map(({ blocked, existing }) => ({ reviewers: rs, proposals: ps, k, blocked, existing }));
  });

const noExisting = scenario.map((s) => ({ ...s, existing: [] }));

function totals(input: AssignmentInput, plan: AssignmentPlan) {
  const kept = (input.existing ?? []).filter(
    (e) => !plan.ignored.some((i) => i.reviewerId === e.reviewerId && i.proposalId === e.proposalId),
  );
  const all = [...kept, ...plan.assignments];
  const perProposal = new Map(input.proposals.map((p) => [p.id, 0]));
  for (const a of all) perProposal.set(a.proposalId, perProposal.get(a.proposalId)! + 1);
  return { all, kept, perProposal };
}

/** An independent check of balance: could a max-flow fit the same new assignments under a lower cap? */
function fitsUnderCap(input: AssignmentInput, plan: AssignmentPlan, cap: number): boolean {
  const { kept } = totals(input, plan);
  const holds = new Set(kept.map((e) => pairKey(e.reviewerId, e.proposalId)));
  const keptLoad = new Map(input.reviewers.map((r) => [r.id, kept.filter((e) => e.reviewerId === r.id).length]));
  if ([...keptLoad.values()].some((l) => l > cap)) return false;
  const need = new Map(
    input.proposals.map((p) => [p.id, plan.assignments.filter((a) => a.proposalId === p.id).length]),
  );
  const room = new Map(input.reviewers.map((r) => [r.id, cap - keptLoad.get(r.id)!]));
  const owner = new Map<string, string>(); // "slot" -> proposal; simple augmenting paths on unit slots
  const slotsOf = (p: string) => Array.from({ length: need.get(p)! }, (_, i) => `${p}#${i}`);
  const assigned = new Map<string, string[]>(input.reviewers.map((r) => [r.id, []])); // reviewer -> slots
  const can = (r: string, slot: string) => {
    const p = slot.split("#")[0];
    return (
      !input.blocked.has(pairKey(r, p)) &&
      !holds.has(pairKey(r, p)) &&
      !assigned.get(r)!.some((s) => s.split("#")[0] === p)
    );
  };
  const augment = (slot: string, seen: Set<string>): boolean => {
    for (const r of input.reviewers.map((x) => x.id)) {
      if (seen.has(r) || !can(r, slot)) continue;
      seen.add(r);
      if (assigned.get(r)!.length < room.get(r)!) {
        assigned.get(r)!.push(slot);
        owner.set(slot, r);
        return true;
      }
      for (const other of [...assigned.get(r)!]) {
        assigned.set(
          r,
          assigned.get(r)!.filter((s) => s !== other),
        );
        if (can(r, slot) && augment(other, seen)) {
          assigned.get(r)!.push(slot);
          owner.set(slot, r);
          return true;
        }
        assigned.get(r)!.push(other);
      }
    }
    return false;
  };
  return input.proposals.every((p) => slotsOf(p.id).every((slot) => augment(slot, new Set())));
}

/** The smallest sum of squared loads over every assignment that gives each proposal min(K, free) reviewers. */
function bestSquares(input: AssignmentInput): number {
  const choose = (xs: string[], n: number): string[][] =>
    n === 0 ? [[]] : xs.flatMap((x, i) => choose(xs.slice(i + 1), n - 1).map((rest) => [x, ...rest]));
  const options = input.proposals.map((p) => {
    const free = input.reviewers.map((r) => r.id).filter((r) => !input.blocked.has(pairKey(r, p.id)));
    return choose(free, Math.min(input.k, free.length));
  });
  let best = Infinity;
  const walk = (i: number, loads: Map<string, number>) => {
    if (i === options.length) {
      best = Math.min(
        best,
        [...loads.values()].reduce((sum, l) => sum + l * l, 0),
      );
      return;
    }
    for (const pick of options[i]) {
      const next = new Map(loads);
      for (const r of pick) next.set(r, (next.get(r) ?? 0) + 1);
      walk(i + 1, next);
    }
  };
  walk(0, new Map());
  return best;
}

describe("assigning reviewers", () => {
  it("never assigns a blocked pair, nor a reviewer twice to one proposal", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = assignReviewers(input);
        const { all } = totals(input, plan);
        for (const a of plan.assignments) expect(input.blocked.has(pairKey(a.reviewerId, a.proposalId))).toBe(false);
        expect(new Set(all.map((a) => pairKey(a.reviewerId, a.proposalId))).size).toBe(all.length);
      }),
    );
  });

  it("gives each proposal K reviewers when enough reviewers have no conflict, and says why when not", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = assignReviewers(input);
        const { perProposal, kept } = totals(input, plan);
        for (const p of input.proposals) {
          const free = input.reviewers.filter((r) => !input.blocked.has(pairKey(r.id, p.id))).length;
          const keptHere = kept.filter((e) => e.proposalId === p.id).length;
          expect(perProposal.get(p.id)).toBe(Math.max(keptHere, Math.min(input.k, free)));
          const shortfall = plan.shortfalls.find((s) => s.proposalId === p.id);
          expect(Boolean(shortfall)).toBe(perProposal.get(p.id)! < input.k);
          if (shortfall) expect(shortfall).toMatchObject({ wanted: input.k, got: perProposal.get(p.id) });
        }
      }),
    );
  });

  it("keeps loads within one when no pair is blocked", () => {
    fc.assert(
      fc.property(
        noExisting.map((s) => ({ ...s, blocked: new Set<string>() })),
        (input) => {
          const loads = Object.values(assignReviewers(input).loads);
          if (loads.length > 0) expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("keeps the largest load as small as the conflicts allow (checked by an independent matching)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = assignReviewers(input);
        const loads = Object.values(plan.loads);
        if (loads.length === 0 || plan.assignments.length === 0) return;
        expect(fitsUnderCap(input, plan, Math.max(...loads))).toBe(true);
        expect(fitsUnderCap(input, plan, Math.max(...loads) - 1)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("is as balanced as any possible assignment (brute force over small panels)", () => {
    const small = fc
      .record({
        r: fc.integer({ min: 1, max: 4 }),
        p: fc.integer({ min: 1, max: 4 }),
        k: fc.integer({ min: 1, max: 2 }),
      })
      .chain(({ r, p, k }) => {
        const pairs = ids("r", r).flatMap((x) => ids("p", p).map((y) => pairKey(x.id, y.id)));
        return fc
          .subarray(pairs)
          .map((b) => ({ reviewers: ids("r", r), proposals: ids("p", p), k, blocked: new Set(b) }));
      });
    fc.assert(
      fc.property(small, (input) => {
        const squares = (loads: number[]) => loads.reduce((sum, l) => sum + l * l, 0);
        expect(squares(Object.values(assignReviewers(input).loads))).toBe(bestSquares(input));
      }),
      { numRuns: 300 },
    );
  });

  it("reports loads that count existing and new assignments", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = assignReviewers(input);
        const { all } = totals(input, plan);
        for (const r of input.reviewers) expect(plan.loads[r.id]).toBe(all.filter((a) => a.reviewerId === r.id).length);
      }),
    );
  });

  it("is deterministic: the same input in any order gives the same plan", () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: readonly T[]) => {
          const out = [...xs];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const again = {
          ...input,
          reviewers: shuffle(input.reviewers),
          proposals: shuffle(input.proposals),
          existing: shuffle(input.existing ?? []),
        };
        expect(assignReviewers(again)).toEqual(assignReviewers(input));
      }),
    );
  });
});

describe("assigning reviewers: known cases", () => {
  const reviewers = ids("r", 4);
  const proposals = ids("p", 6);

  it("6 proposals × 2 reviewers over 4 reviewers gives loads of 3 each", () => {
    const plan = assignReviewers({ proposals, reviewers, k: 2, blocked: new Set() });
    expect(plan.assignments).toHaveLength(12);
    expect(Object.values(plan.loads)).toEqual([3, 3, 3, 3]);
    expect(plan.shortfalls).toEqual([]);
  });

  it("a proposal with only two conflict-free reviewers gets those two and a plain reason", () => {
    const blocked = new Set([pairKey("r00", "p00"), pairKey("r01", "p00")]);
    const plan = assignReviewers({ proposals, reviewers, k: 3, blocked });
    expect(plan.assignments.filter((a) => a.proposalId === "p00").map((a) => a.reviewerId)).toEqual(["r02", "r03"]);
    expect(plan.shortfalls).toEqual([
      { proposalId: "p00", wanted: 3, got: 2, reason: "Only 2 reviewers have no conflict with this proposal." },
    ]);
  });

  it("explains an empty panel and a proposal every reviewer conflicts with", () => {
    expect(
      assignReviewers({ proposals: [{ id: "p" }], reviewers: [], k: 2, blocked: new Set() }).shortfalls[0].reason,
    ).toBe("There are no reviewers on the panel.");
    const blocked = new Set(reviewers.map((r) => pairKey(r.id, "p00")));
    expect(assignReviewers({ proposals, reviewers, k: 1, blocked }).shortfalls[0].reason).toBe(
      "Every reviewer on the panel has a conflict with this proposal.",
    );
  });

  it("keeps existing assignments, adds only what is missing, counts work elsewhere, and ignores blocked pairs or unknown reviewers", () => {
    const existing = [
      { reviewerId: "r00", proposalId: "p00" },
      { reviewerId: "r00", proposalId: "p00" },
      { reviewerId: "r01", proposalId: "p01" },
      { reviewerId: "gone", proposalId: "p01" },
      { reviewerId: "r02", proposalId: "elsewhere" },
    ];
    const blocked = new Set([pairKey("r01", "p01")]);
    const plan = assignReviewers({ proposals, reviewers, k: 2, blocked, existing });
    expect(plan.assignments.some((a) => a.reviewerId === "r00" && a.proposalId === "p00")).toBe(false);
    expect(plan.assignments.filter((a) => a.proposalId === "p00")).toHaveLength(1);
    expect(plan.ignored.map((i) => i.reason)).toEqual([
      "The pair is listed twice.",
      "The reviewer is not on the panel.",
      "The reviewer has a conflict with this proposal.",
    ]);
    // 12 reviews here (r00 on p00 kept) plus r02's review elsewhere: 13 over 4 reviewers.
    expect(Object.values(plan.loads).sort()).toEqual([3, 3, 3, 4]);
    expect(plan.loads.r02).toBeGreaterThanOrEqual(1);
    expect(plan.assignments.some((a) => a.proposalId === "elsewhere")).toBe(false);
  });

  it("rebalances around conflicts: a chain of hand-overs evens the loads", () => {
    // r00 is the only reviewer free for p00 and p01; the others must take the rest.
    const blocked = new Set(["r01", "r02"].flatMap((r) => [pairKey(r, "p00"), pairKey(r, "p01")]));
    const plan = assignReviewers({ proposals: ids("p", 4), reviewers: ids("r", 3), k: 1, blocked });
    expect(plan.loads).toEqual({ r00: 2, r01: 1, r02: 1 });
  });

  it("moves an assignment the greedy pass gave to a busier reviewer", () => {
    // Greedy: p00 (only r00, r02 and r03 are free) takes r00 and r02; p01 then takes r01 and r00.
    // r03, free for p00, ends idle unless r00 hands p00 over to it.
    const blocked = new Set([pairKey("r01", "p00"), pairKey("r03", "p01")]);
    const plan = assignReviewers({ proposals: ids("p", 2), reviewers: ids("r", 4), k: 2, blocked });
    expect(plan.loads).toEqual({ r00: 1, r01: 1, r02: 1, r03: 1 });
  });

  it("refuses a K that is not a whole number", () => {
    expect(() => assignReviewers({ proposals, reviewers, k: 1.5, blocked: new Set() })).toThrow(RangeError);
  });
});
