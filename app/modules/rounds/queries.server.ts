// Reads for the rounds pages. Nothing here writes.
import { and, asc, count, desc, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import { httpError } from "~/lib/http.server";
import { RoundParamsSchema } from "./validation";
import { db, type Tx } from "~db/client";
import {
  auditLog,
  roundCategories,
  rounds,
  roundTopics,
  users,
  type Round,
  type RoundCategory,
  type RoundTopic,
} from "~db/schema";
import { ACTIVE_PHASES, isActive } from "./model";
import type { Phase, ScheduleField } from "./rules";

export type RoundWithDetails = Round & { categories: RoundCategory[]; topics: RoundTopic[] };

async function withDetails(round: Round | undefined, executor: Tx | typeof db = db): Promise<RoundWithDetails | null> {
  if (!round) return null;
  // One after the other: inside a transaction (and on PGlite) there is only one connection.
  const categories = await executor
    .select()
    .from(roundCategories)
    .where(eq(roundCategories.roundId, round.id))
    .orderBy(asc(roundCategories.position));
  const topics = await executor
    .select()
    .from(roundTopics)
    .where(eq(roundTopics.roundId, round.id))
    .orderBy(asc(roundTopics.name));
  return { ...round, categories, topics };
}

/**
 * The round with its categories and topics as JSON, in one query: every round page starts with
 * this lookup, and three round trips cost more than the rows they fetch. The outer round is
 * named in full ("rounds"."id"): drizzle writes a bare "id" in a one-table select, which inside
 * the subquery would mean the category's own id.
 */
const withLists = {
  ...getTableColumns(rounds),
  categories: sql<
    RoundCategory[]
  >`coalesce((select json_agg(json_build_object('id', c.id, 'roundId', c.round_id, 'position', c.position, 'name', c.name, 'description', c.description) order by c.position) from ${roundCategories} c where c.round_id = "rounds"."id"), '[]'::json)`,
  topics: sql<
    RoundTopic[]
  >`coalesce((select json_agg(json_build_object('id', t.id, 'roundId', t.round_id, 'name', t.name) order by t.name) from ${roundTopics} t where t.round_id = "rounds"."id"), '[]'::json)`,
};

/** A round with its categories (in order) and topics; null when no round has this slug. */
export async function getRoundBySlug(slug: string): Promise<RoundWithDetails | null> {
  const [round] = await db.select(withLists).from(rounds).where(eq(rounds.slug, slug));
  return round ?? null;
}

export async function getRoundById(id: string, executor: Tx | typeof db = db): Promise<RoundWithDetails | null> {
  const [round] = await executor.select().from(rounds).where(eq(rounds.id, id));
  return withDetails(round, executor);
}

/**
 * The round that is on now: of the rounds people can take part in (ideas to results), the one
 * that opened last. Null when none is; a round in delivery is not "on" in this sense.
 */
export async function currentRound(): Promise<RoundWithDetails | null> {
  const [round] = await db
    .select(withLists)
    .from(rounds)
    .where(inArray(rounds.phase, [...ACTIVE_PHASES]))
    .orderBy(desc(rounds.ideasOpensAt))
    .limit(1);
  return round ?? null;
}

export type RoundSummary = Pick<
  Round,
  | "id"
  | "slug"
  | "title"
  | "phase"
  | "potPence"
  | "maxAwardPence"
  | "ideasOpensAt"
  | "proposalsOpensAt"
  | "shortlistingOpensAt"
  | "votingOpensAt"
  | "votingClosesAt"
  | "closesAt"
  | "commentPolicy"
> & { categoryCount: number };

const summaryColumns = {
  id: rounds.id,
  slug: rounds.slug,
  title: rounds.title,
  phase: rounds.phase,
  potPence: rounds.potPence,
  maxAwardPence: rounds.maxAwardPence,
  ideasOpensAt: rounds.ideasOpensAt,
  proposalsOpensAt: rounds.proposalsOpensAt,
  shortlistingOpensAt: rounds.shortlistingOpensAt,
  votingOpensAt: rounds.votingOpensAt,
  votingClosesAt: rounds.votingClosesAt,
  closesAt: rounds.closesAt,
  commentPolicy: rounds.commentPolicy,
  categoryCount: count(roundCategories.id),
};

function summaries(where?: ReturnType<typeof ne>) {
  return db
    .select(summaryColumns)
    .from(rounds)
    .leftJoin(roundCategories, eq(roundCategories.roundId, rounds.id))
    .where(where)
    .groupBy(rounds.id)
    .orderBy(desc(rounds.ideasOpensAt));
}

/** The year a round is filed under: the year its vote closes, in London. */
export function roundYear(round: { votingClosesAt: Date }): number {
  return Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric" }).format(round.votingClosesAt),
  );
}

/**
 * The public list: the round on now first, then every other round that has opened, newest
 * first, grouped by year. Draft rounds are left out.
 */
export async function listRounds(): Promise<{
  current: RoundSummary | null;
  past: Array<{ year: number; rounds: RoundSummary[] }>;
}> {
  const all = await summaries(ne(rounds.phase, "draft"));
  const current = all.find((r) => isActive(r.phase)) ?? null;
  const past: Array<{ year: number; rounds: RoundSummary[] }> = [];
  for (const round of all) {
    if (round === current) continue;
    const year = roundYear(round);
    const group = past.find((g) => g.year === year);
    if (group) group.rounds.push(round);
    else past.push({ year, rounds: [round] });
  }
  return { current, past };
}

/** Every round, drafts included, newest first: the admin list. */
export async function listRoundsForAdmin(): Promise<RoundSummary[]> {
  return summaries();
}

/** For the admin home card: rounds on now, and drafts being prepared. */
export async function roundCounts(): Promise<{ active: number; draft: number }> {
  const rows = await db.select({ phase: rounds.phase, n: count() }).from(rounds).groupBy(rounds.phase);
  const sum = (test: (phase: Phase) => boolean) =>
    rows.filter((r) => test(r.phase)).reduce((total, r) => total + r.n, 0);
  return { active: sum(isActive), draft: sum((phase) => phase === "draft") };
}

export type HistoryEntry = {
  at: Date;
  action: "round.phase_changed" | "round.deadline_extended";
  actorName: string | null;
  from?: Phase;
  to?: Phase;
  kind?: "scheduled" | "early";
  field?: ScheduleField;
  previous?: string;
  next?: string;
  reason: string | null;
};

/**
 * The round's phase changes and extensions, newest first. Read from the audit log, which holds
 * every detail of each (which deadline moved, from when to when) and cannot be altered.
 */
export async function roundHistory(roundId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(eq(auditLog.roundId, roundId), inArray(auditLog.action, ["round.phase_changed", "round.deadline_extended"])),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id));
  return rows.map((row) => {
    const details = row.details as Omit<HistoryEntry, "at" | "action" | "actorName">;
    return {
      ...details,
      at: row.at,
      action: row.action as HistoryEntry["action"],
      actorName: row.actorName,
      reason: details.reason ?? null,
    };
  });
}

/** The round named in a route's params, or a 404 page for anyone who asks for one that is not there. */
export async function roundFromParams(params: unknown): Promise<RoundWithDetails> {
  const parsed = RoundParamsSchema.safeParse(params);
  const round = parsed.success ? await getRoundBySlug(parsed.data.round) : null;
  if (!round) httpError(404, "There is no round with this address.");
  return round;
}
