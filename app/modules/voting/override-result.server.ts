// An admin overrides a result line (fund or do not fund) with a public reason, or undoes it.
// Before publication only; each change is audited. The amount spent follows the decision.
import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { resultLines, roundResults } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { lockForResults, type ResultsActor } from "./results-context.server";

export async function overrideResultLine(
  actor: ResultsActor,
  input: { roundId: string; ideaId: string; funded: boolean; reason: string },
) {
  const reason = input.reason.trim();
  return db.transaction(async (tx) => {
    const round = await lockForResults(tx, actor, input.roundId);
    const line = await lineOf(tx, round.id, input.ideaId);
    if (input.funded === line.recommendedFunded) {
      throw new Invalid("That is what the rule recommends: undo the override instead.", {
        funded: "Choose the outcome the rule does not recommend, or undo the override.",
      });
    }
    if (!reason)
      throw new Invalid("Give the public reason for the override.", {
        reason: "Give the public reason for the override.",
      });
    const at = now();
    await tx
      .update(resultLines)
      .set({ funded: input.funded, overrideReason: reason, overriddenById: actor.id, overriddenAt: at })
      .where(eq(resultLines.ideaId, line.ideaId));
    await refreshSpent(tx, round.id);
    await recordAudit(
      {
        actorId: actor.id,
        action: "results.line_overridden",
        subjectType: "idea",
        subjectId: line.ideaId,
        roundId: round.id,
        details: { funded: input.funded, recommended: line.recommendedFunded, reason },
      },
      tx,
    );
    return { funded: input.funded };
  });
}

export async function undoOverride(actor: ResultsActor, input: { roundId: string; ideaId: string }) {
  return db.transaction(async (tx) => {
    const round = await lockForResults(tx, actor, input.roundId);
    const line = await lineOf(tx, round.id, input.ideaId);
    if (line.overrideReason === null) throw new Invalid("This line has no override to undo.");
    await tx
      .update(resultLines)
      .set({ funded: line.recommendedFunded, overrideReason: null, overriddenById: null, overriddenAt: null })
      .where(eq(resultLines.ideaId, line.ideaId));
    await refreshSpent(tx, round.id);
    await recordAudit(
      {
        actorId: actor.id,
        action: "results.override_undone",
        subjectType: "idea",
        subjectId: line.ideaId,
        roundId: round.id,
        details: { funded: line.recommendedFunded, previousReason: line.overrideReason },
      },
      tx,
    );
    return { funded: line.recommendedFunded };
  });
}

async function lineOf(tx: Tx, roundId: string, ideaId: string) {
  const [line] = await tx
    .select()
    .from(resultLines)
    .where(and(eq(resultLines.roundId, roundId), eq(resultLines.ideaId, ideaId)));
  if (!line) throw new NotFound("That proposal has no result line in this round.");
  return line;
}

async function refreshSpent(tx: Tx, roundId: string) {
  const [row] = await tx
    .select({
      spent: sql<number>`coalesce(sum(${resultLines.requestedPence}) filter (where ${resultLines.funded}), 0)::bigint`,
    })
    .from(resultLines)
    .where(eq(resultLines.roundId, roundId));
  await tx
    .update(roundResults)
    .set({ spentPence: Number(row.spent) })
    .where(eq(roundResults.roundId, roundId));
}
