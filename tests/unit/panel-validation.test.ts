import { describe, expect, it } from "vitest";
import { shortlistOutcomeEmail } from "../../app/modules/panel/emails";
import { reviewSchema, shortlistFormDecisions } from "../../app/modules/panel/validation";

describe("the review form", () => {
  const schema = reviewSchema(3);

  it("a draft may leave scores and the comment out", () => {
    const parsed = schema.parse({ intent: "draft", "score-1": "4", panelComment: "", applicantFeedback: "" });
    expect(parsed).toEqual({
      scores: [{ criterionId: "1", score: 4 }],
      panelComment: "",
      applicantFeedback: "",
      submit: false,
    });
  });

  it("a submission needs a score for every criterion and a comment for the panel", () => {
    const result = schema.safeParse({ intent: "submit", "score-0": "2", panelComment: " ", applicantFeedback: "" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["panelComment", "score-1", "score-2"]);
  });

  it("scores are whole numbers from 1 to 5", () => {
    expect(schema.safeParse({ intent: "draft", "score-0": "6" }).success).toBe(false);
    expect(schema.safeParse({ intent: "draft", "score-0": "2.5" }).success).toBe(false);
    expect(
      schema
        .parse({ intent: "submit", "score-0": "1", "score-1": "5", "score-2": "3", panelComment: "Fine." })
        .scores.map((s) => s.score),
    ).toEqual([1, 5, 3]);
  });
});

describe("the shortlist form", () => {
  it("reads a ticked box as included and keeps a rationale only when one is given", () => {
    const form = new FormData();
    form.set("include-a", "on");
    form.set("rationale-b", "  Out of scope. ");
    expect(shortlistFormDecisions(form, ["a", "b"])).toEqual([
      { ideaId: "a", included: true, rationale: null },
      { ideaId: "b", included: false, rationale: "Out of scope." },
    ]);
  });
});

describe("the outcome email", () => {
  it("says the outcome and quotes each reviewer's feedback, or says there was none", () => {
    const yes = shortlistOutcomeEmail({
      name: "Ada",
      title: "Walks",
      round: "Q 2027",
      included: true,
      feedback: ["Strong.", "Costed well."],
      link: "https://x/y",
    });
    expect(yes.subject).toBe("“Walks” is shortlisted");
    expect(yes.text).toContain("Reviewer 2:\nCosted well.");
    const no = shortlistOutcomeEmail({
      name: "Ada",
      title: "Walks",
      round: "Q 2027",
      included: false,
      feedback: [],
      link: "https://x/y",
    });
    expect(no.text).toContain("has not shortlisted it this time");
    expect(no.text).toContain("no written feedback");
  });
});
