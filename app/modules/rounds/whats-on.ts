// "What's on now": for the current round, what each kind of person can do in this phase, by
// when, and the one next step for them. Pure; the home page formats the dates it returns.
//
// Steps whose page does not exist yet carry no link: the text says what will be possible and
// when. The issues that build those pages add the links.
import { formatLondonDeadline as at } from "../../lib/time";
import { forRules, type RoundRow } from "./model";
import { allowed, type Phase } from "./rules";

export const ROLES = ["visitor", "account", "member", "teamLead", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  visitor: "Visitors",
  account: "People with an account",
  member: "Members",
  teamLead: "Team leads",
  reviewer: "Reviewers on the panel",
  admin: "The programme team",
};

export type NextStep = { text: string; href?: string };
export type Guidance = { role: Role; can: string; by: Date | null; next: NextStep };

export type WhatsOnRound = RoundRow & { slug: string; picksPerCategory: number };

/** Guidance for all six roles, or an empty list when the round is not in a phase people join in. */
export function whatsOn(round: WhatsOnRound, now: Date): Guidance[] {
  const build = GUIDANCE[round.phase];
  if (!build) return [];
  const steps = build(round, now);
  return ROLES.map((role) => ({ role, ...steps[role] }));
}

type Steps = Record<Role, Omit<Guidance, "role">>;

const readRound = (round: WhatsOnRound): NextStep => ({ text: "Read about the round", href: `/rounds/${round.slug}` });
const join: NextStep = { text: "Create an account", href: "/join" };
const applyToJoin: NextStep = { text: "Apply to be a member", href: "/me" };
const managePhase = (round: WhatsOnRound): NextStep => ({
  text: "Manage the round's phase",
  href: `/admin/rounds/${round.slug}/phase`,
});

function commentLine(round: WhatsOnRound): string {
  return round.commentPolicy === "members"
    ? "In this round only members can comment."
    : "You can comment to help teams improve their ideas.";
}

