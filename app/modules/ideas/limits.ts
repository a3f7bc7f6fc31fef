// Limits and labels shared by the forms (live counts in the browser) and the server checks.
import type { IdeaState } from "../../../db/schema/ideas";

export const LIMITS = {
  titleChars: 120,
  summaryChars: 280,
  challengeWords: 500,
  aimsWords: 300,
  deliveryWords: 500,
  learningWords: 300,
  contributeWords: 200,
  milestoneTitleChars: 120,
  budgetDescriptionChars: 200,
  maxMilestones: 20,
  maxBudgetLines: 30,
  maxTopics: 5,
} as const;

export const STATE_LABELS: Record<IdeaState, string> = {
  draft: "Draft",
  published: "Idea",
  submitted: "Proposal submitted",
  shortlisted: "Shortlisted",
  not_shortlisted: "Not shortlisted",
  funded: "Funded",
  not_funded: "Not funded",
  withdrawn: "Withdrawn",
};

/** Badge colour class for each state; the text always says the state. */
export const STATE_BADGES: Record<IdeaState, string> = {
  draft: "badge--neutral",
  published: "badge--neutral",
  submitted: "badge--accent",
  shortlisted: "badge--accent",
  not_shortlisted: "badge--neutral",
  funded: "badge--success",
  not_funded: "badge--neutral",
  withdrawn: "badge--warning",
};

/** States anyone may see. Drafts are the team's alone. */
export const PUBLIC_STATES = [
  "published",
  "submitted",
  "shortlisted",
  "not_shortlisted",
  "funded",
  "not_funded",
  "withdrawn",
] as const;
/** States in which a proposal has been submitted (and so counts as the lead's one proposal). */
export const SUBMITTED_STATES = ["submitted", "shortlisted", "not_shortlisted", "funded", "not_funded"] as const;

export const SORTS = {
  newest: "Newest",
  discussed: "Most discussed",
  supported: "Most supported",
  updated: "Recently updated",
} as const;
export type Sort = keyof typeof SORTS | "relevance";

/** States in which the team may still edit the idea (the round's phase decides the rest). */
export const EDITABLE_STATES = ["draft", "published", "submitted"] as const;
/** States in which members may support an idea. */
export const SUPPORTABLE_STATES = [
  "published",
  "submitted",
  "shortlisted",
  "not_shortlisted",
  "funded",
  "not_funded",
] as const;
/** States from which the lead may withdraw a proposal. */
export const WITHDRAWABLE_STATES = ["submitted", "shortlisted", "not_shortlisted"] as const;

export function inStates(states: readonly IdeaState[], state: IdeaState): boolean {
  return states.includes(state);
}
