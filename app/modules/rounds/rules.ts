// The one place for phase rules: the phase order, which transitions are allowed and when, and
// which actions each phase allows. Pure functions of (round, now) so every caller asks the same.
// Relative import on purpose: db/schema loads this file under drizzle-kit, which has no ~ alias.
import { formatLondonDeadline } from "../../lib/time";

export const PHASES = [
  "draft",
  "ideas",
  "proposals",
  "shortlisting",
  "voting",
  "results",
  "delivery",
  "closed",
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * When each phase starts. Results start when voting closes. Draft is left only by an admin
 * opening the round, and delivery starts when an admin publishes the results, so neither has a
 * time here. `closesAt` is optional: without it a round stays in delivery until an admin closes it.
 */
export type RoundSchedule = {
  ideasOpensAt: Date;
  proposalsOpensAt: Date;
  shortlistingOpensAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  closesAt?: Date | null;
};
export type ScheduleField = keyof RoundSchedule;
export const SCHEDULE_FIELDS = [
  "ideasOpensAt",
  "proposalsOpensAt",
  "shortlistingOpensAt",
  "votingOpensAt",
  "votingClosesAt",
  "closesAt",
] as const satisfies readonly ScheduleField[];

export type RoundForRules = { phase: Phase; schedule: RoundSchedule; commentPolicy: "accounts" | "members" };
export type RuleResult = { ok: true } | { ok: false; reason: string };

const OK: RuleResult = { ok: true };
const refuse = (reason: string): RuleResult => ({ ok: false, reason });
const index = (phase: Phase) => PHASES.indexOf(phase);

export function nextPhase(phase: Phase): Phase | null {
  return PHASES[index(phase) + 1] ?? null;
}

/** Whether a round in `phase` has got as far as `milestone` (e.g. results exist from "results" on). */
export function hasReached(phase: Phase, milestone: Phase): boolean {
  return index(phase) >= index(milestone);
}

export function canTransition(from: Phase, to: Phase): boolean {
  return nextPhase(from) === to;
}

/**
 * The schedule field at which each phase starts. Draft and delivery have none: an admin opens a
 * round, and delivery starts when the results are published.
 */
export const PHASE_START_FIELD: Partial<Record<Phase, ScheduleField>> = {
  ideas: "ideasOpensAt",
  proposals: "proposalsOpensAt",
  shortlisting: "shortlistingOpensAt",
  voting: "votingOpensAt",
  results: "votingClosesAt",
  closed: "closesAt",
};

/** The scheduled start of a phase, or null when it starts by an admin's action. */
export function phaseStartsAt(schedule: RoundSchedule, phase: Phase): Date | null {
  const field = PHASE_START_FIELD[phase];
  return field ? (schedule[field] ?? null) : null;
}

export const SCHEDULE_LABELS: Record<ScheduleField, string> = {
  ideasOpensAt: "the opening of ideas",
  proposalsOpensAt: "the opening of proposals",
  shortlistingOpensAt: "the start of shortlisting",
  votingOpensAt: "the opening of voting",
  votingClosesAt: "the close of voting",
  closesAt: "the close of the round",
};

/** Field errors (empty when valid): every time must be a real time after the one before it. */
export function validateSchedule(schedule: RoundSchedule): Partial<Record<ScheduleField, string>> {
  const errors: Partial<Record<ScheduleField, string>> = {};
  let previous: ScheduleField | null = null;
  for (const field of SCHEDULE_FIELDS) {
    const at = schedule[field];
    if (at == null && field === "closesAt") continue;
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
      errors[field] = `Enter a date and time for ${SCHEDULE_LABELS[field]}.`;
      continue;
    }
    const before = previous ? schedule[previous] : null;
    if (previous && before instanceof Date && at.getTime() <= before.getTime()) {
      const label = SCHEDULE_LABELS[field];
      errors[field] = `${label.charAt(0).toUpperCase()}${label.slice(1)} must be after ${SCHEDULE_LABELS[previous]}.`;
    }
    previous = field;
  }
  return errors;
}

/** What a transition's guards need to know beyond the round itself. */
export type TransitionFacts = {
  /** Every category of the round, including those with nothing shortlisted. */
  categories: ReadonlyArray<{ name: string; shortlisted: number }>;
  picksPerCategory: number;
  resultsPublished: boolean;
};

