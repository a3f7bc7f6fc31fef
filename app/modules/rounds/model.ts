// How a stored round is seen by the rules, and the words for its phases. Pure: used by the
// server, the pages and the tests alike.
import type { FundingRule } from "./frozen-settings";
import type { Phase, RoundForRules, RoundSchedule } from "./rules";

/** The columns of a round that the rules read (a `rounds` row has them all). */
export type RoundRow = {
  phase: Phase;
  commentPolicy: "accounts" | "members";
  ideasOpensAt: Date;
  proposalsOpensAt: Date;
  shortlistingOpensAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  closesAt: Date | null;
};

export function scheduleOf(round: RoundRow): RoundSchedule {
  return {
    ideasOpensAt: round.ideasOpensAt,
    proposalsOpensAt: round.proposalsOpensAt,
    shortlistingOpensAt: round.shortlistingOpensAt,
    votingOpensAt: round.votingOpensAt,
    votingClosesAt: round.votingClosesAt,
    closesAt: round.closesAt,
  };
}

export function forRules(round: RoundRow): RoundForRules {
  return { phase: round.phase, commentPolicy: round.commentPolicy, schedule: scheduleOf(round) };
}

export const PHASE_LABELS: Record<Phase, string> = {
  draft: "Draft",
  ideas: "Ideas",
  proposals: "Proposals",
  shortlisting: "Shortlisting",
  voting: "Voting",
  results: "Results",
  delivery: "Delivery",
  closed: "Closed",
};

/** One line on what happens in each phase, for the timeline. */
export const PHASE_SUMMARIES: Record<Phase, string> = {
  draft: "The programme team prepares the round; only they can see it.",
  ideas: "Members post short ideas; anyone signed in can comment, and members support the ideas they like.",
  proposals: "No new ideas. Leads turn one idea into a full proposal and submit it.",
  shortlisting: "Proposals are locked. The panel scores them and the shortlist is set.",
  voting: "Members cast one ballot each on the shortlisted proposals.",
  results: "The votes are counted by the declared rule and the results are published.",
  delivery: "Funded teams share their progress and what they learn in public.",
  closed: "The round is a read-only archive.",
};

/** The phases in which people can take part: a round in one of them is "on now". */
export const ACTIVE_PHASES = [
  "ideas",
  "proposals",
  "shortlisting",
  "voting",
  "results",
] as const satisfies readonly Phase[];

export function isActive(phase: Phase): boolean {
  return (ACTIVE_PHASES as readonly Phase[]).includes(phase);
}

/** The funding rule in words, for the round's pages and the frozen settings. */
export function describeFundingRule(rule: FundingRule): string {
  switch (rule.kind) {
    case "topFraction":
      return rule.fraction === 1
        ? "Every shortlisted proposal is funded, in order of votes."
        : `The top ${fractionText(rule.fraction)} of shortlisted proposals in each category by votes are funded.`;
    case "topN":
      return `The top ${rule.n} shortlisted ${rule.n === 1 ? "proposal" : "proposals"} in each category by votes ${rule.n === 1 ? "is" : "are"} funded.`;
    case "fundAll":
      return "Every shortlisted proposal is funded.";
    case "greedyWithinPot":
      return "Proposals are funded in order of votes while the pot lasts.";
  }
}

/** 2/3 reads better than 0.6666666666666666: simple fractions are written as such. */
export function fractionText(fraction: number): string {
  for (let d = 2; d <= 12; d++) {
    const n = Math.round(fraction * d);
    if (Math.abs(n / d - fraction) < 1e-9) return n === d ? "1" : `${n}/${d}`;
  }
  return String(fraction);
}

/** What moving a round into each phase is called, for the admin's button. */
export const ADVANCE_ACTIONS: Record<Phase, string> = {
  draft: "Return to draft",
  ideas: "Open the round for ideas now",
  proposals: "Close ideas and open proposals now",
  shortlisting: "Close proposals and start shortlisting now",
  voting: "Open voting now",
  results: "Close voting now",
  delivery: "Start delivery now",
  closed: "Close the round now",
};
