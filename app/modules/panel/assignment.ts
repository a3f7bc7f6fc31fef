// "Give every proposal K reviewers": a pure, deterministic assignment of reviewers to proposals.
//
// What is guaranteed (tests/unit/panel-assignment.test.ts checks each):
// 1. Never a blocked pair, never one reviewer twice on a proposal; existing pairs are kept.
// 2. Every proposal ends with min(K, reviewers free of a conflict with it) reviewers, existing
//    ones included: as many as is possible. Each proposal that falls short is explained.
// 3. Loads (existing assignments included) are as even as the conflicts allow: no reviewer could
//    pass one new assignment, directly or along a chain of hand-overs, to a reviewer with at least
//    two fewer. Such an assignment is the most balanced there is (the largest load is as small as
//    possible and the smallest as large as possible). With no conflicts and no existing
//    assignments, loads differ by at most one.
// 4. The same input gives the same output, whatever the order of its lists.
//
// How: a greedy pass (most constrained proposal first, least-loaded reviewer first, preferring a
// reviewer who has seen fewer proposals of that category, so each reviewer's scores cover a mix
// and calibrate better), then a balancing pass that moves new assignments along improving chains
// until none is left. Each move lowers the sum of squared loads, so it ends.

export type AssignmentPair = { reviewerId: string; proposalId: string };
export type AssignmentShortfall = { proposalId: string; wanted: number; got: number; reason: string };
export type IgnoredPair = AssignmentPair & { reason: string };

export type AssignmentInput = {
  proposals: ReadonlyArray<{ id: string; categoryId?: string | null }>;
  reviewers: ReadonlyArray<{ id: string }>;
  /** Reviewers wanted per proposal, an integer ≥ 0. */
  k: number;
  /** Pairs that must never be assigned, as `pairKey(reviewerId, proposalId)`. */
  blocked: ReadonlySet<string>;
  /**
   * Assignments already made (by an earlier run or by an admin); they are kept and counted. Pairs
   * for proposals not in `proposals` (another category, say) count toward the reviewer's load.
   */
  existing?: ReadonlyArray<AssignmentPair>;
};

export type AssignmentPlan = {
  /** The NEW pairs to add, sorted by proposal then reviewer; existing pairs are not repeated. */
  assignments: AssignmentPair[];
  /** Proposals left with fewer than K reviewers, and why. */
  shortfalls: AssignmentShortfall[];
  /** Every panel reviewer's load afterwards, existing assignments included. */
  loads: Record<string, number>;
  /** Existing pairs that were not counted (blocked, reviewer not on the panel, repeated): remove them. */
  ignored: IgnoredPair[];
};

/** The key of a reviewer–proposal pair in `blocked`. */
export const pairKey = (reviewerId: string, proposalId: string) => `${reviewerId}:${proposalId}`;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function assignReviewers(input: AssignmentInput): AssignmentPlan {
  const { k, blocked } = input;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`assignReviewers: k must be a whole number ≥ 0, got ${k}`);

  const reviewers = [...new Set(input.reviewers.map((r) => r.id))].sort(byString);
  const category = new Map<string, string>();
  for (const p of input.proposals) if (!category.has(p.id)) category.set(p.id, p.categoryId ?? "");
  const proposals = [...category.keys()].sort(byString);
  const isBlocked = (r: string, p: string) => blocked.has(pairKey(r, p));

  const holders = new Map<string, Set<string>>(proposals.map((p) => [p, new Set<string>()]));
  const load = new Map<string, number>(reviewers.map((r) => [r, 0]));
  const seen = new Map<string, number>(); // reviewer|category -> how many of that category
  const seenKey = (r: string, p: string) => `${r}|${category.get(p)}`;
  const give = (r: string, p: string) => {
    holders.get(p)!.add(r);
    load.set(r, load.get(r)! + 1);
    seen.set(seenKey(r, p), (seen.get(seenKey(r, p)) ?? 0) + 1);
  };
  const take = (r: string, p: string) => {
    holders.get(p)!.delete(r);
    load.set(r, load.get(r)! - 1);
    seen.set(seenKey(r, p), seen.get(seenKey(r, p))! - 1);
  };

  const ignored = keepExisting(input.existing ?? [], { holders, load, isBlocked, give });
  const fixed = new Set((input.existing ?? []).map((e) => pairKey(e.reviewerId, e.proposalId)));
  const eligible = new Map(proposals.map((p) => [p, reviewers.filter((r) => !isBlocked(r, p))]));

  // Greedy: the proposals with the least room to spare choose first.
  const slack = (p: string) => eligible.get(p)!.length - k;
  for (const p of [...proposals].sort((a, b) => slack(a) - slack(b) || byString(a, b))) {
    const need = k - holders.get(p)!.size;
    if (need <= 0) continue;
    const candidates = eligible.get(p)!.filter((r) => !holders.get(p)!.has(r));
    candidates.sort(
      (a, b) =>
        load.get(a)! - load.get(b)! ||
        (seen.get(seenKey(a, p)) ?? 0) - (seen.get(seenKey(b, p)) ?? 0) ||
        byString(a, b),
    );
    for (const r of candidates.slice(0, need)) give(r, p);
  }

  balance({ reviewers, proposals, holders, load, fixed, isBlocked, give, take });

  const assignments: AssignmentPair[] = [];
  const shortfalls: AssignmentShortfall[] = [];
  for (const p of proposals) {
    const got = holders.get(p)!;
    for (const r of [...got].sort(byString))
      if (!fixed.has(pairKey(r, p))) assignments.push({ reviewerId: r, proposalId: p });
    if (got.size < k)
      shortfalls.push({
        proposalId: p,
        wanted: k,
        got: got.size,
        reason: shortfallReason(reviewers.length, eligible.get(p)!.length),
      });
  }
  return { assignments, shortfalls, loads: Object.fromEntries(load), ignored };
}

