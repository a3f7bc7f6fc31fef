// What needs the programme team's attention now, for /admin: five queries, whatever the number
// of rounds (no query per round).
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "~db/client";
import { outbox, panelAssignments, panelReviews, rounds, users } from "~db/schema";
import { moderationCount } from "~/modules/conversation/moderation.server";
import { listRoundsForAdmin } from "~/modules/rounds/queries.server";
import { nextDeadline } from "~/modules/rounds/timeline";

const SOON_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

/** Assigned reviews not yet submitted, per round in shortlisting. */
async function outstandingReviews(): Promise<Map<string, { outstanding: number; assigned: number }>> {
  const rows = await db
    .select({
      roundId: panelAssignments.roundId,
      assigned: count(),
      outstanding: sql<number>`count(*) filter (where ${panelReviews.submittedAt} is null)`.mapWith(Number),
    })
    .from(panelAssignments)
    .innerJoin(rounds, and(eq(rounds.id, panelAssignments.roundId), eq(rounds.phase, "shortlisting")))
    .leftJoin(
      panelReviews,
      and(eq(panelReviews.ideaId, panelAssignments.ideaId), eq(panelReviews.reviewerId, panelAssignments.reviewerId)),
    )
    .groupBy(panelAssignments.roundId);
  return new Map(rows.map((r) => [r.roundId, { outstanding: r.outstanding, assigned: r.assigned }]));
}

export async function adminAttention(at: Date) {
  const [roundRows, reviews, [members], moderation, [emails]] = await Promise.all([
    listRoundsForAdmin(),
    outstandingReviews(),
    db
      .select({ pending: count() })
      .from(users)
      .where(and(eq(users.membership, "pending"), isNotNull(users.emailVerifiedAt))),
    moderationCount(),
    db
      .select({
        failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')`.mapWith(Number),
        held: sql<number>`count(*) filter (where ${outbox.status} = 'held')`.mapWith(Number),
        retrying: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.attempts} > 0)`.mapWith(
          Number,
        ),
      })
      .from(outbox),
  ]);
  const roundsNow = roundRows.map((round) => {
    const deadline = nextDeadline(round, at);
    const soon = deadline && deadline.at.getTime() - at.getTime() <= SOON_DAYS * DAY ? deadline : null;
    return {
      id: round.id,
      slug: round.slug,
      title: round.title,
      phase: round.phase,
      nextChange: soon ? { label: soon.label, at: soon.at } : null,
      reviews: round.phase === "shortlisting" ? (reviews.get(round.id) ?? { outstanding: 0, assigned: 0 }) : null,
    };
  });
  return { rounds: roundsNow, pendingMembers: members.pending, moderation, outbox: emails };
}
