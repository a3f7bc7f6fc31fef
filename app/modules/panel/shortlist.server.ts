// Confirming and publishing the shortlist. Only admins or the round's chair; only while the
// rules allow "shortlist"; nothing changes after publication.
import { and, eq, ne, not } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, ideaTeamMembers, panelReviews, shortlistDecisions, shortlistPublications, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { isBlockedSql } from "./conflicts.server";
import { assertAdminOrChair, assertNotPublished, assertPhase, lockRound, type PanelActor } from "./context.server";
import { shortlistOutcomeEmail } from "./emails";
import { ranking } from "./ranking.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";

export type DecisionInput = { ideaId: string; included: boolean; rationale: string | null };

/**
 * Records the decision for every proposal of the round. Each departure from the recommendation
 * (in when not recommended, or out when recommended) needs a rationale.
 */
export async function confirmShortlist(actor: PanelActor, input: { roundId: string; decisions: DecisionInput[] }) {
  return db.transaction(async (tx) => {
    const round = await lockRound(tx, input.roundId);
    await assertAdminOrChair(tx, round.id, actor);
    assertPhase(round, "shortlist");
    await assertNotPublished(tx, round.id);
    const rows = (await ranking(tx, round, actor.id)).categories.flatMap((c) => c.rows);
    const given = new Map(input.decisions.map((d) => [d.ideaId, d]));
    const errors: Record<string, string> = {};
    const values = rows.map((row) => {
      const d = given.get(row.ideaId);
      const included = d?.included ?? row.recommended;
      const rationale = d?.rationale?.trim() || null;
      if (included !== row.recommended && !rationale) {
        errors[`rationale-${row.ideaId}`] =
          `Give a reason for ${included ? "shortlisting" : "leaving out"} “${row.title}”, which the ranking ${included ? "does not recommend" : "recommends"}.`;
      }
      return {
        roundId: round.id,
        ideaId: row.ideaId,
        included,
        recommended: row.recommended,
        rationale,
        decidedById: actor.id,
        decidedAt: now(),
      };
    });
    if (Object.keys(errors).length > 0)
      throw new Invalid("Give a reason for every change to the recommendation.", errors);
    await tx.delete(shortlistDecisions).where(eq(shortlistDecisions.roundId, round.id));
    if (values.length > 0) await tx.insert(shortlistDecisions).values(values);
    const departures = values
      .filter((v) => v.included !== v.recommended)
      .map((v) => ({ ideaId: v.ideaId, included: v.included, rationale: v.rationale }));
    await recordAudit(
      {
        actorId: actor.id,
        action: "shortlist.confirmed",
        subjectType: "round",
        subjectId: round.id,
        roundId: round.id,
        details: { shortlisted: values.filter((v) => v.included).length, departures },
      },
      tx,
    );
    return { shortlisted: values.filter((v) => v.included).length, departures: departures.length };
  });
}

/**
 * Publishes the confirmed shortlist: ideas become shortlisted or not_shortlisted, every team
 * member is emailed the outcome with the reviewers' feedback, scores freeze.
 */
export async function publishShortlist(actor: PanelActor, input: { roundId: string }) {
  return db.transaction(async (tx) => {
    const round = await lockRound(tx, input.roundId);
    await assertAdminOrChair(tx, round.id, actor);
    assertPhase(round, "shortlist");
    await assertNotPublished(tx, round.id);
    const submitted = await tx
      .select({ id: ideas.id, title: ideas.title, slug: ideas.slug })
      .from(ideas)
      .where(and(eq(ideas.roundId, round.id), eq(ideas.state, "submitted")));
    const decisions = new Map(
      (await tx.select().from(shortlistDecisions).where(eq(shortlistDecisions.roundId, round.id))).map((d) => [
        d.ideaId,
        d,
      ]),
    );
    const undecided = submitted.filter((i) => !decisions.has(i.id));
    if (undecided.length > 0)
      throw new Invalid(
        `Confirm the shortlist first: ${undecided.length === 1 ? "1 proposal has" : `${undecided.length} proposals have`} no decision.`,
      );
    const at = now();
    for (const idea of submitted) {
      const included = decisions.get(idea.id)!.included;
      await tx
        .update(ideas)
        .set({ state: included ? "shortlisted" : "not_shortlisted", updatedAt: at, lastActivityAt: at })
        .where(eq(ideas.id, idea.id));
      const feedback = await tx
        .select({ text: panelReviews.applicantFeedback })
        .from(panelReviews)
        .where(
          and(
            eq(panelReviews.ideaId, idea.id),
            eq(panelReviews.status, "submitted"),
            ne(panelReviews.applicantFeedback, ""),
            not(isBlockedSql(panelReviews.reviewerId, panelReviews.ideaId)),
          ),
        );
      const team = await tx
        .select({ id: users.id, email: users.email, name: users.name })
        .from(ideaTeamMembers)
        .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
        .where(eq(ideaTeamMembers.ideaId, idea.id));
      for (const person of team) {
        const email = shortlistOutcomeEmail({
          name: person.name,
          title: idea.title,
          round: round.title,
          included,
          feedback: feedback.map((f) => f.text),
          link: `${env().APP_URL}/rounds/${round.slug}/ideas/${idea.slug}`,
        });
        await enqueueEmail(
          { dedupeKey: `shortlist:${idea.id}:${person.id}`, kind: "shortlist_outcome", to: person.email, ...email },
          tx,
        );
      }
    }
    await tx.insert(shortlistPublications).values({ roundId: round.id, publishedAt: at, publishedById: actor.id });
    const shortlisted = submitted.filter((i) => decisions.get(i.id)!.included).length;
    await recordAudit(
      {
        actorId: actor.id,
        action: "shortlist.published",
        subjectType: "round",
        subjectId: round.id,
        roundId: round.id,
        details: { shortlisted, notShortlisted: submitted.length - shortlisted },
      },
      tx,
    );
    return { shortlisted, notShortlisted: submitted.length - shortlisted };
  });
}
