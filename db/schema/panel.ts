import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { ideas } from "./ideas";
import { rounds } from "./rounds";

const at = () => timestamp({ withTimezone: true });

/** A reviewer on a round's panel; at most one chair per round. Reviewers need not be members. */
export const panelMembers = pgTable(
  "panel_members",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isChair: boolean().notNull().default(false),
    addedAt: at().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.userId] }),
    index("panel_members_user_idx").on(t.userId),
    uniqueIndex("panel_members_one_chair_key")
      .on(t.roundId)
      .where(sql`${t.isChair}`),
  ],
);

/** A reviewer asked to review one proposal (the idea id is the proposal's id). */
export const panelAssignments = pgTable(
  "panel_assignments",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedAt: at().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.reviewerId] }),
    index("panel_assignments_reviewer_idx").on(t.reviewerId, t.roundId),
  ],
);

export const CONFLICT_KINDS = ["team", "organisation", "engagement", "declared"] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const conflictKind = pgEnum("panel_conflict_kind", CONFLICT_KINDS);

/**
 * A reviewer's conflict with a proposal. Whether it blocks review:
 * - team: always blocked; organisation: blocked unless overridden (override reason required);
 * - engagement (supported the idea): flagged only, never blocks;
 * - declared: the reviewer recused themselves with a reason; blocked.
 * Detected rows are refreshed when the panel page assigns; declared rows are never removed.
 */
export const panelConflicts = pgTable(
  "panel_conflicts",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: conflictKind().notNull(),
    /** What was found (e.g. "Same organisation as Ada Lovelace: NHS Trust") or the reviewer's reason. */
    detail: text().notNull(),
    overriddenAt: at(),
    overriddenById: uuid().references(() => users.id, { onDelete: "set null" }),
    overrideReason: text(),
    createdAt: at().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.reviewerId, t.kind] }),
    index("panel_conflicts_reviewer_idx").on(t.reviewerId),
    check(
      "panel_conflicts_override_check",
      sql`(${t.overriddenAt} is null) = (${t.overrideReason} is null) and (${t.overriddenAt} is null or ${t.kind} = 'organisation')`,
    ),
  ],
);

/** Criterion scores keyed by criterion index in the round's rubric (as a string). */
export type StoredCriterionScore = { criterionId: string; score: number };
export const reviewStatus = pgEnum("panel_review_status", ["draft", "submitted"]);

export const panelReviews = pgTable(
  "panel_reviews",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scores: jsonb().$type<StoredCriterionScore[]>().notNull().default([]),
    panelComment: text().notNull().default(""),
    applicantFeedback: text().notNull().default(""),
    status: reviewStatus().notNull().default("draft"),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    submittedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.reviewerId] }),
    index("panel_reviews_round_idx").on(t.roundId, t.status),
    check("panel_reviews_submitted_check", sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
  ],
);

/** The confirmed shortlist decision for one proposal; a departure from the recommendation needs a rationale. */
export const shortlistDecisions = pgTable(
  "shortlist_decisions",
  {
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    ideaId: uuid()
      .primaryKey()
      .references(() => ideas.id, { onDelete: "cascade" }),
    included: boolean().notNull(),
    recommended: boolean().notNull(),
    rationale: text(),
    decidedById: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: at().notNull(),
  },
  (t) => [
    index("shortlist_decisions_round_idx").on(t.roundId, t.included),
    check("shortlist_decisions_rationale_check", sql`${t.included} = ${t.recommended} or ${t.rationale} is not null`),
  ],
);

/** Set once, when the shortlist is published: ideas move to shortlisted / not shortlisted; scores freeze. */
export const shortlistPublications = pgTable("shortlist_publications", {
  roundId: uuid()
    .primaryKey()
    .references(() => rounds.id, { onDelete: "cascade" }),
  publishedAt: at().notNull(),
  publishedById: uuid().references(() => users.id, { onDelete: "set null" }),
});

export type PanelMember = typeof panelMembers.$inferSelect;
export type PanelAssignment = typeof panelAssignments.$inferSelect;
export type PanelConflict = typeof panelConflicts.$inferSelect;
export type PanelReview = typeof panelReviews.$inferSelect;
export type ShortlistDecision = typeof shortlistDecisions.$inferSelect;
