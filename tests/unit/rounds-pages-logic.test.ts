import { describe, expect, it } from "vitest";
import {
  applyFormIntent,
  flattenFormFields,
  newRoundFormValues,
  roundToFormValues,
  rowCount,
  type StoredRound,
} from "~/modules/rounds/form-values";
import { describeFundingRule, forRules, type RoundRow } from "~/modules/rounds/model";
import {
  PHASES,
  PHASE_START_FIELD,
  checkExtension,
  checkOpen,
  phaseStartsAt,
  type Phase,
} from "~/modules/rounds/rules";
import { buildTimeline, nextDeadline, timelineDates } from "~/modules/rounds/timeline";
import { ROLES, whatsOn } from "~/modules/rounds/whats-on";
import { RoundFormSchema, TopicsSchema, defaultRubric, nestFormFields } from "~/modules/rounds/validation";

const utc = (iso: string) => new Date(`${iso}Z`);
const row = (
  phase: Phase,
  overrides: Partial<RoundRow> = {},
): RoundRow & { slug: string; picksPerCategory: number } => ({
  slug: "2027",
  picksPerCategory: 3,
  phase,
  commentPolicy: "accounts",
  ideasOpensAt: utc("2026-11-16T09:00"),
  proposalsOpensAt: utc("2026-12-18T17:00"),
  shortlistingOpensAt: utc("2027-02-05T17:00"),
  votingOpensAt: utc("2027-03-15T09:00"),
  votingClosesAt: utc("2027-03-29T16:00"),
  closesAt: null,
  ...overrides,
});
const NOW = utc("2026-11-27T12:00");

describe("the phase each schedule field starts", () => {
  it("every phase with a scheduled start names its field, and draft and delivery start by an admin's action", () => {
    const schedule = forRules(row("ideas", { closesAt: utc("2028-01-01T00:00") })).schedule;
    for (const phase of PHASES) {
      const field = PHASE_START_FIELD[phase];
      expect(phaseStartsAt(schedule, phase)).toEqual(field ? schedule[field] : null);
    }
    expect(PHASE_START_FIELD.draft).toBeUndefined();
    expect(PHASE_START_FIELD.delivery).toBeUndefined();
  });
});

describe("opening a draft round", () => {
  it("a draft whose ideas phase is still ahead can be opened", () => {
    expect(checkOpen(forRules(row("draft")), NOW)).toEqual({ ok: true });
  });
  it("a draft whose ideas deadline has passed cannot be opened: the phase would end at once", () => {
    const result = checkOpen(forRules(row("draft")), utc("2026-12-19T00:00"));
    expect(result.ok).toBe(false);
  });
  it("only a draft can be opened", () => {
    expect(checkOpen(forRules(row("ideas")), NOW).ok).toBe(false);
  });
});

describe("extending a deadline", () => {
  const round = forRules(row("ideas"));
  it("a deadline still ahead moves to a later time before the next date", () => {
    expect(checkExtension(round, "proposalsOpensAt", utc("2027-01-08T17:00"), NOW)).toEqual({ ok: true });
  });
  it("a deadline that has passed cannot be extended", () => {
    expect(checkExtension(round, "ideasOpensAt", utc("2026-12-01T09:00"), NOW)).toMatchObject({
      ok: false,
      input: "field",
    });
  });
  it("an extension must be later than the current time", () => {
    expect(checkExtension(round, "proposalsOpensAt", utc("2026-12-10T17:00"), NOW)).toMatchObject({
      ok: false,
      input: "newTime",
    });
  });
  it("an extension must stay before the next date in the schedule", () => {
    const result = checkExtension(round, "proposalsOpensAt", utc("2027-02-05T17:00"), NOW);
    expect(result).toMatchObject({ ok: false, input: "newTime" });
    expect(!result.ok && result.reason).toMatch(/before the start of shortlisting/);
  });
  it("a round with no closing date has nothing to extend there, and a closed round nothing at all", () => {
    expect(checkExtension(round, "closesAt", utc("2029-01-01T00:00"), NOW)).toMatchObject({
      ok: false,
      input: "field",
    });
    expect(checkExtension(forRules(row("closed")), "votingClosesAt", utc("2029-01-01T00:00"), NOW).ok).toBe(false);
  });
});

describe("the timeline", () => {
  it("marks finished, current and upcoming phases, without draft", () => {
    const states = buildTimeline(row("shortlisting")).map((i) => `${i.phase}:${i.state}`);
    expect(states).toEqual([
      "ideas:done",
      "proposals:done",
      "shortlisting:current",
      "voting:upcoming",
      "results:upcoming",
      "delivery:upcoming",
      "closed:upcoming",
    ]);
  });
  it("names the zone on every date, across the March clock change", () => {
    const voting = buildTimeline(row("ideas"))[3];
    expect(timelineDates(voting)).toBe("Monday 15 March 2027, 9:00am GMT to Monday 29 March 2027, 5:00pm BST");
  });
  it("phases that start by an admin's action say so", () => {
    const items = buildTimeline(row("ideas"));
    expect(timelineDates(items[4])).toBe("From Monday 29 March 2027, 5:00pm BST until the results are published");
    expect(timelineDates(items[5])).toBe("From the publication of the results");
    expect(timelineDates(items[6])).toBe("When the programme team closes the round");
  });
  it("the next deadline is the start of the next phase, while it is ahead", () => {
    expect(nextDeadline(row("ideas"), NOW)).toEqual({
      label: "Ideas close",
      at: utc("2026-12-18T17:00"),
      phase: "proposals",
    });
    expect(nextDeadline(row("voting"), NOW)?.label).toBe("Voting closes");
    expect(nextDeadline(row("ideas"), utc("2026-12-18T17:00"))).toBeNull();
    expect(nextDeadline(row("draft"), NOW)).toBeNull();
    expect(nextDeadline(row("results"), NOW)).toBeNull();
  });
});

