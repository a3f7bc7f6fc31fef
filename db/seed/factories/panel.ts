import { db } from "../../client";
import { panelAssignments, panelMembers, panelReviews } from "../../schema";
import { now } from "../../../app/lib/clock";
import { createUser } from "../factories";
import { insertIdea } from "./ideas";
import { createRound } from "./rounds";

// A round in shortlisting with submitted proposals and a panel, written straight to the database.
let counter = 0;

export async function createPanelRound(
  options: { proposalsPerCategory?: number; reviewers?: number; shortlistSize?: number } = {},
) {
  counter += 1;
  const { proposalsPerCategory = 2, reviewers: reviewerCount = 3, shortlistSize = 2 } = options;
  const round = await createRound({ phase: "shortlisting", shortlistSize, picksPerCategory: 1 });
  const reviewers = [];
  for (let i = 0; i < reviewerCount; i++)
    reviewers.push(
      await createUser({ name: `Reviewer ${counter}-${i + 1}`, organisation: `Reviewer Org ${counter}-${i + 1}` }),
    );
  const proposals = [];
  for (const category of round.categories) {
    for (let i = 0; i < proposalsPerCategory; i++) {
      const lead = await createUser({ organisation: `Applicant Org ${counter}-${category.position}-${i}` });
      const idea = await insertIdea({
        round,
        lead,
        state: "submitted",
        categoryId: category.id,
        proposal: {
          aimsMd: "Aims.",
          deliveryMd: "Delivery.",
          learningMd: "Learning.",
          contributeMd: "Contribute.",
          budget: [{ description: "Staff time", amountPence: 1_500_000 }],
        },
      });
      proposals.push({ ...idea, lead });
    }
  }
  for (const r of reviewers) await db.insert(panelMembers).values({ roundId: round.id, userId: r.id, addedAt: now() });
  return { round, reviewers, proposals };
}

export async function assign(roundId: string, ideaId: string, reviewerId: string) {
  await db.insert(panelAssignments).values({ roundId, ideaId, reviewerId, assignedAt: now() }).onConflictDoNothing();
}

/** A submitted review with the same score for every criterion of a rubric of `criteria` criteria. */
export async function submittedReview(
  roundId: string,
  ideaId: string,
  reviewerId: string,
  score: number,
  criteria: number,
  extra: { panelComment?: string; applicantFeedback?: string } = {},
) {
  const at = now();
  await db.insert(panelReviews).values({
    roundId,
    ideaId,
    reviewerId,
    status: "submitted",
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
    scores: Array.from({ length: criteria }, (_, i) => ({ criterionId: String(i), score })),
    panelComment: extra.panelComment ?? `Panel comment ${score}`,
    applicantFeedback: extra.applicantFeedback ?? "",
  });
}
