// A reviewer's own use cases: save or submit a review, declare a conflict (recuse).
import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { panelConflicts, panelReviews } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { reviewTargetById } from "./access.server";
import { assertNotPublished, assertPhase, lockRound, type PanelActor } from "./context.server";
import { weightedTotal, type CriterionScore } from "./scoring";

export type ReviewInput = {
  ideaId: string;
  scores: CriterionScore[];
  panelComment: string;
  applicantFeedback: string;
  submit: boolean;
};

/** The rubric as scoring.ts sees it: criterion ids are their positions in the round's rubric. */
export function rubricCriteria(rubric: ReadonlyArray<{ weight: number }>) {
  return rubric.map((c, i) => ({ id: String(i), weight: c.weight }));
}

/**
 * Saves a draft or submits. A submitted review can be changed (and stays submitted) until the
 * shortlist is published; it cannot go back to a draft, because its author has seen others' scores.
 */
export async function saveReview(actor: PanelActor, input: ReviewInput): Promise<{ status: "draft" | "submitted" }> {
  return db.transaction(async (tx) => {
    const target = await reviewTargetById(tx, actor.id, input.ideaId);
    if (!target) throw new NotFound("There is no such proposal among your reviews.");
    const round = await lockRound(tx, target.roundId);
    await assertNotPublished(tx, round.id);
    assertPhase(round, "score");
    const criteria = rubricCriteria(round.rubric);
    const known = new Set(criteria.map((c) => c.id));
    if (
      input.scores.some((s) => !known.has(s.criterionId) || !Number.isInteger(s.score) || s.score < 1 || s.score > 5)
    ) {
      throw new Invalid("Scores must be whole numbers from 1 to 5 for the rubric's criteria.");
    }
    const [existing] = await tx
      .select()
      .from(panelReviews)
      .where(and(eq(panelReviews.ideaId, input.ideaId), eq(panelReviews.reviewerId, actor.id)))
      .for("update");
    const submit = input.submit || existing?.status === "submitted";
    if (submit) {
      if (input.scores.length !== criteria.length) throw new Invalid("Score every criterion before submitting.");
      if (!input.panelComment.trim())
        throw new Invalid("Write a comment for the panel before submitting.", {
          panelComment: "Write a comment for the panel.",
        });
      weightedTotal(criteria, input.scores);
    }
    const at = now();
    const values = {
      scores: input.scores,
      panelComment: input.panelComment,
      applicantFeedback: input.applicantFeedback,
      status: submit ? ("submitted" as const) : ("draft" as const),
      updatedAt: at,
      submittedAt: submit ? (existing?.submittedAt ?? at) : null,
    };
    if (existing)
      await tx
        .update(panelReviews)
        .set(values)
        .where(and(eq(panelReviews.ideaId, input.ideaId), eq(panelReviews.reviewerId, actor.id)));
    else
      await tx
        .insert(panelReviews)
        .values({ ...values, roundId: round.id, ideaId: input.ideaId, reviewerId: actor.id, createdAt: at });
    if (submit && existing?.status !== "submitted") {
      await recordAudit(
        {
          actorId: actor.id,
          action: "panel.review_submitted",
          subjectType: "idea",
          subjectId: input.ideaId,
          roundId: round.id,
        },
        tx,
      );
    }
    return { status: values.status };
  });
}

/**
 * The reviewer declares a conflict and is recused: the pair is blocked from now on, so the
 * review page, its scores and notes close to them; their review of it (draft or submitted) is
 * deleted so it never counts. The reason is for the programme team.
 */
export async function declareConflict(actor: PanelActor, input: { ideaId: string; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await reviewTargetById(tx, actor.id, input.ideaId);
    if (!target) throw new NotFound("There is no such proposal among your reviews.");
    const round = await lockRound(tx, target.roundId);
    await assertNotPublished(tx, round.id);
    const added = await tx
      .insert(panelConflicts)
      .values({
        roundId: round.id,
        ideaId: input.ideaId,
        reviewerId: actor.id,
        kind: "declared",
        detail: input.reason,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0) throw new Conflict("You have already declared a conflict with this proposal.");
    await tx
      .delete(panelReviews)
      .where(and(eq(panelReviews.ideaId, input.ideaId), eq(panelReviews.reviewerId, actor.id)));
    // The assignment stays, so the queue shows the proposal as recused and the admin sees the gap.
    await recordAudit(
      {
        actorId: actor.id,
        action: "panel.conflict_declared",
        subjectType: "idea",
        subjectId: input.ideaId,
        roundId: round.id,
        details: { reason: input.reason },
      },
      tx,
    );
  });
}
