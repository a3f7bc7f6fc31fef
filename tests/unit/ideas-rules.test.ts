import { describe, expect, it } from "vitest";
import { budgetProblem, budgetTotal } from "../../app/modules/ideas/budget";
import { diffIdeaText, wordDiff } from "../../app/modules/ideas/diff";
import { removeRow, rowCount, rowIntent, typedBudgetTotal } from "../../app/modules/ideas/form-rows";
import { listHref, parseListParams } from "../../app/modules/ideas/list-params";
import { canSeeBudgetLines, canViewIdea } from "../../app/modules/ideas/permissions";
import { submissionProblems } from "../../app/modules/ideas/proposal-checks";
import { ideaSlugBase, uniqueSlug } from "../../app/modules/ideas/slug";
import { countWords } from "../../app/modules/ideas/words.server";

describe("word counts (markdown stripped)", () => {
  it("markdown syntax does not count as words", () => {
    expect(countWords("**Bold** and _italic_ words")).toBe(4);
    expect(countWords("- one\n- two\n\n1. three")).toBe(3);
    expect(countWords("# A heading\n\nA [linked phrase](https://example.org/a/very/long/url) here.")).toBe(6);
    expect(countWords("> quoted text\n\n`code` too")).toBe(4);
  });

  it("an empty or whitespace-only text has no words", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n\n ")).toBe(0);
    expect(countWords("---")).toBe(0);
  });

  it("raw HTML in markdown is stripped rather than counted", () => {
    expect(countWords("<b>two words</b> <script>alert(1)</script>")).toBe(2);
  });
});

describe("budget totals and limits", () => {
  it("the total is the sum of the lines in pence", () => {
    expect(budgetTotal([{ amountPence: 1_500_000 }, { amountPence: 250_050 }])).toBe(1_750_050);
    expect(budgetTotal([])).toBe(0);
  });

  it("a budget exactly at the maximum award is allowed; a penny over is refused with the excess", () => {
    expect(budgetProblem([{ amountPence: 3_000_000 }], 3_000_000)).toBeNull();
    expect(budgetProblem([{ amountPence: 2_000_000 }, { amountPence: 1_000_001 }], 3_000_000)).toBe(
      "The budget totals £30,000.01, more than the maximum award of £30,000. Reduce it by £0.01.",
    );
  });

  it("a budget needs at least one line", () => {
    expect(budgetProblem([], 3_000_000)).toBe("Add at least one budget line.");
  });

  it("a proposal needs every text field, a milestone and a budget within the award to be submitted", () => {
    const text = { aimsMd: "a", deliveryMd: "b", learningMd: " ", contributeMd: "d" };
    expect(submissionProblems(text, [], [{ amountPence: 1 }], 100)).toEqual({
      learningMd: "Say how the project will share what it learns.",
      milestones: "Add at least one milestone to the timeline.",
    });
    expect(Object.keys(submissionProblems(null, [{}], [], 100)).sort()).toEqual([
      "aimsMd",
      "budget",
      "contributeMd",
      "deliveryMd",
      "learningMd",
    ]);
  });
});

