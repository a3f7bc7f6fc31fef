import { db } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { rounds, type Round } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertCanManageRounds, type Actor } from "./permissions";
import { roundColumns, syncCategories, syncTopics } from "./settings.server";
import type { RoundSettings } from "./validation";

export const SLUG_TAKEN = "Another round already uses this short name; choose another.";

/** A new round, in draft: only the programme team sees it until they open it. */
export async function createRound(actor: Actor, settings: RoundSettings): Promise<Round> {
  assertCanManageRounds(actor);
  try {
    return await db.transaction(async (tx) => {
      const at = now();
      const [round] = await tx
        .insert(rounds)
        .values({ ...roundColumns(settings), phase: "draft", phaseChangedAt: at, createdAt: at, updatedAt: at })
        .returning();
      await syncCategories(
        tx,
        round.id,
        settings.categories.map((c) => ({ ...c, id: undefined })),
      );
      await syncTopics(tx, round.id, settings.topics);
      await recordAudit(
        {
          actorId: actor.id,
          action: "round.created",
          subjectType: "round",
          subjectId: round.id,
          roundId: round.id,
          details: { slug: round.slug, title: round.title },
        },
        tx,
      );
      return round;
    });
  } catch (error) {
    if (isUniqueViolation(error, "rounds_slug_unique")) throw new Conflict(SLUG_TAKEN, { slug: SLUG_TAKEN });
    throw error;
  }
}
