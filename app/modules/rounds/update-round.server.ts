import { asc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { isUniqueViolation, pgErrorCode } from "~db/errors";
import { roundCategories, rounds, roundTopics, type Round } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, NotFound } from "~/lib/errors";
import { toLondonInputValue } from "~/lib/time";
import { recordAudit } from "~/modules/audit/record.server";
import { SLUG_TAKEN } from "./create-round.server";
import { hasPanelReviews } from "./facts.server";
import { canonicalJson } from "./frozen-settings";
import { assertCanManageRounds, type Actor } from "./permissions";
import { SCHEDULE_FIELDS } from "./rules";
import { lockRound, roundColumns, syncCategories, syncTopics } from "./settings.server";
import type { RoundSettings } from "./validation";

type Errors = Record<string, string>;
type Category = { id: string; name: string };

/**
 * Saves the settings form. Once a round has opened, some settings are history and are kept:
 * its address (people link to it), times that have passed, and, once voting has opened, the
 * settings that decide the vote (they were frozen and hashed). A change to any of them is
 * refused with the reason at its field; everything else may still change.
 */
export async function updateRound(actor: Actor, roundId: string, settings: RoundSettings): Promise<Round> {
  assertCanManageRounds(actor);
  try {
    return await db.transaction(async (tx) => {
      const round = await lockRound(tx, roundId);
      if (!round) throw new NotFound("No such round.");
      const at = now();
      const categories = await tx
        .select({ id: roundCategories.id, name: roundCategories.name })
        .from(roundCategories)
        .where(eq(roundCategories.roundId, roundId))
        .orderBy(asc(roundCategories.position));
      const errors: Errors = {};
      if (round.phase !== "draft" && settings.slug !== round.slug) {
        errors.slug = "The short name of a round that has opened cannot change, because people link to its pages.";
      }
      if (round.frozenAt) Object.assign(errors, frozenChanges(round, categories, settings));
      // Reviews store scores by criterion position: once scoring has begun the rubric must stay.
      if (canonicalJson(settings.rubric) !== canonicalJson(round.rubric) && (await hasPanelReviews(tx, roundId))) {
        errors["rubric.0.name"] = "Reviewers have started scoring against this rubric, so it can no longer change.";
      }
      const schedule = round.phase === "draft" ? settings.schedule : keptSchedule(round, settings.schedule, at, errors);
      if (Object.keys(errors).length > 0) throw new Conflict("Some of these settings can no longer change.", errors);

      const topics = await tx
        .select({ name: roundTopics.name })
        .from(roundTopics)
        .where(eq(roundTopics.roundId, roundId));
      const columns = roundColumns({ ...settings, schedule });
      const [updated] = await tx
        .update(rounds)
        .set({ ...columns, updatedAt: at })
        .where(eq(rounds.id, roundId))
        .returning();
      await syncCategories(tx, roundId, settings.categories);
      await syncTopics(tx, roundId, settings.topics);
      const changed = changedSettings(
        round,
        columns,
        categories,
        settings,
        topics.map((t) => t.name),
      );
      await recordAudit(
        {
          actorId: actor.id,
          action: "round.updated",
          subjectType: "round",
          subjectId: roundId,
          roundId,
          details: { changed },
        },
        tx,
      );
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error, "rounds_slug_unique")) throw new Conflict(SLUG_TAKEN, { slug: SLUG_TAKEN });
    // A category or topic that ideas refer to cannot be deleted (the ideas' foreign keys say so).
    if (pgErrorCode(error) === "23503") {
      throw new Conflict("A category or topic you removed is used by ideas, so it must stay. Rename it instead.");
    }
    throw error;
  }
}

const FROZEN = "Voting has opened, so this was frozen with the vote's settings and cannot change.";

function frozenChanges(round: Round, categories: Category[], settings: RoundSettings): Errors {
  const errors: Errors = {};
  if (settings.picksPerCategory !== round.picksPerCategory) errors.picksPerCategory = FROZEN;
  if (settings.allowOwnIdea !== round.allowOwnIdea) errors.allowOwnIdea = FROZEN;
  if (canonicalJson(settings.fundingRule) !== canonicalJson(round.fundingRule)) errors["fundingRule.kind"] = FROZEN;
  if (settings.potPence !== round.potPence) errors.pot = FROZEN;
  if (settings.maxAwardPence !== round.maxAwardPence) errors.maxAward = FROZEN;
  const same =
    settings.categories.length === categories.length &&
    settings.categories.every((c) => categories.some((k) => k.id === c.id && k.name === c.name));
  if (!same)
    errors.categories = "Voting has opened, so the categories were frozen: they cannot be added, removed or renamed.";
  return errors;
}

/**
 * The schedule of a round that has opened: a time that has passed stays exactly as stored (the
 * form shows it to the minute, so an unchanged minute means unchanged), and a time still ahead
 * may move but not into the past, which would move the round on without notice.
 */
function keptSchedule(
  round: Round,
  wanted: RoundSettings["schedule"],
  at: Date,
  errors: Errors,
): RoundSettings["schedule"] {
  const schedule = { ...wanted };
  for (const field of SCHEDULE_FIELDS) {
    const stored = round[field];
    const next = wanted[field] ?? null;
    if (stored && stored.getTime() <= at.getTime()) {
      if (next && toLondonInputValue(next) === toLondonInputValue(stored)) schedule[field] = stored;
      else errors[`schedule.${field}`] = "This time has passed, so it cannot change.";
    } else if (next && next.getTime() <= at.getTime()) {
      errors[`schedule.${field}`] = "Choose a time that has not passed. To move the round on now, use its phase page.";
    }
  }
  return schedule;
}

function changedSettings(
  round: Round,
  columns: ReturnType<typeof roundColumns>,
  categories: Category[],
  settings: RoundSettings,
  topics: string[],
): string[] {
  const changed = Object.entries(columns)
    .filter(
      ([key, value]) =>
        key !== "themeHtml" && canonicalJson(jsonable(value)) !== canonicalJson(jsonable(round[key as keyof Round])),
    )
    .map(([key]) => key);
  const before = categories.map((c) => c.name);
  if (canonicalJson(before) !== canonicalJson(settings.categories.map((c) => c.name))) changed.push("categories");
  if (canonicalJson([...topics].sort()) !== canonicalJson([...settings.topics].sort())) changed.push("topics");
  return changed;
}

const jsonable = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : (value ?? null));
