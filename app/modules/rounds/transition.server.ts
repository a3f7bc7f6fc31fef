// Moving a round on (by the scheduler or early by an admin) and extending a deadline. Each is ONE
// transaction that first locks the round's row, then re-checks the rule against the locked row,
// records the transition (a partial unique index allows each phase change once per round),
// updates the round, writes the audit row and queues the emails. See
// docs/decisions/0002-once-only-transitions.md for why this happens exactly once.
import { asc, eq } from "drizzle-orm";
import { db as defaultDb, type Db, type Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { roundCategories, rounds, roundTransitions, type Round } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { notifyRoundChange } from "~/modules/conversation/events.server";
import { deadlineExtendedNews, phaseChangedNews } from "./emails";
import { resultsPublished, shortlistOf } from "./facts.server";
import { freezeRoundSettings } from "./frozen-settings";
import { PHASE_LABELS, forRules } from "./model";
import { assertCanManageRounds, type Actor } from "./permissions";
import {
  PHASE_START_FIELD,
  checkExtension,
  checkOpen,
  checkTransition,
  dueTransition,
  nextPhase,
  type Phase,
  type ScheduleField,
} from "./rules";
import { lockRound } from "./settings.server";
import { sealAndCount } from "~/modules/voting/seal.server";

export type AdvanceOptions =
  /** By the scheduler: only if the schedule says the next phase is due at `at` (default: now). */
  | { kind: "scheduled"; at?: Date; database?: Db }
  /** By an admin, now, with a reason. `from` is the phase the admin saw: if the round has moved on since, nothing happens. */
  | { kind: "early"; reason?: string; from?: Phase; database?: Db };

export type AdvanceResult =
  | { status: "advanced"; from: Phase; to: Phase }
  | { status: "not-due" }
  | { status: "blocked"; to: Phase; reason: string };

/**
 * Moves the round one phase on. Scheduled: returns "not-due" when another instance got there
 * first or nothing is due, "blocked" when a guard refuses (voting without a full shortlist).
 * Early: throws the reason instead, for the admin to read.
 */
export async function advanceRound(
  actor: Actor | null,
  roundId: string,
  options: AdvanceOptions,
): Promise<AdvanceResult> {
  const early = options.kind === "early";
  try {
    return await (options.database ?? defaultDb).transaction((tx) => advanceRoundIn(tx, actor, roundId, options));
  } catch (error) {
    // Belt and braces: the lock already makes a second transition impossible, and the index
    // would refuse one even if a caller forgot the lock.
    if (isUniqueViolation(error, "round_transitions_once_key")) {
      if (!early) return { status: "not-due" };
      throw new Conflict("The round has already moved on. Check the page again.");
    }
    throw error;
  }
}

/**
 * The body of advanceRound inside a transaction the caller owns (publishing the results moves the
 * round to delivery in its own transaction). Takes the round's row lock and applies every guard.
 */
export async function advanceRoundIn(
  tx: Tx,
  actor: Actor | null,
  roundId: string,
  options: AdvanceOptions,
): Promise<AdvanceResult> {
  const early = options.kind === "early";
  const reason = early ? (options.reason?.trim() ?? "") : null;
  if (early) {
    if (!actor?.isAdmin) throw new Forbidden("Only the programme team can move a round on.");
    if (!reason)
      throw new Invalid("Enter the reason.", { reason: "Enter the reason; it is kept in the round's history." });
  }
  const round = await lockRound(tx, roundId);
  if (!round) throw new NotFound("No such round.");
  // Time is read after the lock is held, so it is never older than the row it is compared with.
  const at = options.kind === "scheduled" ? (options.at ?? now()) : now();
  const rules = forRules(round);
  if (early && options.from && options.from !== round.phase) {
    throw new Conflict(
      `The round has already moved on to ${PHASE_LABELS[round.phase].toLowerCase()}. Check the page again before moving it on.`,
    );
  }
  const to = early ? nextPhase(round.phase) : dueTransition(rules, at);
  if (!to) {
    if (!early) return { status: "not-due" } as const;
    throw new Conflict("A closed round is a read-only archive; it has no next phase.");
  }
  const { categories, shortlist, guard } = await guardFor(tx, round, to, at);
  if (!guard.ok) {
    if (!early) return { status: "blocked", to, reason: guard.reason } as const;
    throw new Conflict(guard.reason);
  }

  await tx.insert(roundTransitions).values({
    roundId,
    fromPhase: round.phase,
    toPhase: to,
    at,
    actorId: actor?.id ?? null,
    reason,
    kind: options.kind,
  });
  const changes: Partial<Round> = { phase: to, phaseChangedAt: at, updatedAt: at };
  // Moved early: the phase starts now, so the dates people read stay true.
  const field = PHASE_START_FIELD[to];
  if (early && field) {
    const scheduled = round[field];
    if (!scheduled || scheduled.getTime() > at.getTime()) changes[field] = at;
  }
  if (to === "voting") Object.assign(changes, freezeRoundSettings(round, categories, shortlist), { frozenAt: at });
  const [updated] = await tx.update(rounds).set(changes).where(eq(rounds.id, roundId)).returning();
  // Voting has closed: the ledger is sealed and counted under this same lock (the voting module's only hook here).
  if (to === "results") await sealAndCount(tx, updated, at);
  await recordAudit(
    {
      actorId: actor?.id ?? null,
      action: "round.phase_changed",
      subjectType: "round",
      subjectId: roundId,
      roundId,
      details: {
        from: round.phase,
        to,
        kind: options.kind,
        reason,
        ...(changes.frozenSettingsHash ? { frozenSettingsHash: changes.frozenSettingsHash } : {}),
      },
    },
    tx,
  );
  const news = phaseChangedNews(updated, to);
  await notifyRoundChange(
    tx,
    updated,
    { dedupeKey: `phase:${roundId}:${to}`, text: news.subject, email: news },
    actor?.id ?? null,
  );
  return { status: "advanced", from: round.phase, to } as const;
}

/**
 * Moves a deadline that has not passed to a later time, with a reason. Under the same row lock
 * as the scheduler, so the two cannot interleave: either the extension comes first (and the
 * phase is no longer due) or the phase changes first (and the deadline has passed).
 */
export async function extendDeadline(
  actor: Actor,
  roundId: string,
  field: ScheduleField,
  newTime: Date,
  reason: string,
  options: { database?: Db } = {},
): Promise<{ previous: Date; next: Date }> {
  assertCanManageRounds(actor);
  if (!reason.trim())
    throw new Invalid("Enter the reason.", { reason: "Enter the reason; it is kept in the round's history." });
  return (options.database ?? defaultDb).transaction(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (!round) throw new NotFound("No such round.");
    const at = now();
    const check = checkExtension(forRules(round), field, newTime, at);
    if (!check.ok) throw new Conflict(check.reason, { [check.input]: check.reason });
    const previous = round[field] as Date;
    await tx.insert(roundTransitions).values({
      roundId,
      fromPhase: round.phase,
      toPhase: round.phase,
      at,
      actorId: actor.id,
      reason: reason.trim(),
      kind: "extension",
    });
    const [updated] = await tx
      .update(rounds)
      .set({ [field]: newTime, updatedAt: at })
      .where(eq(rounds.id, roundId))
      .returning();
    await recordAudit(
      {
        actorId: actor.id,
        action: "round.deadline_extended",
        subjectType: "round",
        subjectId: roundId,
        roundId,
        details: {
          phase: round.phase,
          field,
          previous: previous.toISOString(),
          next: newTime.toISOString(),
          reason: reason.trim(),
        },
      },
      tx,
    );
    // Nobody outside the programme team can see a draft round, so there is no one to tell.
    if (round.phase !== "draft") {
      const news = deadlineExtendedNews(round.title, field, previous, newTime);
      await notifyRoundChange(
        tx,
        updated,
        { dedupeKey: `deadline:${roundId}:${field}:${newTime.getTime()}`, text: news.subject, email: news },
        actor.id,
      );
    }
    return { previous, next: newTime };
  });
}

