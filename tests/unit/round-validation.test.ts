import { describe, expect, it } from "vitest";
import { RoundFormSchema, RubricCriterionSchema, defaultRubric, nestFormFields } from "~/modules/rounds/validation";

/** The admin form as the browser posts it: flat names, string values. */
function validForm(): Record<string, string> {
  const form: Record<string, string> = {
    slug: "2027",
    title: "Q Exchange 2027",
    themeMd: "Ideas that **reduce waiting** for care.",
    "categories.0.name": "Digital",
    "categories.0.description": "Using technology well.",
    "categories.1.name": "Communities",
    maxAward: "£30,000",
    pot: "600,000",
    "schedule.ideasOpensAt": "2027-03-01T09:00",
    "schedule.proposalsOpensAt": "2027-03-22T17:00",
    "schedule.shortlistingOpensAt": "2027-04-19T17:00",
    "schedule.votingOpensAt": "2027-05-17T09:00",
    "schedule.votingClosesAt": "2027-05-31T17:00",
    "schedule.closesAt": "",
    picksPerCategory: "3",
    "fundingRule.kind": "topFraction",
    "fundingRule.fraction": "2/3",
    "fundingRule.n": "",
    shortlistSize: "30",
    commentPolicy: "accounts",
  };
  defaultRubric().forEach((criterion, i) => {
    form[`rubric.${i}.name`] = criterion.name;
    form[`rubric.${i}.description`] = criterion.description;
    form[`rubric.${i}.weight`] = String(criterion.weight);
    criterion.anchors.forEach((anchor, point) => (form[`rubric.${i}.anchors.${point}`] = anchor));
  });
  return form;
}

/** Field name -> first message, as the route shows them. */
function errorsOf(form: Record<string, unknown>): Record<string, string> {
  const result = RoundFormSchema.safeParse(form);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}

function parsed(form: Record<string, unknown>) {
  const result = RoundFormSchema.safeParse(form);
  if (!result.success) throw new Error(JSON.stringify(errorsOf(form)));
  return result.data;
}

const withField = (name: string, value: string) => ({ ...validForm(), [name]: value });

