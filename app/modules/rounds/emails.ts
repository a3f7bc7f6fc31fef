// The words of every rounds email, in one place.
import { formatLondonDeadline as at } from "../../lib/time";
import type { Phase, ScheduleField } from "./rules";
import { SCHEDULE_LABELS } from "./rules";

type RoundFacts = {
  title: string;
  shortlistingOpensAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  proposalsOpensAt: Date;
  picksPerCategory: number;
};

function news(phase: Phase, round: RoundFacts): { subject: string; line: string } {
  switch (phase) {
    case "ideas":
      return {
        subject: `${round.title} is open for ideas`,
        line: `Members can post and support ideas until ${at(round.proposalsOpensAt)}. Anyone with an account can comment.`,
      };
    case "proposals":
      return {
        subject: `${round.title}: proposals are open`,
        line: `No new ideas now. Leads can turn one idea into a full proposal and submit it by ${at(round.shortlistingOpensAt)}.`,
      };
    case "shortlisting":
      return {
        subject: `${round.title}: proposals are with the panel`,
        line: `The panel is scoring the proposals and setting the shortlist. Members vote from ${at(round.votingOpensAt)}.`,
      };
    case "voting":
      return {
        subject: `${round.title}: voting is open`,
        line: `Members can cast one ballot, with ${round.picksPerCategory} picks in each category, until ${at(round.votingClosesAt)}.`,
      };
    case "results":
      return {
        subject: `${round.title}: voting has closed`,
        line: "The votes are being counted. The results will be published on the round's page.",
      };
    case "delivery":
      return {
        subject: `${round.title}: the results are published`,
        line: "Funded teams now share their progress and what they learn in public.",
      };
    case "closed":
      return { subject: `${round.title} has closed`, line: "The round is now a read-only archive." };
    default:
      return { subject: round.title, line: "" };
  }
}

/** The news of a phase change, for the notification and its email (which adds the link and the unsubscribe footer). */
export function phaseChangedNews(round: RoundFacts, phase: Phase): { subject: string; body: string } {
  const { subject, line } = news(phase, round);
  return { subject, body: `${line}\n\nYou get this email because you take part in Q Exchange funding rounds.` };
}

export function deadlineExtendedNews(
  title: string,
  field: ScheduleField,
  previous: Date,
  next: Date,
): { subject: string; body: string } {
  const label = SCHEDULE_LABELS[field];
  return {
    subject: `${title}: more time before ${label}`,
    body: `The programme team has moved ${label} from ${at(previous)} to ${at(next)}.`,
  };
}
