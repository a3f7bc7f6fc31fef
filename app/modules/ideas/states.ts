// The states an idea moves through (DESIGN.md "Ideas and proposals"). Pure, so pages can use it
// without pulling the database schema into the browser; db/schema/ideas.ts builds its enum from it.
export const IDEA_STATES = [
  "draft",
  "published",
  "submitted",
  "shortlisted",
  "not_shortlisted",
  "funded",
  "not_funded",
  "withdrawn",
] as const;
export type IdeaState = (typeof IDEA_STATES)[number];