describe("the admin round form", () => {
  it("a complete form gives settings in pence and UTC instants", () => {
    const round = parsed(validForm());
    expect(round).toMatchObject({
      slug: "2027",
      maxAwardPence: 3_000_000,
      potPence: 60_000_000,
      picksPerCategory: 3,
      allowOwnIdea: false,
      shortlistSize: 30,
      commentPolicy: "accounts",
      categories: [
        { name: "Digital", description: "Using technology well." },
        { name: "Communities", description: "" },
      ],
    });
    expect(round.schedule.shortlistingOpensAt).toEqual(new Date("2027-04-19T16:00Z"));
    expect(round.schedule.ideasOpensAt).toEqual(new Date("2027-03-01T09:00Z"));
    expect(round.schedule.closesAt).toBeNull();
    expect(round.fundingRule).toEqual({ kind: "topFraction", fraction: 2 / 3 });
    expect(round.rubric).toEqual(defaultRubric());
    expect(round).not.toHaveProperty("maxAward");
  });

  it("a ticked checkbox lets members pick an idea on whose team they are", () => {
    expect(parsed(withField("allowOwnIdea", "on")).allowOwnIdea).toBe(true);
    expect(parsed({ ...validForm(), allowOwnIdea: ["false", "on"] }).allowOwnIdea).toBe(true);
  });

  it("an existing category keeps its id", () => {
    const id = "7d3f9a52-3c1e-4b8e-9a55-0a4f2f1b6c11";
    expect(parsed(withField("categories.0.id", id)).categories[0].id).toBe(id);
  });

  it.each(["2027", "spring-2027", "q2"])("the slug %s is accepted", (slug) => {
    expect(errorsOf(withField("slug", slug))).toEqual({});
  });

  it.each([
    ["2", "The short name must be at least 2 characters."],
    ["Spring-2027", "Use lower-case letters, digits and single hyphens, like 2027 or spring-2027."],
    ["spring 2027", "Use lower-case letters, digits and single hyphens, like 2027 or spring-2027."],
    ["-2027", "Use lower-case letters, digits and single hyphens, like 2027 or spring-2027."],
    ["a".repeat(41), "The short name must be at most 40 characters."],
    ["new", "That short name is reserved; choose another."],
  ])("the slug %s is refused: %s", (slug, message) => {
    expect(errorsOf(withField("slug", slug))).toEqual({ slug: message });
  });

  it("a title needs 3 to 120 characters", () => {
    expect(errorsOf(withField("title", "Q "))).toEqual({ title: "A title must be at least 3 characters." });
    expect(errorsOf(withField("title", "x".repeat(121)))).toEqual({ title: "A title must be at most 120 characters." });
  });

  it("the theme may be up to 2,000 words and no more", () => {
    expect(errorsOf(withField("themeMd", "word ".repeat(2000)))).toEqual({});
    expect(errorsOf(withField("themeMd", "word ".repeat(2001)))).toEqual({
      themeMd: "The theme must be at most 2,000 words.",
    });
  });

  it("a round needs at least one category", () => {
    const form = validForm();
    for (const key of Object.keys(form)) if (key.startsWith("categories.")) delete form[key];
    expect(errorsOf(form)).toMatchObject({ categories: "Add at least one category." });
  });

  it("a round can have at most 10 categories", () => {
    const form = validForm();
    for (let i = 0; i < 11; i++) form[`categories.${i}.name`] = `Category ${i}`;
    form.shortlistSize = "40";
    expect(errorsOf(form)).toEqual({ categories: "A round can have at most 10 categories." });
  });

  it("a category's errors show at its own fields", () => {
    expect(errorsOf(withField("categories.1.name", "C"))).toEqual({
      "categories.1.name": "The category's name must be at least 2 characters.",
    });
    expect(errorsOf(withField("categories.0.description", "x".repeat(501)))).toEqual({
      "categories.0.description": "The description must be at most 500 characters.",
    });
  });

  it("two categories cannot share a name, ignoring case", () => {
    expect(errorsOf(withField("categories.1.name", "digital"))).toEqual({
      "categories.1.name": "Two categories cannot share a name.",
    });
  });

  it("money is entered in pounds and must be more than nothing", () => {
    expect(errorsOf(withField("maxAward", "thirty grand"))).toEqual({
      maxAward: "Enter an amount in pounds, like 30,000 or 30,000.50.",
    });
    expect(errorsOf(withField("maxAward", "0"))).toEqual({ maxAward: "The maximum award must be more than £0." });
  });

  it("the pot must be at least the maximum award", () => {
    expect(errorsOf(withField("pot", "29,999.99"))).toEqual({
      pot: "The pot must be at least the maximum award (£30,000).",
    });
    expect(errorsOf(withField("pot", "30,000"))).toEqual({});
  });

  it("a schedule time that does not exist in London is refused at its field", () => {
    const errors = errorsOf({
      ...validForm(),
      "schedule.ideasOpensAt": "2027-03-28T01:30",
      "schedule.proposalsOpensAt": "2027-04-01T17:00",
    });
    expect(errors).toEqual({
      "schedule.ideasOpensAt":
        "01:30 on 28 March 2027 does not exist in London: the clocks go forward from 1:00am to 2:00am. Choose another time.",
    });
  });

  it("each schedule time must come after the one before it", () => {
    expect(errorsOf(withField("schedule.votingOpensAt", "2027-04-19T17:00"))).toEqual({
      "schedule.votingOpensAt": "The opening of voting must be after the start of shortlisting.",
    });
  });

  it("the round's close, when given, must come after voting closes", () => {
    expect(parsed(withField("schedule.closesAt", "2028-06-30T17:00")).schedule.closesAt).toEqual(
      new Date("2028-06-30T16:00Z"),
    );
    expect(errorsOf(withField("schedule.closesAt", "2027-05-31T16:59"))).toEqual({
      "schedule.closesAt": "The close of the round must be after the close of voting.",
    });
  });

  it("a form without a schedule shows an error at every schedule field", () => {
    const form = validForm();
    for (const key of Object.keys(form)) if (key.startsWith("schedule.")) delete form[key];
    expect(Object.keys(errorsOf(form)).sort()).toEqual([
      "schedule.ideasOpensAt",
      "schedule.proposalsOpensAt",
      "schedule.shortlistingOpensAt",
      "schedule.votingClosesAt",
      "schedule.votingOpensAt",
    ]);
  });

  it.each(["0", "11", "2.5", "", "three"])("%s picks per category is refused", (picks) => {
    expect(Object.keys(errorsOf(withField("picksPerCategory", picks)))).toContain("picksPerCategory");
  });

  it.each([
    ["2/3", 2 / 3],
    ["0.5", 0.5],
    ["50%", 0.5],
    ["1", 1],
  ])("a funded fraction of %s is %d", (input, fraction) => {
    expect(parsed(withField("fundingRule.fraction", input)).fundingRule).toEqual({ kind: "topFraction", fraction });
  });

  it.each(["0", "0%", "1.5", "3/2", "two thirds", ""])("a funded fraction of %s is refused", (input) => {
    expect(errorsOf(withField("fundingRule.fraction", input))).toEqual({
      "fundingRule.fraction": "Enter a fraction more than 0 and at most 1, like 2/3 or 0.5.",
    });
  });

  it("top N needs at least one per category", () => {
    const form = { ...validForm(), "fundingRule.kind": "topN" };
    expect(parsed({ ...form, "fundingRule.n": "4" }).fundingRule).toEqual({ kind: "topN", n: 4 });
    expect(errorsOf({ ...form, "fundingRule.n": "0" })).toEqual({
      "fundingRule.n": "The number to fund in each category must be at least 1.",
    });
  });

  it.each(["fundAll", "greedyWithinPot"])("the %s rule needs no number", (kind) => {
    expect(parsed(withField("fundingRule.kind", kind)).fundingRule).toEqual({ kind });
  });

  it("an unknown funding rule is refused at the rule's field", () => {
    expect(errorsOf(withField("fundingRule.kind", "lottery"))).toEqual({
      "fundingRule.kind": "Choose how votes decide the awards.",
    });
  });

  it("the shortlist must leave room for every category's picks, or voting could never open", () => {
    expect(errorsOf(withField("shortlistSize", "5"))).toEqual({
      shortlistSize:
        "Each of the 2 categories needs at least 3 shortlisted proposals for voting to open; make the shortlist at least 6.",
    });
    expect(errorsOf(withField("shortlistSize", "6"))).toEqual({});
  });

  it("who may comment is accounts or members", () => {
    expect(parsed(withField("commentPolicy", "members")).commentPolicy).toBe("members");
    expect(errorsOf(withField("commentPolicy", "everyone"))).toEqual({ commentPolicy: "Choose who may comment." });
  });

  it("a rubric criterion's errors show at its own fields", () => {
    expect(errorsOf(withField("rubric.1.anchors.2", " "))).toEqual({
      "rubric.1.anchors.2": "Enter what a score of 3 means.",
    });
    expect(errorsOf(withField("rubric.0.weight", "11"))).toEqual({
      "rubric.0.weight": "The weight must be at most 10.",
    });
    expect(errorsOf(withField("rubric.2.name", "Need and impact"))).toEqual({
      "rubric.2.name": "Two criteria cannot share a name.",
    });
  });

  it("a rubric needs at least one criterion", () => {
    const form = validForm();
    for (const key of Object.keys(form)) if (key.startsWith("rubric.")) delete form[key];
    expect(errorsOf(form)).toEqual({ rubric: "Add at least one criterion." });
  });

  it("every error shows at once, including checks across fields", () => {
    const errors = errorsOf({ ...validForm(), title: "", pot: "1,000", "schedule.votingClosesAt": "2027-05-01T09:00" });
    expect(Object.keys(errors).sort()).toEqual(["pot", "schedule.votingClosesAt", "title"]);
  });
});

describe("the default rubric", () => {
  it("has four or five criteria, each with five anchors and a weight from 1 to 10, and passes validation", () => {
    const rubric = defaultRubric();
    expect(rubric.length).toBeGreaterThanOrEqual(4);
    expect(rubric.length).toBeLessThanOrEqual(5);
    for (const criterion of rubric) {
      expect(criterion.anchors).toHaveLength(5);
      expect(RubricCriterionSchema.safeParse(criterion).success).toBe(true);
    }
  });

  it("is a fresh copy each time, so editing one round's rubric cannot change another's", () => {
    const first = defaultRubric();
    first[0].anchors[0] = "changed";
    expect(defaultRubric()[0].anchors[0]).not.toBe("changed");
  });
});

describe("nesting flat form names", () => {
  it("turns dotted names into objects and numbered rows into lists", () => {
    expect(nestFormFields({ "a.0.b": "x", "a.1.b": "y", "c.d": "z", e: "w" })).toEqual({
      a: [{ b: "x" }, { b: "y" }],
      c: { d: "z" },
      e: "w",
    });
  });

  it("ignores names that would reach an object's prototype", () => {
    const nested = nestFormFields({ "__proto__.polluted": "yes", "constructor.prototype.polluted": "yes" });
    expect(nested).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
