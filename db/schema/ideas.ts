import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { IDEA_STATES, type IdeaState } from "../../app/modules/ideas/states";
import { users } from "./accounts";

export { IDEA_STATES, type IdeaState };
import { roundCategories, rounds, roundTopics } from "./rounds";

export const ideaState = pgEnum("idea_state", IDEA_STATES);
export const teamRole = pgEnum("team_role", ["lead", "member"]);
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const at = () => timestamp({ withTimezone: true });

export const ideas = pgTable(
  "ideas",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Restrict: a round that has ideas is part of the record and is never deleted.
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "restrict" }),
    categoryId: uuid()
      .notNull()
      .references(() => roundCategories.id, { onDelete: "restrict" }),
    // Chosen once from the first title and never changed, so shared links keep working.
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    challengeMd: text().notNull(),
    challengeHtml: text().notNull(),
    state: ideaState().notNull().default("draft"),
    // Optimistic locking: every save must name the version it started from.
    version: integer().notNull().default(1),
    leadId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    supportCount: integer().notNull().default(0),
    // Visible comments (not deleted, not hidden), kept by the conversation module for lists and sorts.
    commentCount: integer().notNull().default(0),
    // Weighted title > summary > body. A generated column works the same on PostgreSQL 15 and PGlite.
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("summary", '')), 'B') || setweight(to_tsvector('english', coalesce("challenge_md", '')), 'C')`,
      ),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    publishedAt: at(),
    submittedAt: at(),
    withdrawnAt: at(),
    // Anything that happened to the idea (edits, supports, later comments).
    lastActivityAt: at().notNull(),
  },
  (t) => [
    unique("ideas_round_slug_key").on(t.roundId, t.slug),
    index("ideas_round_state_idx").on(t.roundId, t.state, t.publishedAt),
    // The ideas list in its default order (newest first) reads just the page from this index.
    index("ideas_round_published_idx").on(t.roundId, t.publishedAt.desc().nullsFirst(), t.id),
    index("ideas_lead_idx").on(t.leadId),
    index("ideas_search_idx").using("gin", t.search),
    check("ideas_support_count_check", sql`${t.supportCount} >= 0`),
    check("ideas_comment_count_check", sql`${t.commentCount} >= 0`),
    // A member may post many ideas but submit only one proposal per round.
    uniqueIndex("ideas_one_proposal_per_lead_key")
      .on(t.roundId, t.leadId)
      .where(sql`${t.state} in ('submitted', 'shortlisted', 'not_shortlisted', 'funded', 'not_funded')`),
  ],
);

export const ideaTopics = pgTable(
  "idea_topics",
  {
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    // Restrict: a topic that ideas use cannot be deleted (the admin form says to rename it instead).
    topicId: uuid()
      .notNull()
      .references(() => roundTopics.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.topicId] }), index("idea_topics_topic_idx").on(t.topicId)],
);

export const ideaTeamMembers = pgTable(
  "idea_team_members",
  {
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole().notNull(),
    joinedAt: at().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("idea_team_members_user_idx").on(t.userId),
    uniqueIndex("idea_team_members_one_lead_key")
      .on(t.ideaId)
      .where(sql`${t.role} = 'lead'`),
  ],
);

export const ideaInvitations = pgTable(
  "idea_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    // Lower-cased. No account needs to exist: the invitation waits for whoever signs in with it.
    email: text().notNull(),
    // SHA-256 (hex) of the token in the emailed link.
    tokenHash: text().notNull(),
    status: invitationStatus().notNull().default("pending"),
    invitedById: uuid().references(() => users.id, { onDelete: "set null" }),
    respondedById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull(),
    respondedAt: at(),
  },
  (t) => [
    unique("idea_invitations_token_key").on(t.tokenHash),
    index("idea_invitations_email_idx")
      .on(t.email)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex("idea_invitations_pending_key")
      .on(t.ideaId, t.email)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const ideaRevisions = pgTable(
  "idea_revisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    challengeMd: text().notNull(),
    // Saved while the idea was public; revisions of a draft are shown to its team only.
    isPublic: boolean().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull(),
  },
  (t) => [unique("idea_revisions_version_key").on(t.ideaId, t.version)],
);

export const proposals = pgTable("proposals", {
  ideaId: uuid()
    .primaryKey()
    .references(() => ideas.id, { onDelete: "cascade" }),
  aimsMd: text().notNull().default(""),
  aimsHtml: text().notNull().default(""),
  deliveryMd: text().notNull().default(""),
  deliveryHtml: text().notNull().default(""),
  learningMd: text().notNull().default(""),
  learningHtml: text().notNull().default(""),
  contributeMd: text().notNull().default(""),
  contributeHtml: text().notNull().default(""),
  createdAt: at().notNull(),
  updatedAt: at().notNull(),
  submittedAt: at(),
  withdrawnAt: at(),
});

export const proposalMilestones = pgTable(
  "proposal_milestones",
  {
    id: uuid().primaryKey().defaultRandom(),
    ideaId: uuid()
      .notNull()
      .references(() => proposals.ideaId, { onDelete: "cascade" }),
    title: text().notNull(),
    // The first day of the target month.
    targetMonth: date({ mode: "string" }).notNull(),
    position: integer().notNull(),
  },
  (t) => [
    index("proposal_milestones_idea_idx").on(t.ideaId, t.position),
    check("proposal_milestones_month_check", sql`extract(day from ${t.targetMonth}) = 1`),
  ],
);

export const proposalBudgetLines = pgTable(
  "proposal_budget_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    ideaId: uuid()
      .notNull()
      .references(() => proposals.ideaId, { onDelete: "cascade" }),
    description: text().notNull(),
    amountPence: integer().notNull(),
    position: integer().notNull(),
  },
  (t) => [
    index("proposal_budget_lines_idea_idx").on(t.ideaId, t.position),
    check("proposal_budget_lines_amount_check", sql`${t.amountPence} > 0`),
  ],
);

export const supports = pgTable(
  "supports",
  {
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("supports_user_idx").on(t.userId)],
);

export type Idea = typeof ideas.$inferSelect;
export type IdeaRevision = typeof ideaRevisions.$inferSelect;
export type IdeaInvitation = typeof ideaInvitations.$inferSelect;
export type Proposal = typeof proposals.$inferSelect;
export type ProposalMilestone = typeof proposalMilestones.$inferSelect;
export type ProposalBudgetLine = typeof proposalBudgetLines.$inferSelect;