export function checkTransition(round: RoundForRules, to: Phase, facts: TransitionFacts): RuleResult {
  const next = nextPhase(round.phase);
  if (next === null) return refuse("A closed round is a read-only archive; it has no next phase.");
  if (to !== next) return refuse(`A round moves one phase at a time: after ${round.phase} comes ${next}, not ${to}.`);
  if (to === "ideas" && Object.keys(validateSchedule(round.schedule)).length > 0) {
    return refuse("The round cannot open until its schedule is complete and in order.");
  }
  if (to === "voting") {
    if (facts.categories.length === 0) return refuse("Voting cannot open in a round without categories.");
    for (const category of facts.categories) {
      if (category.shortlisted < facts.picksPerCategory) {
        return refuse(
          `Voting cannot open: “${category.name}” has ${category.shortlisted} shortlisted ` +
            `${category.shortlisted === 1 ? "proposal" : "proposals"}, fewer than the ${facts.picksPerCategory} picks each ballot needs.`,
        );
      }
    }
  }
  if (to === "delivery" && !facts.resultsPublished) return refuse("Delivery begins when the results are published.");
  return OK;
}

/**
 * An admin opening a draft round: its ideas phase must still have time to run, or the round
 * would rush through phases nobody could take part in.
 */
export function checkOpen(round: RoundForRules, now: Date): RuleResult {
  if (round.phase !== "draft") return refuse("Only a round in draft can be opened.");
  if (round.schedule.proposalsOpensAt.getTime() <= now.getTime()) {
    return refuse(
      `The ideas phase would end at once: ideas were due to close at ${formatLondonDeadline(round.schedule.proposalsOpensAt)}. ` +
        "Move the schedule on in the round's settings first.",
    );
  }
  return OK;
}

export type ExtensionResult = { ok: true } | { ok: false; reason: string; input: "field" | "newTime" };

/**
 * An admin moving a deadline later, with a reason: only a deadline that has not passed, only to
 * a later time, and only so far that the schedule stays in order (extend the later date first).
 * A deadline that passed has already moved the round on, or is about to: extending it would
 * rewrite what people were told.
 */
export function checkExtension(round: RoundForRules, field: ScheduleField, to: Date, now: Date): ExtensionResult {
  if (round.phase === "closed") return { ok: false, reason: "A closed round is a read-only archive.", input: "field" };
  const current = round.schedule[field];
  const label = SCHEDULE_LABELS[field];
  if (!current)
    return {
      ok: false,
      reason: `This round has no date for ${label}; set one in the round's settings.`,
      input: "field",
    };
  if (current.getTime() <= now.getTime()) {
    return {
      ok: false,
      reason: `The deadline for ${label} passed at ${formatLondonDeadline(current)}, so it can no longer be extended.`,
      input: "field",
    };
  }
  if (to.getTime() <= current.getTime()) {
    return {
      ok: false,
      reason: `Choose a time after the current one, ${formatLondonDeadline(current)}. To end a phase early, move the round on instead.`,
      input: "newTime",
    };
  }
  const later = SCHEDULE_FIELDS.slice(SCHEDULE_FIELDS.indexOf(field) + 1).find((f) => round.schedule[f]);
  const next = later ? round.schedule[later] : null;
  if (later && next && to.getTime() >= next.getTime()) {
    return {
      ok: false,
      reason: `Choose a time before ${SCHEDULE_LABELS[later]} (${formatLondonDeadline(next)}), or extend that first.`,
      input: "newTime",
    };
  }
  return { ok: true };
}

/** Voting has closed once the round has moved past voting, or its scheduled close has passed. */
export function votingClosed(round: RoundForRules, now: Date): boolean {
  if (index(round.phase) > index("voting")) return true;
  return round.phase === "voting" && now.getTime() >= round.schedule.votingClosesAt.getTime();
}

/** Results are computed only in the results phase, from a closed vote. */
export function checkComputeResults(round: RoundForRules, now: Date): RuleResult {
  if (round.phase !== "results" || !votingClosed(round, now)) {
    return refuse("Results can be computed only after voting has closed, while the round is in its results phase.");
  }
  return OK;
}

/**
 * The phase a scheduler should move the round to now, or null. One step at a time: a scheduler
 * that fell behind calls again after each transition. Draft and results never move on by the clock.
 */
export function dueTransition(round: RoundForRules, now: Date): Phase | null {
  if (round.phase === "draft" || round.phase === "results") return null;
  const next = nextPhase(round.phase);
  if (next === null) return null;
  const at = phaseStartsAt(round.schedule, next);
  return at !== null && now.getTime() >= at.getTime() ? next : null;
}

