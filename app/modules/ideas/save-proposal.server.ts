import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, proposalBudgetLines, proposalMilestones, proposals } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { assertAllowed, assertTeam, lockIdea, type Actor } from "./context.server";
import { proposalStateRefusal, submissionProblems } from "./proposal-checks";
import type { ProposalFields } from "./validation.server";

const html = (md: string) => (md ? renderMarkdown(md, "full") : "");

/**
 * The team saves the proposal's fields, milestones and budget (a draft may be incomplete).
 * A proposal already submitted stays submittable: each save must pass the submission checks.
 */
export async function saveProposal(
  actor: Actor,
  input: ProposalFields & { ideaId: string },
): Promise<{ slug: string }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertTeam(actor, team, "work on the proposal");
    assertAllowed(round, "submitProposal", actor);
    const refusal = proposalStateRefusal(idea.state);
    if (refusal) throw new Invalid(refusal);
    if (idea.state === "submitted") {
      const problems = submissionProblems(input, input.milestones, input.budget, round.maxAwardPence);
      if (Object.keys(problems).length > 0) throw new Invalid("A submitted proposal must stay complete.", problems);
    }
    const at = now();
    const text = {
      aimsMd: input.aimsMd,
      aimsHtml: html(input.aimsMd),
      deliveryMd: input.deliveryMd,
      deliveryHtml: html(input.deliveryMd),
      learningMd: input.learningMd,
      learningHtml: html(input.learningMd),
      contributeMd: input.contributeMd,
      contributeHtml: html(input.contributeMd),
      updatedAt: at,
    };
    await tx
      .insert(proposals)
      .values({ ideaId: idea.id, ...text, createdAt: at })
      .onConflictDoUpdate({ target: proposals.ideaId, set: text });
    await tx.delete(proposalMilestones).where(eq(proposalMilestones.ideaId, idea.id));
    if (input.milestones.length > 0) {
      await tx
        .insert(proposalMilestones)
        .values(input.milestones.map((m, position) => ({ ideaId: idea.id, ...m, position })));
    }
    await tx.delete(proposalBudgetLines).where(eq(proposalBudgetLines.ideaId, idea.id));
    if (input.budget.length > 0) {
      await tx
        .insert(proposalBudgetLines)
        .values(input.budget.map((line, position) => ({ ideaId: idea.id, ...line, position })));
    }
    await tx.update(ideas).set({ updatedAt: at, lastActivityAt: at }).where(eq(ideas.id, idea.id));
    return { slug: idea.slug };
  });
}
