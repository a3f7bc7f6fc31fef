import { describe, expect, it } from "vitest";
import { IdeaFieldsSchema, ProposalFieldsSchema } from "../../app/modules/ideas/validation.server";

const CATEGORY = "5b0c6a3e-6d1f-4d43-9a59-2f8f3c1f7a10";

describe("the idea form", () => {
  it("limits are checked at their fields, with words counted without markdown", () => {
    const result = IdeaFieldsSchema.safeParse({
      title: "x".repeat(121),
      summary: "y".repeat(281),
      categoryId: "not-a-category",
      challengeMd: `**${"word ".repeat(500)}** [link](https://example.org)`,
    });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(errors).toEqual({
      title: "The title must be 120 characters or fewer.",
      summary: "The summary must be 280 characters or fewer.",
      categoryId: "Choose a category.",
      challengeMd: "The challenge must be 500 words or fewer; it has 501 words.",
    });
  });

  it("a Windows line break counts as one character, and one topic arrives as a list", () => {
    const result = IdeaFieldsSchema.parse({
      title: "T",
      summary: `${"a".repeat(139)}\r\n${"b".repeat(140)}`,
      categoryId: CATEGORY,
      challengeMd: "",
      topicIds: CATEGORY,
    });
    expect(result.summary).toHaveLength(280);
    expect(result.topicIds).toEqual([CATEGORY]);
  });
});

describe("the proposal form", () => {
  it("wholly blank rows are dropped, and errors keep the row's index in the form", () => {
    const result = ProposalFieldsSchema.safeParse({
      "milestones.0.title": "",
      "milestones.0.month": "",
      "milestones.0.year": "",
      "milestones.1.title": "Pilot",
      "milestones.1.month": "13",
      "milestones.1.year": "27",
      "budget.0.description": "Venue",
      "budget.0.amount": "-5",
    });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(errors).toEqual({
      "milestones.1.month": "Enter the target month as a number from 1 to 12.",
      "milestones.1.year": "Enter the target year as four digits, like 2027.",
      "budget.0.amount": "Enter an amount that is not negative.",
    });
  });

  it("rows become milestones on the first of the month and budget lines in pence", () => {
    const result = ProposalFieldsSchema.parse({
      aimsMd: "Aims",
      "milestones.0.title": "",
      "milestones.1.title": "Pilot",
      "milestones.1.month": "9",
      "milestones.1.year": "2027",
      "budget.0.description": "Coordinator",
      "budget.0.amount": "£12,500.50",
    });
    expect(result.milestones).toEqual([{ title: "Pilot", targetMonth: "2027-09-01" }]);
    expect(result.budget).toEqual([{ description: "Coordinator", amountPence: 1_250_050 }]);
    expect(result.deliveryMd).toBe("");
  });

  it("each proposal field has its own word limit", () => {
    const result = ProposalFieldsSchema.safeParse({ contributeMd: "word ".repeat(201) });
    expect(result.error!.issues[0]).toMatchObject({
      path: ["contributeMd"],
      message: "How others can contribute must be 200 words or fewer; it has 201 words.",
    });
  });
});
