// The round's phases as a timeline, and its next deadline. Pure, so the pages and the tests
// agree on what "now" and "next" mean.
import { formatLondon } from "../../lib/time";
import { PHASE_LABELS, PHASE_SUMMARIES, forRules, type RoundRow } from "./model";
import { PHASES, nextPhase, phaseStartsAt, type Phase } from "./rules";

export type TimelineItem = {
  phase: Phase;
  label: string;
  summary: string;
  state: "done" | "current" | "upcoming";
  /** Null when the phase starts by an admin's action rather than at a set time. */
  startsAt: Date | null;
  /** When the next phase starts; null when that is an admin's action or not set. */
  endsAt: Date | null;
};

/** Every phase after draft, in order, with the round's current one marked. */
export function buildTimeline(round: RoundRow): TimelineItem[] {
  const { schedule } = forRules(round);
  const current = PHASES.indexOf(round.phase);
  return PHASES.filter((phase) => phase !== "draft").map((phase) => {
    const index = PHASES.indexOf(phase);
    const after = nextPhase(phase);
    return {
      phase,
      label: PHASE_LABELS[phase],
      summary: PHASE_SUMMARIES[phase],
      state: index < current ? "done" : index === current ? "current" : "upcoming",
      startsAt: phaseStartsAt(schedule, phase),
      endsAt: after ? phaseStartsAt(schedule, after) : null,
    };
  });
}

/** What the end of the current phase is called, by the phase it leads to. */
const DEADLINE_NAMES: Partial<Record<Phase, string>> = {
  ideas: "The round opens for ideas",
  proposals: "Ideas close",
  shortlisting: "Proposals are due",
  voting: "Voting opens",
  results: "Voting closes",
  closed: "The round closes",
};

export type Deadline = { label: string; at: Date; phase: Phase };

/**
 * The next scheduled change of phase, if it is still ahead. A draft round has none: it opens
 * when an admin opens it. Results and delivery end by an admin's action (or an optional close).
 */
export function nextDeadline(round: RoundRow, now: Date): Deadline | null {
  if (round.phase === "draft") return null;
  const next = nextPhase(round.phase);
  if (!next) return null;
  const at = phaseStartsAt(forRules(round).schedule, next);
  if (!at || at.getTime() <= now.getTime()) return null;
  return { label: DEADLINE_NAMES[next] ?? PHASE_LABELS[next], at, phase: next };
}

/** The dates of a timeline item in words, in London time with the zone named. */
export function timelineDates(item: TimelineItem): string {
  const from = item.startsAt ? formatLondon(item.startsAt) : null;
  const to = item.endsAt ? formatLondon(item.endsAt) : null;
  if (from && to) return `${from} to ${to}`;
  if (item.phase === "results") return `From ${from} until the results are published`;
  if (item.phase === "delivery")
    return to ? `From the publication of the results to ${to}` : "From the publication of the results";
  if (item.phase === "closed") return from ? `From ${from}` : "When the programme team closes the round";
  return from ? `From ${from}` : "";
}
