import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  PHASES,
  allowed,
  canTransition,
  checkComputeResults,
  checkTransition,
  dueTransition,
  hasReached,
  nextPhase,
  validateSchedule,
  votingClosed,
  type Action,
  type Phase,
  type RoundForRules,
  type RoundSchedule,
  type TransitionFacts,
} from "~/modules/rounds/rules";

const utc = (iso: string) => new Date(`${iso}Z`);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

const schedule: RoundSchedule = {
  ideasOpensAt: utc("2027-03-01T09:00"), // 9:00am GMT
  proposalsOpensAt: utc("2027-03-22T17:00"), // 5:00pm GMT
  shortlistingOpensAt: utc("2027-04-19T16:00"), // 5:00pm BST
  votingOpensAt: utc("2027-05-17T08:00"), // 9:00am BST
  votingClosesAt: utc("2027-05-31T16:00"), // 5:00pm BST
  closesAt: utc("2028-06-30T16:00"),
};

/** A moment well inside each phase's scheduled time, so no deadline has passed. */
const DURING: Record<Phase, Date> = {
  draft: utc("2027-02-01T12:00"),
  ideas: utc("2027-03-10T12:00"),
  proposals: utc("2027-04-01T12:00"),
  shortlisting: utc("2027-05-01T12:00"),
  voting: utc("2027-05-20T12:00"),
  results: utc("2027-06-05T12:00"),
  delivery: utc("2027-09-01T12:00"),
  closed: utc("2028-08-01T12:00"),
};

const round = (phase: Phase, overrides: Partial<RoundForRules> = {}): RoundForRules => ({
  phase,
  schedule,
  commentPolicy: "accounts",
  ...overrides,
});

const facts = (overrides: Partial<TransitionFacts> = {}): TransitionFacts => ({
  categories: [
    { name: "Digital", shortlisted: 5 },
    { name: "Communities", shortlisted: 4 },
  ],
  picksPerCategory: 3,
  resultsPublished: true,
  ...overrides,
});