/** The rule's answer for moving this round to `to` at `at`, with the facts it was given. */
async function guardFor(executor: Tx | Db, round: Round, to: Phase, at: Date) {
  const categories = await executor
    .select({ id: roundCategories.id, name: roundCategories.name })
    .from(roundCategories)
    .where(eq(roundCategories.roundId, round.id))
    .orderBy(asc(roundCategories.position));
  const shortlist = await shortlistOf(executor, round.id, categories);
  const facts = {
    categories: categories.map((c) => ({ name: c.name, shortlisted: shortlist[c.id]?.length ?? 0 })),
    picksPerCategory: round.picksPerCategory,
    resultsPublished: await resultsPublished(executor, round.id),
  };
  const rules = forRules(round);
  let guard = checkTransition(rules, to, facts);
  if (guard.ok && round.phase === "draft") guard = checkOpen(rules, at);
  return { categories, shortlist, guard };
}

/**
 * For the phase page: the phase an admin would move the round to now, and whether the rules
 * allow it (read without a lock; advanceRound decides again under it).
 */
export async function previewAdvance(
  round: Round,
  at: Date = now(),
): Promise<{ to: Phase; ok: true } | { to: Phase; ok: false; reason: string } | null> {
  const to = nextPhase(round.phase);
  if (!to) return null;
  const { guard } = await guardFor(defaultDb, round, to, at);
  return guard.ok ? { to, ok: true } : { to, ok: false, reason: guard.reason };
}
