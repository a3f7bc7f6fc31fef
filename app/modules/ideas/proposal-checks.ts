// What a proposal needs before it can be submitted: pure, so the check page and the use case agree.
import { budgetProblem, type BudgetLineAmount } from "./budget";

export type ProposalText = { aimsMd: string; deliveryMd: string; learningMd: string; contributeMd: string };

const REQUIRED: Record<keyof ProposalText, string> = {
  aimsMd: "Say what the project aims to achieve.",
  deliveryMd: "Say how the project will be delivered.",
  learningMd: "Say how the project will share what it learns.",
  contributeMd: "Say how others can contribute.",
};

/** Field errors (empty when the proposal can be submitted). */
export function submissionProblems(
  text: ProposalText | null,
  milestones: readonly unknown[],
  lines: readonly BudgetLineAmount[],
  maxAwardPence: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(REQUIRED) as [keyof ProposalText, string][]) {
    if (!text || !text[field].trim()) errors[field] = message;
  }
  if (milestones.length === 0) errors.milestones = "Add at least one milestone to the timeline.";
  const budget = budgetProblem(lines, maxAwardPence);
  if (budget) errors.budget = budget;
  return errors;
}

/** Why the proposal of an idea in this state cannot be written now, or null when it can. */
export function proposalStateRefusal(state: string): string | null {
  if (state === "draft") return "Publish the idea before you write its proposal.";
  if (state !== "published" && state !== "submitted") return "This proposal can no longer be changed.";
  return null;
}
