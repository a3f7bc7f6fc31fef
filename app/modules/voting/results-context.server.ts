// Shared guards of the results use cases: the round's lock and its results row.
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { roundResults, type Round } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, NotFound, PhaseClosed } from "~/lib/errors";
import { forRules } from "~/modules/rounds/model";
import { allowed } from "~/modules/rounds/rules";
import { lockRound } from "~/modules/rounds/settings.server";

export type ResultsActor = { id: string; isAdmin: boolean };

/** Locks the round, checks the actor is an admin, the phase allows publishing, and results exist unpublished. */
export async function lockForResults(tx: Tx, actor: ResultsActor, roundId: string): Promise<Round> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can review and publish results.");
  const round = await lockRound(tx, roundId);
  if (!round) throw new NotFound("No such round.");
  const [results] = await tx
    .select({ publishedAt: roundResults.publishedAt })
    .from(roundResults)
    .where(eq(roundResults.roundId, roundId));
  if (results?.publishedAt) throw new Conflict("The results have already been published; they can no longer change.");
  const gate = allowed(forRules(round), "publishResults", now());
  if (!gate.ok) throw new PhaseClosed(gate.reason);
  if (!results) throw new NotFound("This round has no computed results: they are computed when voting closes.");
  return round;
}
