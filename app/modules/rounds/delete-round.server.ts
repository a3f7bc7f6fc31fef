import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { rounds } from "~db/schema";
import { Conflict, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertCanManageRounds, type Actor } from "./permissions";
import { lockRound } from "./settings.server";

/**
 * Deletes a round that is still in draft, with its categories and topics. A round that has
 * opened is part of the record and is never deleted. Ideas can only be posted once a round has
 * opened, so a draft round has none; when the ideas table exists its foreign key to rounds will
 * refuse the delete as well, should that ever change.
 */
export async function deleteRound(actor: Actor, roundId: string): Promise<{ slug: string; title: string }> {
  assertCanManageRounds(actor);
  return db.transaction(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (!round) throw new NotFound("No such round.");
    if (round.phase !== "draft") {
      throw new Conflict(
        "Only a round in draft can be deleted. This one has opened, so it stays as part of the programme's record.",
      );
    }
    await tx.delete(rounds).where(eq(rounds.id, roundId));
    // The audit row keeps the round's id and names after the round itself has gone.
    await recordAudit(
      {
        actorId: actor.id,
        action: "round.deleted",
        subjectType: "round",
        subjectId: roundId,
        roundId,
        details: { slug: round.slug, title: round.title },
      },
      tx,
    );
    return { slug: round.slug, title: round.title };
  });
}
