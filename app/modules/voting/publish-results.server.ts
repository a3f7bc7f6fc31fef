// Publishing a round's results: once, in one transaction. Shortlisted proposals become funded or
// not funded as the (possibly overridden) lines say, each team hears, the publication is
// audited, and the round moves to delivery under the same lock, so a second publish finds the
// results published (409) and nothing is done twice.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, resultLines, roundResults } from "~db/schema";
import { now } from "~/lib/clock";
import { recordAudit } from "~/modules/audit/record.server";
import { notifyIdeaState } from "~/modules/conversation/events.server";
import { advanceRoundIn } from "~/modules/rounds/transition.server";
import { lockForResults, type ResultsActor } from "./results-context.server";
import { startProjects } from "~/modules/delivery/start-projects.server";

export async function publishResults(
  actor: ResultsActor,
  input: { roundId: string },
): Promise<{ funded: number; notFunded: number }> {
  return db.transaction(async (tx) => {
    const round = await lockForResults(tx, actor, input.roundId);
    const at = now();
    const lines = await tx
      .select({
        ideaId: resultLines.ideaId,
        funded: resultLines.funded,
        overridden: resultLines.overrideReason,
        slug: ideas.slug,
        title: ideas.title,
        state: ideas.state,
      })
      .from(resultLines)
      .innerJoin(ideas, eq(ideas.id, resultLines.ideaId))
      .where(eq(resultLines.roundId, round.id));
    let funded = 0;
    for (const line of lines.filter((l) => l.state === "shortlisted")) {
      const state = line.funded ? "funded" : "not_funded";
      if (line.funded) funded += 1;
      await tx
        .update(ideas)
        .set({ state, updatedAt: at, lastActivityAt: at })
        .where(and(eq(ideas.id, line.ideaId), eq(ideas.state, "shortlisted")));
      await notifyIdeaState(tx, { id: line.ideaId, slug: line.slug, title: line.title }, round.slug, state, actor.id);
    }
    // Each funded proposal becomes a project, in this same transaction.
    await startProjects(tx, round.id);
    // Published before the move: the delivery guard asks whether the results are published.
    await tx
      .update(roundResults)
      .set({ publishedAt: at, publishedById: actor.id })
      .where(eq(roundResults.roundId, round.id));
    const notFunded = lines.filter((l) => l.state === "shortlisted").length - funded;
    await recordAudit(
      {
        actorId: actor.id,
        action: "results.published",
        subjectType: "round",
        subjectId: round.id,
        roundId: round.id,
        details: { funded, notFunded, overrides: lines.filter((l) => l.overridden !== null).map((l) => l.ideaId) },
      },
      tx,
    );
    await advanceRoundIn(tx, actor, round.id, { kind: "early", reason: "Results published", from: "results" });
    return { funded, notFunded };
  });
}