describe("what's on now", () => {
  const EXISTING_PAGES = [
    /^\/join$/,
    /^\/me$/,
    /^\/me\/ideas$/,
    /^\/rounds\/2027$/,
    /^\/rounds\/2027\/ideas$/,
    /^\/rounds\/2027\/ideas\/new$/,
    /^\/rounds\/2027\/vote$/,
    /^\/admin\/rounds\/2027\/phase$/,
  ];

  it("every phase people take part in gives all six roles something to do and one next step, linking only to pages that exist", () => {
    for (const phase of ["ideas", "proposals", "shortlisting", "voting", "results"] as const) {
      const guidance = whatsOn(row(phase), NOW);
      expect(guidance.map((g) => g.role)).toEqual([...ROLES]);
      for (const g of guidance) {
        expect(g.can.length).toBeGreaterThan(10);
        expect(g.next.text.length).toBeGreaterThan(3);
        if (g.next.href) expect(EXISTING_PAGES.some((page) => page.test(g.next.href!))).toBe(true);
      }
    }
  });
  it("members in the ideas phase may post until the ideas deadline", () => {
    const member = whatsOn(row("ideas"), NOW).find((g) => g.role === "member")!;
    expect(member.by).toEqual(utc("2026-12-18T17:00"));
    expect(member.can).toBe("Post your ideas and support other people's until 5:00pm GMT on 18 December 2026.");
  });
  it("a round in draft, delivery or closed has no guidance", () => {
    expect(whatsOn(row("draft"), NOW)).toEqual([]);
    expect(whatsOn(row("delivery"), NOW)).toEqual([]);
  });
});

describe("the admin form's rows", () => {
  const values = flattenFormFields({
    title: "T",
    categories: [
      { id: "", name: "A", description: "a" },
      { id: "", name: "B", description: "" },
    ],
  });

  it("flattening is the inverse of nesting", () => {
    expect(nestFormFields(values)).toEqual({
      title: "T",
      categories: [
        { id: "", name: "A", description: "a" },
        { id: "", name: "B", description: "" },
      ],
    });
  });
  it("add-category appends an empty category and keeps everything typed", () => {
    const next = applyFormIntent(values, "add-category")!;
    expect(rowCount(next, "categories")).toBe(3);
    expect(next).toMatchObject({ title: "T", "categories.2.name": "" });
  });
  it("move and remove change the order and keep each row's fields together", () => {
    expect(applyFormIntent(values, "move-category-up.1")).toMatchObject({
      "categories.0.name": "B",
      "categories.1.name": "A",
      "categories.1.description": "a",
    });
    const removed = applyFormIntent(values, "remove-category.0")!;
    expect(removed["categories.0.name"]).toBe("B");
    expect(removed["categories.1.name"]).toBeUndefined();
  });
  it("a move past either end or an unknown row changes nothing; other intents are not row buttons", () => {
    expect(applyFormIntent(values, "move-category-up.0")).toBe(values);
    expect(applyFormIntent(values, "remove-category.9")).toBe(values);
    expect(applyFormIntent(values, "save")).toBeNull();
  });
  it("add-criterion appends a criterion with five empty anchors", () => {
    const next = applyFormIntent(newRoundFormValues(), "add-criterion")!;
    expect(rowCount(next, "rubric")).toBe(defaultRubric().length + 1);
    expect(next[`rubric.${defaultRubric().length}.anchors.4`]).toBe("");
  });
  it("a stored round shown in the form parses back to the same settings", () => {
    const stored: StoredRound = {
      ...row("ideas", { closesAt: utc("2028-06-30T16:00") }),
      title: "Q Exchange 2027",
      themeMd: "Theme",
      maxAwardPence: 3_000_050,
      potPence: 50_000_000,
      allowOwnIdea: true,
      fundingRule: { kind: "topFraction", fraction: 2 / 3 },
      shortlistSize: 30,
      rubric: defaultRubric(),
      categories: [{ id: "4f1c2a3e-0000-4000-8000-000000000001", name: "Communities", description: "" }],
      topics: [{ name: "Carers" }, { name: "Digital" }],
    };
    const settings = RoundFormSchema.parse(roundToFormValues(stored));
    expect(settings).toMatchObject({
      maxAwardPence: 3_000_050,
      potPence: 50_000_000,
      allowOwnIdea: true,
      fundingRule: { kind: "topFraction", fraction: 2 / 3 },
      topics: ["Carers", "Digital"],
    });
    expect(settings.schedule).toEqual(forRules({ ...stored, phase: "ideas" }).schedule);
    expect(settings.categories).toEqual(stored.categories);
  });
});

describe("topics and the funding rule in words", () => {
  it("topics are one a line; blanks and repeats (ignoring case) are dropped", () => {
    expect(TopicsSchema.parse("Digital\n\n  carers \ndigital\r\nCarers")).toEqual(["Digital", "carers"]);
    expect(TopicsSchema.safeParse(`${"x".repeat(61)}`).success).toBe(false);
  });
  it("the funding rule reads as a sentence, with simple fractions as fractions", () => {
    expect(describeFundingRule({ kind: "topFraction", fraction: 2 / 3 })).toBe(
      "The top 2/3 of shortlisted proposals in each category by votes are funded.",
    );
    expect(describeFundingRule({ kind: "topN", n: 1 })).toBe(
      "The top 1 shortlisted proposal in each category by votes is funded.",
    );
    expect(describeFundingRule({ kind: "greedyWithinPot" })).toMatch(/while the pot lasts/);
  });
});