describe("which actions each phase allows", () => {
  const Y = true;
  const N = false;
  // prettier-ignore
  const expected: Record<Phase, Record<Action, boolean>> = {
    //            publishIdea editIdea submitProposal withdrawProposal comment support score shortlist vote publishResults postUpdate
    draft:        row(N,          N,       N,             N,               N,      N,      N,    N,        N,   N,             N),
    ideas:        row(Y,          Y,       N,             N,               Y,      Y,      N,    N,        N,   N,             N),
    proposals:    row(N,          Y,       Y,             Y,               Y,      Y,      N,    N,        N,   N,             N),
    shortlisting: row(N,          N,       N,             Y,               Y,      N,      Y,    Y,        N,   N,             N),
    voting:       row(N,          N,       N,             Y,               Y,      N,      N,    N,        Y,   N,             N),
    results:      row(N,          N,       N,             N,               Y,      N,      N,    N,        N,   Y,             N),
    delivery:     row(N,          N,       N,             N,               Y,      N,      N,    N,        N,   N,             Y),
    closed:       row(N,          N,       N,             N,               N,      N,      N,    N,        N,   N,             N),
  };
  function row(...allowedInOrder: boolean[]): Record<Action, boolean> {
    return Object.fromEntries(ACTIONS.map((action, i) => [action, allowedInOrder[i]])) as Record<Action, boolean>;
  }

  it("every phase × action pair matches the table (a member, inside the phase's scheduled time)", () => {
    const actual = Object.fromEntries(
      PHASES.map((phase) => [
        phase,
        Object.fromEntries(
          ACTIONS.map((action) => [action, allowed(round(phase), action, DURING[phase], { isMember: true }).ok]),
        ),
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("every refusal in the table comes with a sentence saying why", () => {
    for (const phase of PHASES) {
      for (const action of ACTIONS) {
        const result = allowed(round(phase), action, DURING[phase], { isMember: true });
        if (!result.ok) expect(result.reason).toMatch(/^[A-Z].+\.$/);
      }
    }
  });

  it("before ideas open, the reason gives the window in London time", () => {
    expect(allowed(round("draft"), "publishIdea", DURING.draft)).toEqual({
      ok: false,
      reason:
        "Ideas can be published only while the round is open for ideas, from 9:00am GMT on 1 March 2027 until 5:00pm GMT on 22 March 2027.",
    });
  });

  it("after ideas close, the reason says when they closed", () => {
    expect(allowed(round("proposals"), "publishIdea", DURING.proposals)).toEqual({
      ok: false,
      reason:
        "Ideas can be published only while the round is open for ideas; that closed at 5:00pm GMT on 22 March 2027.",
    });
  });

  it("ideas close at the scheduled instant even before the scheduler moves the round on", () => {
    expect(allowed(round("ideas"), "publishIdea", ms(schedule.proposalsOpensAt, -1)).ok).toBe(true);
    expect(allowed(round("ideas"), "publishIdea", schedule.proposalsOpensAt).ok).toBe(false);
  });

  it("proposals close for submission at the scheduled start of shortlisting", () => {
    expect(allowed(round("proposals"), "submitProposal", ms(schedule.shortlistingOpensAt, -1)).ok).toBe(true);
    expect(allowed(round("proposals"), "submitProposal", schedule.shortlistingOpensAt).ok).toBe(false);
  });

  it("a team may still edit its idea after the ideas deadline, until proposals close", () => {
    expect(allowed(round("ideas"), "editIdea", ms(schedule.proposalsOpensAt, 60_000)).ok).toBe(true);
    expect(allowed(round("proposals"), "editIdea", schedule.shortlistingOpensAt).ok).toBe(false);
  });

  it("a ballot can be cast until the instant voting closes, and not at it", () => {
    expect(allowed(round("voting"), "vote", ms(schedule.votingClosesAt, -1)).ok).toBe(true);
    expect(allowed(round("voting"), "vote", schedule.votingClosesAt)).toEqual({
      ok: false,
      reason: "Ballots can be cast only while voting is open; that closed at 5:00pm BST on 31 May 2027.",
    });
  });

  it("a proposal cannot be withdrawn once voting has closed, even before the round moves to results", () => {
    expect(allowed(round("voting"), "withdrawProposal", schedule.votingClosesAt).ok).toBe(false);
  });

  it("the panel may keep scoring and shortlisting after voting was due to open, because voting waits for the shortlist", () => {
    const late = ms(schedule.votingOpensAt, 24 * 3_600_000);
    expect(allowed(round("shortlisting"), "score", late).ok).toBe(true);
    expect(allowed(round("shortlisting"), "shortlist", late).ok).toBe(true);
  });

  it("results can be published at any time in the results phase", () => {
    expect(allowed(round("results"), "publishResults", utc("2030-01-01T00:00")).ok).toBe(true);
  });

  it("comments and updates stop at the round's scheduled close", () => {
    expect(allowed(round("delivery"), "comment", schedule.closesAt!).ok).toBe(false);
    expect(allowed(round("delivery"), "postUpdate", schedule.closesAt!).ok).toBe(false);
  });

  it("without a scheduled close, delivery stays open until an admin closes the round", () => {
    const open = round("delivery", { schedule: { ...schedule, closesAt: null } });
    expect(allowed(open, "postUpdate", utc("2035-01-01T00:00")).ok).toBe(true);
    expect(allowed(open, "comment", utc("2035-01-01T00:00")).ok).toBe(true);
  });

  it("in a members-only round, an account that is not a member cannot comment", () => {
    const membersOnly = round("ideas", { commentPolicy: "members" });
    expect(allowed(membersOnly, "comment", DURING.ideas, { isMember: false })).toEqual({
      ok: false,
      reason: "Only members can comment in this round.",
    });
    expect(allowed(membersOnly, "comment", DURING.ideas).ok).toBe(false);
    expect(allowed(membersOnly, "comment", DURING.ideas, { isMember: true }).ok).toBe(true);
  });

  it("in a round open to accounts, anyone signed in can comment", () => {
    expect(allowed(round("ideas"), "comment", DURING.ideas, { isMember: false }).ok).toBe(true);
  });
});

describe("the phase order", () => {
  it("runs draft, ideas, proposals, shortlisting, voting, results, delivery, closed", () => {
    expect(PHASES).toEqual(["draft", "ideas", "proposals", "shortlisting", "voting", "results", "delivery", "closed"]);
  });

  it("each phase is followed by the next one, and nothing comes after closed", () => {
    expect(PHASES.map(nextPhase)).toEqual([
      "ideas",
      "proposals",
      "shortlisting",
      "voting",
      "results",
      "delivery",
      "closed",
      null,
    ]);
  });

  it("a round may move only to the next phase: exactly seven of the 64 pairs are allowed", () => {
    const legal = PHASES.flatMap((from) =>
      PHASES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(legal).toEqual([
      "draft->ideas",
      "ideas->proposals",
      "proposals->shortlisting",
      "shortlisting->voting",
      "voting->results",
      "results->delivery",
      "delivery->closed",
    ]);
  });

  it("a round cannot move from ideas straight to voting", () => {
    expect(checkTransition(round("ideas"), "voting", facts())).toEqual({
      ok: false,
      reason: "A round moves one phase at a time: after ideas comes proposals, not voting.",
    });
  });

  it("a round cannot go back from voting to proposals", () => {
    expect(checkTransition(round("voting"), "proposals", facts()).ok).toBe(false);
  });

  it("a round cannot stay where it is by 'transitioning' to its own phase", () => {
    expect(checkTransition(round("ideas"), "ideas", facts()).ok).toBe(false);
  });

  it("a closed round has no next phase", () => {
    expect(checkTransition(round("closed"), "draft", facts())).toEqual({
      ok: false,
      reason: "A closed round is a read-only archive; it has no next phase.",
    });
  });

  it.each(PHASES.filter((phase) => phase !== "closed"))(
    "a round in %s may move to the next phase when its guards pass",
    (phase) => {
      expect(checkTransition(round(phase), nextPhase(phase)!, facts())).toEqual({ ok: true });
    },
  );
});

describe("transition guards", () => {
  it("a round cannot open while its schedule is out of order", () => {
    const broken = round("draft", { schedule: { ...schedule, votingOpensAt: schedule.votingClosesAt } });
    expect(checkTransition(broken, "ideas", facts())).toEqual({
      ok: false,
      reason: "The round cannot open until its schedule is complete and in order.",
    });
  });

  it("voting cannot open while a category has fewer shortlisted proposals than picks", () => {
    const short = facts({
      categories: [
        { name: "Digital", shortlisted: 5 },
        { name: "Communities", shortlisted: 2 },
      ],
    });
    expect(checkTransition(round("shortlisting"), "voting", short)).toEqual({
      ok: false,
      reason:
        "Voting cannot open: “Communities” has 2 shortlisted proposals, fewer than the 3 picks each ballot needs.",
    });
  });

  it("voting cannot open while a category has nothing shortlisted", () => {
    const empty = facts({ categories: [{ name: "Digital", shortlisted: 0 }] });
    expect(checkTransition(round("shortlisting"), "voting", empty).ok).toBe(false);
  });

  it("voting can open when every category has exactly as many shortlisted proposals as picks", () => {
    const exact = facts({
      categories: [
        { name: "Digital", shortlisted: 3 },
        { name: "Communities", shortlisted: 3 },
      ],
    });
    expect(checkTransition(round("shortlisting"), "voting", exact)).toEqual({ ok: true });
  });

  it("voting cannot open in a round without categories", () => {
    expect(checkTransition(round("shortlisting"), "voting", facts({ categories: [] })).ok).toBe(false);
  });

  it("delivery cannot begin before the results are published", () => {
    expect(checkTransition(round("results"), "delivery", facts({ resultsPublished: false }))).toEqual({
      ok: false,
      reason: "Delivery begins when the results are published.",
    });
  });

  it("voting is closed once its scheduled close has passed, even if the round has not moved on", () => {
    expect(votingClosed(round("voting"), ms(schedule.votingClosesAt, -1))).toBe(false);
    expect(votingClosed(round("voting"), schedule.votingClosesAt)).toBe(true);
  });

  it("voting is closed in every phase after voting, and not before it", () => {
    const closedIn = PHASES.filter((phase) => votingClosed(round(phase), utc("2020-01-01T00:00")));
    expect(closedIn).toEqual(["results", "delivery", "closed"]);
  });

  it("results cannot be computed while the round is still in voting, even after the close", () => {
    expect(checkComputeResults(round("voting"), ms(schedule.votingClosesAt, 60_000)).ok).toBe(false);
  });

  it("results can be computed in the results phase, including after an admin closed voting early", () => {
    expect(checkComputeResults(round("results"), DURING.voting)).toEqual({ ok: true });
  });

  it.each(PHASES.filter((phase) => phase !== "results"))("results cannot be computed in %s", (phase) => {
    expect(checkComputeResults(round(phase), DURING.results).ok).toBe(false);
  });
});

describe("scheduled transitions", () => {
  it("a draft round never opens by itself: an admin opens it", () => {
    expect(dueTransition(round("draft"), DURING.ideas)).toBeNull();
  });

  it.each([
    ["ideas", "proposals", schedule.proposalsOpensAt],
    ["proposals", "shortlisting", schedule.shortlistingOpensAt],
    ["shortlisting", "voting", schedule.votingOpensAt],
    ["voting", "results", schedule.votingClosesAt],
    ["delivery", "closed", schedule.closesAt!],
  ] as const)("a round in %s moves to %s at the scheduled instant, not a millisecond before", (from, to, at) => {
    expect(dueTransition(round(from), ms(at, -1))).toBeNull();
    expect(dueTransition(round(from), at)).toBe(to);
  });

  it("results never move on by the clock: delivery begins when an admin publishes the results", () => {
    expect(dueTransition(round("results"), utc("2030-01-01T00:00"))).toBeNull();
  });

  it("a round in delivery without a scheduled close stays there", () => {
    expect(
      dueTransition(round("delivery", { schedule: { ...schedule, closesAt: null } }), utc("2035-01-01T00:00")),
    ).toBeNull();
  });

  it("a closed round has nothing due", () => {
    expect(dueTransition(round("closed"), utc("2035-01-01T00:00"))).toBeNull();
  });

  it("a scheduler that fell behind moves the round one phase at a time", () => {
    expect(dueTransition(round("ideas"), DURING.voting)).toBe("proposals");
  });
});

describe("schedule validation", () => {
  it("a schedule in order has no errors", () => {
    expect(validateSchedule(schedule)).toEqual({});
  });

  it("the round's close is optional", () => {
    expect(validateSchedule({ ...schedule, closesAt: null })).toEqual({});
    expect(validateSchedule({ ...schedule, closesAt: undefined })).toEqual({});
  });

  it.each([
    ["proposalsOpensAt", "ideasOpensAt", "The opening of proposals must be after the opening of ideas."],
    ["shortlistingOpensAt", "proposalsOpensAt", "The start of shortlisting must be after the opening of proposals."],
    ["votingOpensAt", "shortlistingOpensAt", "The opening of voting must be after the start of shortlisting."],
    ["votingClosesAt", "votingOpensAt", "The close of voting must be after the opening of voting."],
    ["closesAt", "votingClosesAt", "The close of the round must be after the close of voting."],
  ] as const)("%s at the same time as %s is an error at that field", (field, previous, message) => {
    expect(validateSchedule({ ...schedule, [field]: schedule[previous] })).toEqual({ [field]: message });
  });

  it("a time that is not a real date is an error at its field", () => {
    const errors = validateSchedule({ ...schedule, votingOpensAt: new Date(Number.NaN) });
    expect(errors).toEqual({ votingOpensAt: "Enter a date and time for the opening of voting." });
  });
});

describe("how far a round has got", () => {
  it("results exist from the results phase on, projects from delivery on", () => {
    expect(PHASES.filter((p) => hasReached(p, "results"))).toEqual(["results", "delivery", "closed"]);
    expect(PHASES.filter((p) => hasReached(p, "delivery"))).toEqual(["delivery", "closed"]);
  });
});