describe("idea slugs", () => {
  it("a slug is the title in lower case with hyphens, accents removed", () => {
    expect(ideaSlugBase("Café-style “Drop-in” Clinics: 2027!")).toBe("cafe-style-drop-in-clinics-2027");
  });

  it("a title with nothing sluggable becomes 'idea', and a reserved word is avoided", () => {
    expect(ideaSlugBase("???")).toBe("idea");
    expect(ideaSlugBase("New")).toBe("new-idea");
  });

  it("long titles are cut at 60 characters without a trailing hyphen", () => {
    const slug = ideaSlugBase("a".repeat(59) + " bcd");
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("a taken slug gets the first free number", () => {
    expect(uniqueSlug("clinics", [])).toBe("clinics");
    expect(uniqueSlug("clinics", ["clinics", "clinics-2", "clinics-4"])).toBe("clinics-3");
  });
});

describe("who sees what", () => {
  const lead = { id: "l", membership: "approved" as const, isAdmin: false };
  const visitor = { id: "v", membership: "none" as const, isAdmin: false };
  const admin = { id: "a", membership: "none" as const, isAdmin: true };
  const team = [{ userId: "l", role: "lead" as const }];

  it("a draft is seen by its team and admins only; a published idea by everyone", () => {
    expect(canViewIdea("draft", lead, team)).toBe(true);
    expect(canViewIdea("draft", admin, team)).toBe(true);
    expect(canViewIdea("draft", visitor, team)).toBe(false);
    expect(canViewIdea("draft", null, team)).toBe(false);
    expect(canViewIdea("published", null, team)).toBe(true);
  });

  it("budget lines are for the team and admins; visitors see only the total", () => {
    expect(canSeeBudgetLines(lead, team)).toBe(true);
    expect(canSeeBudgetLines(admin, team)).toBe(true);
    expect(canSeeBudgetLines(visitor, team)).toBe(false);
    expect(canSeeBudgetLines(null, team)).toBe(false);
  });
});

describe("word diffs", () => {
  it("a word diff marks added and removed words and keeps the rest", () => {
    expect(wordDiff("fewer missed appointments", "far fewer missed clinic appointments")).toEqual([
      { kind: "added", text: "far " },
      { kind: "same", text: "fewer missed " },
      { kind: "added", text: "clinic " },
      { kind: "same", text: "appointments" },
    ]);
  });

  it("an unchanged field is reported as unchanged", () => {
    const text = { title: "T", summary: "S", challengeMd: "C" };
    expect(diffIdeaText(text, { ...text, summary: "S2" }).map((f) => [f.field, f.changed])).toEqual([
      ["title", false],
      ["summary", true],
      ["challengeMd", false],
    ]);
  });
});

describe("the list's state in the URL", () => {
  const known = { categoryIds: ["c1"], topicIds: ["t1"] };
  it("unknown filters are ignored and a search sorts by best match unless told otherwise", () => {
    const params = parseListParams(new URLSearchParams("q=clinic&category=zzz&topic=t1&state=draft&page=-3"), known);
    expect(params).toEqual({ q: "clinic", category: "", topic: "t1", state: "", sort: "relevance", page: 1 });
    expect(parseListParams(new URLSearchParams("sort=relevance"), known).sort).toBe("newest");
  });

  it("a link keeps every filter and leaves defaults out", () => {
    const params = parseListParams(new URLSearchParams("q=clinic&category=c1&sort=supported"), known);
    expect(listHref("/rounds/2027/ideas", params, { page: 2 })).toBe(
      "/rounds/2027/ideas?q=clinic&category=c1&sort=supported&page=2",
    );
    expect(listHref("/rounds/2027/ideas", parseListParams(new URLSearchParams(""), known))).toBe("/rounds/2027/ideas");
  });
});

describe("repeating rows without JavaScript", () => {
  const values = {
    aimsMd: "x",
    "budget.0.description": "A",
    "budget.0.amount": "1,000",
    "budget.1.description": "B",
    "budget.1.amount": "oops",
    "budget.2.description": "C",
    "budget.2.amount": "£250.50",
  };

  it("counts rows by their highest index", () => {
    expect(rowCount(values, "budget")).toBe(3);
    expect(rowCount(values, "milestones")).toBe(0);
  });

  it("removing a row moves the later rows up and keeps every other field", () => {
    expect(removeRow(values, "budget", 1)).toEqual({
      aimsMd: "x",
      "budget.0.description": "A",
      "budget.0.amount": "1,000",
      "budget.1.description": "C",
      "budget.1.amount": "£250.50",
    });
  });

  it("the running total adds the amounts typed so far and skips ones that do not parse", () => {
    expect(typedBudgetTotal(values)).toBe(100_000 + 25_050);
  });

  it("reads the row buttons' intents", () => {
    expect(rowIntent("add-milestone")).toEqual({ kind: "add", prefix: "milestones", index: -1 });
    expect(rowIntent("remove-budget:4")).toEqual({ kind: "remove", prefix: "budget", index: 4 });
    expect(rowIntent("save")).toBeNull();
  });
});