const GUIDANCE: Partial<Record<Phase, (round: WhatsOnRound, now: Date) => Steps>> = {
  ideas: (round, now) => {
    const closes = round.proposalsOpensAt;
    const posting = allowed(forRules(round), "publishIdea", now, { isMember: true });
    return {
      visitor: {
        can: "Read the theme and the ideas as they are posted. To comment you need an account; to post an idea you need to be a member.",
        by: null,
        next: join,
      },
      account: {
        can: `${commentLine(round)} To post or support ideas, apply to be a member.`,
        by: null,
        next: applyToJoin,
      },
      member: {
        can: posting.ok ? `Post your ideas and support other people's until ${at(closes)}.` : posting.reason,
        by: posting.ok ? closes : null,
        next: { text: `Post an idea by ${at(closes)}`, href: `/rounds/${round.slug}/ideas/new` },
      },
      teamLead: {
        can: `Shape your idea with your team and answer comments. From ${at(closes)} you can turn one idea into a full proposal, due by ${at(round.shortlistingOpensAt)}.`,
        by: closes,
        next: { text: "Go to your ideas", href: "/me/ideas" },
      },
      reviewer: {
        can: `Nothing to do yet: the panel scores proposals from ${at(round.shortlistingOpensAt)}.`,
        by: null,
        next: readRound(round),
      },
      admin: {
        can: `Ideas are open until ${at(closes)}. You can move the round on early or extend that deadline, with a reason.`,
        by: closes,
        next: managePhase(round),
      },
    };
  },
  proposals: (round) => {
    const due = round.shortlistingOpensAt;
    return {
      visitor: {
        can: `Read the ideas and the proposals taking shape. Proposals are due by ${at(due)}; members vote from ${at(round.votingOpensAt)}.`,
        by: null,
        next: { text: "Read the ideas", href: `/rounds/${round.slug}/ideas` },
      },
      account: {
        can: `${commentLine(round)} Comments help most before proposals are due at ${at(due)}.`,
        by: due,
        next: applyToJoin,
      },
      member: {
        can: `No new ideas now. Support ideas and comment until ${at(due)}; you can vote on the shortlist from ${at(round.votingOpensAt)}.`,
        by: due,
        next: readRound(round),
      },
      teamLead: {
        can: `Turn one idea into a full proposal and submit it by ${at(due)}. Each member can submit one proposal.`,
        by: due,
        next: { text: `Submit your proposal by ${at(due)} from your ideas`, href: "/me/ideas" },
      },
      reviewer: {
        can: `Scoring starts at ${at(due)}, when proposals are submitted.`,
        by: null,
        next: readRound(round),
      },
      admin: {
        can: `Proposals are due by ${at(due)}. Make sure the panel is ready before shortlisting starts.`,
        by: due,
        next: managePhase(round),
      },
    };
  },
  shortlisting: (round) => {
    const opens = round.votingOpensAt;
    return {
      visitor: {
        can: `The panel is choosing the shortlist. Members vote from ${at(opens)} until ${at(round.votingClosesAt)}.`,
        by: null,
        next: readRound(round),
      },
      account: {
        can: `Comments stay open. Only members vote, from ${at(opens)}: apply now to be a member in time.`,
        by: opens,
        next: applyToJoin,
      },
      member: {
        can: `The panel is shortlisting. You can vote from ${at(opens)} until ${at(round.votingClosesAt)}.`,
        by: null,
        next: readRound(round),
      },
      teamLead: {
        can: `Your proposal is with the panel. Keep answering comments; you will hear whether it is shortlisted before voting opens at ${at(opens)}.`,
        by: opens,
        next: { text: "Answer the comments on your proposal" },
      },
      reviewer: {
        can: `Score each proposal assigned to you and declare any conflicts before voting opens at ${at(opens)}.`,
        by: opens,
        next: { text: "Score your assigned proposals (the panel pages open here soon)" },
      },
      admin: {
        can: `Confirm the shortlist before ${at(opens)}. Voting cannot open until every category has at least ${round.picksPerCategory} shortlisted proposals.`,
        by: opens,
        next: managePhase(round),
      },
    };
  },
  voting: (round) => {
    const closes = round.votingClosesAt;
    const picks = `${round.picksPerCategory} ${round.picksPerCategory === 1 ? "pick" : "picks"}`;
    return {
      visitor: {
        can: `Members are voting until ${at(closes)}. The results follow on the round's page.`,
        by: null,
        next: readRound(round),
      },
      account: { can: "Only members vote. Comments stay open.", by: null, next: applyToJoin },
      member: {
        can: `Cast your ballot by ${at(closes)}: ${picks} in each category. You can change it until then.`,
        by: closes,
        next: { text: `Cast your ballot by ${at(closes)}`, href: `/rounds/${round.slug}/vote` },
      },
      teamLead: {
        can: `Members are voting until ${at(closes)}. Tell colleagues who are members about your proposal.`,
        by: closes,
        next: { text: "Share your proposal with members" },
      },
      reviewer: { can: `The panel's work is done. Voting closes at ${at(closes)}.`, by: null, next: readRound(round) },
      admin: {
        can: `Voting closes at ${at(closes)}. Watch turnout and answer members' questions.`,
        by: closes,
        next: managePhase(round),
      },
    };
  },
  results: (round) => ({
    visitor: {
      can: "Voting has closed. The results will be published on the round's page.",
      by: null,
      next: readRound(round),
    },
    account: {
      can: "Voting has closed and comments stay open. The results will be published on the round's page.",
      by: null,
      next: readRound(round),
    },
    member: {
      can: "Voting has closed. The results will be published on the round's page.",
      by: null,
      next: readRound(round),
    },
    teamLead: {
      can: "The votes are being counted. You will be told whether your proposal is funded.",
      by: null,
      next: readRound(round),
    },
    reviewer: { can: "Nothing to do: the votes are being counted.", by: null, next: readRound(round) },
    admin: {
      can: "Count the votes, check the results and publish them; delivery starts when they are published.",
      by: null,
      next: managePhase(round),
    },
  }),
};
