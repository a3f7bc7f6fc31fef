import { and, eq, inArray, ne } from "drizzle-orm";
import { db } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { ideas, proposals } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Conflict, Forbidden, Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { notifyIdeaState } from "~/modules/conversation/events.server";
import { assertAllowed, assertLead, lockIdea, type Actor } from "./context.server";
import { proposalSubmittedEmail } from "./emails";
import { SUBMITTED_STATES } from "./limits";
import { canLead } from "./permissions";
import { proposalParts } from "./proposal-data.server";
import { submissionProblems } from "./proposal-checks";

const ONE_ONLY = "You have already submitted a proposal in this round, and a member may submit only one.";

/**
 * The lead submits the proposal. One per lead per round: checked here for a clear message, and
 * enforced by a unique index so that simultaneous submissions cannot both succeed.
 */
export async function submitProposal(actor: Actor, input: { ideaId: string }): Promise<{ slug: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { idea, round, team } = await lockIdea(tx, input.ideaId);
      assertLead(actor, team, "submit the proposal");
      if (!canLead(actor)) throw new Forbidden("Only members can lead a proposal. Your membership is not active.");
      assertAllowed(round, "submitProposal", actor);
      if ((SUBMITTED_STATES as readonly string[]).includes(idea.state))
        throw new Conflict("This proposal has already been submitted.");
      if (idea.state !== "published") throw new Invalid("Only a published idea can be submitted as a proposal.");
      const { proposal, milestones, lines } = await proposalParts(tx, idea.id);
      const problems = submissionProblems(proposal, milestones, lines, round.maxAwardPence);
      if (Object.keys(problems).length > 0) throw new Invalid("The proposal is not complete yet.", problems);
      const [other] = await tx
        .select({ title: ideas.title })
        .from(ideas)
        .where(
          and(
            eq(ideas.roundId, round.id),
            eq(ideas.leadId, actor.id),
            ne(ideas.id, idea.id),
            inArray(ideas.state, [...SUBMITTED_STATES]),
          ),
        );
      if (other) throw new Conflict(`${ONE_ONLY} You submitted “${other.title}”.`);
      const at = now();
      await tx
        .update(ideas)
        .set({ state: "submitted", submittedAt: at, updatedAt: at, lastActivityAt: at })
        .where(eq(ideas.id, idea.id));
      await tx.update(proposals).set({ submittedAt: at, withdrawnAt: null }).where(eq(proposals.ideaId, idea.id));
      await recordAudit(
        { actorId: actor.id, action: "proposal.submit", subjectType: "idea", subjectId: idea.id, roundId: round.id },
        tx,
      );
      const message = proposalSubmittedEmail({
        name: actor.name,
        title: idea.title,
        round: round.title,
        link: `${env().APP_URL}/rounds/${round.slug}/ideas/${idea.slug}`,
      });
      await enqueueEmail(
        { dedupeKey: `proposal-submitted:${idea.id}`, kind: "proposal_submitted", to: actor.email, ...message },
        tx,
      );
      await notifyIdeaState(tx, idea, round.slug, "submitted", actor.id);
      return { slug: idea.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error, "ideas_one_proposal_per_lead_key")) throw new Conflict(ONE_ONLY);
    throw error;
  }
}