function shortfallReason(panelSize: number, free: number): string {
  if (panelSize === 0) return "There are no reviewers on the panel.";
  if (free === 0) return "Every reviewer on the panel has a conflict with this proposal.";
  return free === 1
    ? "Only 1 reviewer has no conflict with this proposal."
    : `Only ${free} reviewers have no conflict with this proposal.`;
}

type Keep = {
  holders: Map<string, Set<string>>;
  load: Map<string, number>;
  isBlocked: (r: string, p: string) => boolean;
  give: (r: string, p: string) => void;
};

function keepExisting(
  existing: ReadonlyArray<AssignmentPair>,
  { holders, load, isBlocked, give }: Keep,
): IgnoredPair[] {
  const ignored: IgnoredPair[] = [];
  const kept = new Set<string>();
  const sorted = [...existing].sort(
    (a, b) => byString(a.proposalId, b.proposalId) || byString(a.reviewerId, b.reviewerId),
  );
  for (const { reviewerId: r, proposalId: p } of sorted) {
    const reason = !load.has(r)
      ? "The reviewer is not on the panel."
      : isBlocked(r, p)
        ? "The reviewer has a conflict with this proposal."
        : kept.has(pairKey(r, p))
          ? "The pair is listed twice."
          : null;
    if (reason) ignored.push({ reviewerId: r, proposalId: p, reason });
    else if (holders.has(p)) give(r, p);
    else load.set(r, load.get(r)! + 1); // another proposal's review is still work: it counts toward the load
    kept.add(pairKey(r, p));
  }
  return ignored;
}

type Balance = Keep & {
  reviewers: string[];
  proposals: string[];
  fixed: Set<string>;
  take: (r: string, p: string) => void;
};

/**
 * While some reviewer A can hand a new assignment, possibly along a chain A → C → … → B (each
 * passing on one proposal the next does not hold and may review), to a reviewer B with at least
 * two fewer, do it. Loads along the chain are unchanged except A (−1) and B (+1).
 */
function balance(s: Balance): void {
  for (;;) {
    const sources = [...s.reviewers].sort((a, b) => s.load.get(b)! - s.load.get(a)! || byString(a, b));
    const minLoad = Math.min(...s.reviewers.map((r) => s.load.get(r)!));
    let moved = false;
    for (const a of sources) {
      if (s.load.get(a)! < minLoad + 2) break;
      const chain = findChain(s, a);
      if (chain) {
        for (const { from, to, proposal } of chain) {
          s.take(from, proposal);
          s.give(to, proposal);
        }
        moved = true;
        break;
      }
    }
    if (!moved) return;
  }
}

type Step = { from: string; to: string; proposal: string };

/** Breadth-first from `a`; the reachable reviewer with the smallest load, if ≤ load(a) − 2. */
function findChain(s: Balance, a: string): Step[] | null {
  const held = new Map<string, string[]>(s.reviewers.map((r) => [r, []]));
  for (const p of s.proposals) {
    for (const r of s.holders.get(p)!) if (!s.fixed.has(pairKey(r, p))) held.get(r)!.push(p);
  }
  const via = new Map<string, Step>();
  const visited = new Set([a]);
  const queue = [a];
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i];
    for (const p of held.get(x)!) {
      for (const y of s.reviewers) {
        if (visited.has(y) || s.holders.get(p)!.has(y) || s.isBlocked(y, p)) continue;
        visited.add(y);
        via.set(y, { from: x, to: y, proposal: p });
        queue.push(y);
      }
    }
  }
  let target: string | null = null;
  for (const y of queue.slice(1)) {
    if (target === null || s.load.get(y)! < s.load.get(target)!) target = y;
  }
  if (target === null || s.load.get(target)! > s.load.get(a)! - 2) return null;
  const chain: Step[] = [];
  for (let y = target; y !== a; y = via.get(y)!.from) chain.unshift(via.get(y)!);
  return chain;
}