export const ACTIONS = [
  "publishIdea",
  "editIdea",
  "submitProposal",
  "withdrawProposal",
  "comment",
  "support",
  "score",
  "shortlist",
  "vote",
  "publishResults",
  "postUpdate",
] as const;
export type Action = (typeof ACTIONS)[number];
export type ActionContext = { isMember?: boolean };

type ActionRule = {
  /** Contiguous run of phases in which the action is open. */
  phases: readonly Phase[];
  /** "<what> only while <when>". */
  what: string;
  when: string;
  /**
   * People's deadlines are exact: the action closes at the scheduled end of its last phase even
   * if the scheduler has not moved the round on yet. Panel and admin work is not cut off by the
   * clock, because voting cannot open until the shortlist is done.
   */
  strict: boolean;
};

const OPEN_PHASES = ["ideas", "proposals", "shortlisting", "voting", "results", "delivery"] as const;

const ACTION_RULES: Record<Action, ActionRule> = {
  publishIdea: { phases: ["ideas"], what: "Ideas can be published", when: "the round is open for ideas", strict: true },
  editIdea: {
    phases: ["ideas", "proposals"],
    what: "Ideas can be edited",
    when: "the round is open for ideas and proposals",
    strict: true,
  },
  submitProposal: {
    phases: ["proposals"],
    what: "Proposals can be submitted",
    when: "the round is open for proposals",
    strict: true,
  },
  withdrawProposal: {
    phases: ["proposals", "shortlisting", "voting"],
    what: "Proposals can be withdrawn",
    when: "the round is between the opening of proposals and the close of voting",
    strict: true,
  },
  comment: { phases: OPEN_PHASES, what: "Comments can be posted", when: "the round is open", strict: true },
  support: {
    phases: ["ideas", "proposals"],
    what: "Ideas can be supported",
    when: "the round is open for ideas and proposals",
    strict: true,
  },
  score: {
    phases: ["shortlisting"],
    what: "Proposals can be scored",
    when: "the panel is shortlisting",
    strict: false,
  },
  shortlist: {
    phases: ["shortlisting"],
    what: "The shortlist can be changed",
    when: "the panel is shortlisting",
    strict: false,
  },
  vote: { phases: ["voting"], what: "Ballots can be cast", when: "voting is open", strict: true },
  publishResults: {
    phases: ["results"],
    what: "Results can be published",
    when: "the round is in its results phase",
    strict: false,
  },
  postUpdate: {
    phases: ["delivery"],
    what: "Project updates can be posted",
    when: "funded projects are in delivery",
    strict: true,
  },
};

/** When the action's run of phases ends: the scheduled start of the phase after its last one. */
function windowEnd(rule: ActionRule, schedule: RoundSchedule): Date | null {
  const after = nextPhase(rule.phases[rule.phases.length - 1]);
  return after ? phaseStartsAt(schedule, after) : null;
}

function closedReason(rule: ActionRule, round: RoundForRules, now: Date): string {
  const lead = `${rule.what} only while ${rule.when}`;
  const start = phaseStartsAt(round.schedule, rule.phases[0]);
  const end = windowEnd(rule, round.schedule);
  if (index(round.phase) < index(rule.phases[0])) {
    if (start && end) return `${lead}, from ${formatLondonDeadline(start)} until ${formatLondonDeadline(end)}.`;
    if (end) return `${lead}, until ${formatLondonDeadline(end)}.`;
    if (start) return `${lead}, from ${formatLondonDeadline(start)}.`;
    return `${lead}.`;
  }
  if (end && end.getTime() <= now.getTime()) return `${lead}; that closed at ${formatLondonDeadline(end)}.`;
  return `${lead}; that has closed.`;
}

/** Whether the action is open in this round now; the reason is a sentence to show to people. */
export function allowed(round: RoundForRules, action: Action, now: Date, ctx: ActionContext = {}): RuleResult {
  const rule = ACTION_RULES[action];
  if (!rule.phases.includes(round.phase)) return refuse(closedReason(rule, round, now));
  const end = windowEnd(rule, round.schedule);
  if (rule.strict && end && now.getTime() >= end.getTime()) return refuse(closedReason(rule, round, now));
  if (action === "comment" && round.commentPolicy === "members" && !ctx.isMember) {
    return refuse("Only members can comment in this round.");
  }
  return OK;
}
