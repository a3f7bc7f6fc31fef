import { sql } from "drizzle-orm";
import {
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { ideas } from "./ideas";
import { rounds } from "./rounds";
import {
  MILESTONE_STATUSES,
  PROJECT_STATUSES,
  UPDATE_KINDS,
  type MilestoneStatus,
  type OutputLink,
  type ProjectStatus,
  type UpdateKind,
} from "../../app/modules/delivery/states";

export {
  MILESTONE_STATUSES,
  PROJECT_STATUSES,
  UPDATE_KINDS,
  type MilestoneStatus,
  type OutputLink,
  type ProjectStatus,
  type UpdateKind,
};

// Delivery: a funded proposal becomes a project; its team keeps milestones and publishes updates.
export const projectStatus = pgEnum("project_status", PROJECT_STATUSES);
export const milestoneStatus = pgEnum("milestone_status", MILESTONE_STATUSES);
export const updateKind = pgEnum("update_kind", UPDATE_KINDS);
export const updateStatus = pgEnum("update_status", ["draft", "published"]);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const at = () => timestamp({ withTimezone: true });

export const projects = pgTable(
  "projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    // One project per funded idea: the unique key makes starting projects idempotent.
    ideaId: uuid()
      .notNull()
      .references(() => ideas.id, { onDelete: "restrict" }),
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "restrict" }),
    // The proposal's requested total when the project started, in pence.
    awardPence: integer().notNull(),
    // Completed when the team publishes its final report.
    status: projectStatus().notNull().default("in_progress"),
    startedAt: at().notNull(),
    // The newest published update (null until the first): the reminder loop and sorts read it.
    lastUpdateAt: at(),
  },
  (t) => [
    unique("projects_idea_key").on(t.ideaId),
    index("projects_round_idx").on(t.roundId, t.status),
    check("projects_award_check", sql`${t.awardPence} >= 0`),
  ],
);

export const projectMilestones = pgTable(
  "project_milestones",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text().notNull(),
    // The first day of the month the milestone is due in.
    dueMonth: date({ mode: "string" }).notNull(),
    status: milestoneStatus().notNull().default("not_started"),
    // Required when dropped: the public is told why.
    dropReason: text(),
    progress: integer().notNull().default(0),
    position: integer().notNull(),
    updatedAt: at().notNull(),
  },
  (t) => [
    index("project_milestones_project_idx").on(t.projectId, t.position),
    check("project_milestones_month_check", sql`extract(day from ${t.dueMonth}) = 1`),
    check("project_milestones_progress_check", sql`${t.progress} between 0 and 100`),
    check("project_milestones_drop_reason_check", sql`${t.status} <> 'dropped' or ${t.dropReason} is not null`),
  ],
);

export const projectUpdates = pgTable(
  "project_updates",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // 1, 2, 3 … within the project: the update's address.
    number: integer().notNull(),
    kind: updateKind().notNull().default("update"),
    status: updateStatus().notNull().default("draft"),
    title: text().notNull(),
    bodyMd: text().notNull(),
    bodyHtml: text().notNull(),
    // Final reports only: what the project achieved, and links to what it made.
    outcomesMd: text().notNull().default(""),
    outcomesHtml: text().notNull().default(""),
    outputLinks: jsonb().$type<OutputLink[]>().notNull().default([]),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    publishedAt: at(),
    // Set when a published update is changed; shown as "edited".
    editedAt: at(),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("body_md", '')), 'B') || setweight(to_tsvector('english', coalesce("outcomes_md", '')), 'C')`,
      ),
  },
  (t) => [
    unique("project_updates_number_key").on(t.projectId, t.number),
    index("project_updates_published_idx")
      .on(t.publishedAt)
      .where(sql`${t.status} = 'published'`),
    index("project_updates_project_idx").on(t.projectId, t.publishedAt),
    index("project_updates_search_idx").using("gin", t.search),
    check("project_updates_published_check", sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
  ],
);

/** Milestone changes the team made with an update; applied when the update is published. */
export const updateMilestoneChanges = pgTable(
  "update_milestone_changes",
  {
    updateId: uuid()
      .notNull()
      .references(() => projectUpdates.id, { onDelete: "cascade" }),
    milestoneId: uuid()
      .notNull()
      .references(() => projectMilestones.id, { onDelete: "cascade" }),
    fromStatus: milestoneStatus(),
    toStatus: milestoneStatus().notNull(),
    fromProgress: integer(),
    toProgress: integer().notNull(),
    dropReason: text(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.milestoneId] })],
);

/** One reminder per project per quiet period, whichever server notices first. */
export const projectReminders = pgTable(
  "project_reminders",
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // "<start of the quiet spell, ISO>#<period number>"
    period: text().notNull(),
    sentAt: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.period] })],
);

export type Project = typeof projects.$inferSelect;
export type ProjectMilestone = typeof projectMilestones.$inferSelect;
export type ProjectUpdate = typeof projectUpdates.$inferSelect;
