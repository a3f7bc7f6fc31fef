import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { FrozenSettings, FundingRule } from "../../app/modules/rounds/frozen-settings";
import { PHASES } from "../../app/modules/rounds/rules";
import type { RubricCriterion } from "../../app/modules/rounds/validation";

// Enum values come from the rules module, so the database and the rules cannot disagree on the
// phase order (PostgreSQL compares enum values in declaration order).
export const roundPhase = pgEnum("round_phase", PHASES);
export const commentPolicy = pgEnum("comment_policy", ["accounts", "members"]);

const at = () => timestamp({ withTimezone: true });

export const rounds = pgTable(
  "rounds",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    themeMd: text().notNull(),
    // Sanitised HTML rendered from theme_md when it is saved.
    themeHtml: text().notNull(),
    phase: roundPhase().notNull().default("draft"),
    // The schedule: when each phase starts (see RoundSchedule in app/modules/rounds/rules.ts).
    ideasOpensAt: at().notNull(),
    proposalsOpensAt: at().notNull(),
    shortlistingOpensAt: at().notNull(),
    votingOpensAt: at().notNull(),
    votingClosesAt: at().notNull(),
    closesAt: at(),
    maxAwardPence: integer().notNull(),
    potPence: bigint({ mode: "number" }).notNull(),
    picksPerCategory: integer().notNull(),
    allowOwnIdea: boolean().notNull().default(false),
    fundingRule: jsonb().$type<FundingRule>().notNull(),
    shortlistSize: integer().notNull(),
    commentPolicy: commentPolicy().notNull().default("accounts"),
    rubric: jsonb().$type<RubricCriterion[]>().notNull(),
    // Written once, when voting opens; the hash is published with the results.
    frozenSettings: jsonb().$type<FrozenSettings>(),
    frozenSettingsHash: text(),
    frozenAt: at(),
    phaseChangedAt: at().notNull().defaultNow(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index("rounds_phase_idx").on(t.phase),
    check("rounds_money_check", sql`${t.maxAwardPence} > 0 and ${t.potPence} >= ${t.maxAwardPence}`),
    check("rounds_picks_check", sql`${t.picksPerCategory} between 1 and 10 and ${t.shortlistSize} >= 1`),
    check(
      "rounds_schedule_order_check",
      sql`${t.ideasOpensAt} < ${t.proposalsOpensAt} and ${t.proposalsOpensAt} < ${t.shortlistingOpensAt}
        and ${t.shortlistingOpensAt} < ${t.votingOpensAt} and ${t.votingOpensAt} < ${t.votingClosesAt}
        and (${t.closesAt} is null or ${t.votingClosesAt} < ${t.closesAt})`,
    ),
    // Frozen settings, their hash and the time they were frozen exist together or not at all.
    check(
      "rounds_frozen_check",
      sql`(${t.frozenSettings} is null) = (${t.frozenSettingsHash} is null) and (${t.frozenSettings} is null) = (${t.frozenAt} is null)`,
    ),
  ],
);

export const roundCategories = pgTable(
  "round_categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
  },
  (t) => [index("round_categories_round_idx").on(t.roundId)],
);

export const roundTopics = pgTable(
  "round_topics",
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    name: text().notNull(),
  },
  (t) => [unique("round_topics_round_name_key").on(t.roundId, t.name)],
);

export const transitionKind = ["scheduled", "early", "extension"] as const;
export type TransitionKind = (typeof transitionKind)[number];

export const roundTransitions = pgTable(
  "round_transitions",
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    fromPhase: roundPhase().notNull(),
    toPhase: roundPhase().notNull(),
    at: at().notNull(),
    // No foreign key: the record of who moved a round outlives their account.
    actorId: uuid(),
    reason: text(),
    kind: text().$type<TransitionKind>().notNull(),
  },
  (t) => [
    index("round_transitions_round_idx").on(t.roundId, t.at),
    check("round_transitions_kind_check", sql`${t.kind} in ('scheduled', 'early', 'extension')`),
    // An extension moves a deadline within a phase; a transition moves to the next phase.
    check(
      "round_transitions_shape_check",
      sql`(${t.kind} = 'extension') = (${t.fromPhase} = ${t.toPhase}) and ${t.toPhase} >= ${t.fromPhase}`,
    ),
    // A phase change can be recorded only once per round, however many schedulers race for it.
    // Extensions (from = to) may repeat, so they are left out.
    uniqueIndex("round_transitions_once_key")
      .on(t.roundId, t.fromPhase, t.toPhase)
      .where(sql`${t.kind} <> 'extension'`),
  ],
);

export type Round = typeof rounds.$inferSelect;
export type NewRound = typeof rounds.$inferInsert;
export type RoundCategory = typeof roundCategories.$inferSelect;
export type RoundTopic = typeof roundTopics.$inferSelect;
export type RoundTransition = typeof roundTransitions.$inferSelect;
