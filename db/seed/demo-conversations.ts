import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { db } from "../client";
import { refreshRoundCommentCounts } from "../../app/modules/conversation/comment-count.server";
import { comments, follows, ideas, ideaTeamMembers, notifications, rounds, users } from "../schema";
import { now } from "../../app/lib/clock";
import { renderMarkdown } from "../../app/lib/markdown.server";

// Demo conversations: questions from members, replies from the idea's team, a few nested
// follow-ups, one edited comment and one deletion, written straight to the database (the use
// cases would apply the posting limit and phase rules). The team also gets in-app notifications.

const QUESTIONS = [
  "How will you know this has worked? It would help to see **one or two measures** you plan to track from the start.",
  "We tried something similar in our trust in 2023. The biggest lesson was to involve the *ward clerks* early — happy to share our notes.",
  "Have you spoken to patients about this yet? A short co-design session could shape the first version.",
  "Love this. Is there a way to make the materials available to other organisations once the pilot ends?",
  "What happens after the funding year? I'd like to understand how it keeps going.",
  "This overlaps with the work described here: [NHS England improvement hub](https://www.england.nhs.uk/). Worth a look.",
  "Could you say more about the budget for staff time? Backfill is usually where these projects struggle.",
  "Strong idea. One risk I see:\n\n- clinics already run over\n- a new form adds minutes\n\nHow will you keep it light?",
];
const TEAM_REPLIES = [
  "Thank you, that's a really useful point. We're adding a simple run chart of waiting times to the proposal.",
  "Yes please — could you message me? We'd love to learn from what you found.",
  "We ran two sessions with our patient panel last month; the summary is in the challenge section now.",
  "Good question. Our board has agreed to fund the coordinator role for a second year if the pilot meets its aims.",
  "Backfill is costed at two sessions a week; we'll make that clearer in the budget.",
];
const FOLLOW_UPS = [
  "That's reassuring, thanks for the quick answer.",
  "Sent you a message with our evaluation template.",
  "Great — looking forward to seeing how it goes.",
];

function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const MINUTE = 60_000;

/**
 * Adds conversations to the published ideas of the given rounds. Call after the ideas are
 * seeded, e.g. `await seedDemoConversations([round2027.id, round2026.id])`. Returns how many
 * comments it wrote.
 */
export async function seedDemoConversations(roundIds: string[]): Promise<number> {
  const random = sequence(5);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const list = await db
    .select({
      id: ideas.id,
      title: ideas.title,
      slug: ideas.slug,
      publishedAt: ideas.publishedAt,
      roundSlug: rounds.slug,
    })
    .from(ideas)
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .where(and(inArray(ideas.roundId, roundIds), ne(ideas.state, "draft")))
    .orderBy(asc(ideas.publishedAt), asc(ideas.id));
  const people = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.membership, "approved"), eq(users.isAdmin, false)));
  if (people.length < 3) return 0;
  const at = now().getTime();
  let written = 0;
  const tombstoned = new Set<string>();
  for (const [i, idea] of list.entries()) {
    // About two ideas in three have a conversation; the first few are the liveliest.
    if (i % 3 === 2) continue;
    const team = await db
      .select({ userId: ideaTeamMembers.userId })
      .from(ideaTeamMembers)
      .where(eq(ideaTeamMembers.ideaId, idea.id));
    const teamIds = new Set(team.map((t) => t.userId));
    const outsiders = people.filter((p) => !teamIds.has(p.id));
    const start = Math.min(at - 3 * 24 * 60 * MINUTE, (idea.publishedAt?.getTime() ?? at) + 6 * 60 * MINUTE);
    const span = Math.max(60 * MINUTE, at - 60 * MINUTE - start);
    const threads = i < 4 ? 4 : 1 + Math.floor(random() * 3);
    for (let t = 0; t < threads; t += 1) {
      const asker = pick(outsiders);
      const when = start + Math.floor((span * (t + random())) / (threads + 1));
      const body = QUESTIONS[(i + t) % QUESTIONS.length];
      const [question] = await db
        .insert(comments)
        .values({
          ideaId: idea.id,
          authorId: asker.id,
          bodyMd: body,
          bodyHtml: renderMarkdown(body, "comment"),
          createdAt: new Date(when),
          editedAt: t === 1 && i === 0 ? new Date(when + 5 * MINUTE) : null,
        })
        .returning();
      written += 1;
      await db
        .insert(follows)
        .values({ ideaId: idea.id, userId: asker.id, createdAt: new Date(when) })
        .onConflictDoNothing();
      const teamMember = team.length ? pick(team).userId : null;
      for (const userId of teamIds) {
        await db
          .insert(notifications)
          .values({
            userId,
            kind: "comment",
            dedupeKey: `comment:${question.id}`,
            actorId: asker.id,
            ideaId: idea.id,
            commentId: question.id,
            text: `${asker.name} commented on “${idea.title}”.`,
            url: `/rounds/${idea.roundSlug}/ideas/${idea.slug}#comment-${question.id}`,
            createdAt: new Date(when),
            readAt: t < threads - 1 ? new Date(when + 60 * MINUTE) : null,
          })
          .onConflictDoNothing();
      }
      if (!teamMember || random() < 0.25) continue;
      const replyBody = pick(TEAM_REPLIES);
      const [reply] = await db
        .insert(comments)
        .values({
          ideaId: idea.id,
          parentId: question.id,
          authorId: teamMember,
          depth: 2,
          bodyMd: replyBody,
          bodyHtml: renderMarkdown(replyBody, "comment"),
          createdAt: new Date(when + 90 * MINUTE),
        })
        .returning();
      written += 1;
      if (random() < 0.5) {
        const followUp = pick(FOLLOW_UPS);
        await db.insert(comments).values({
          ideaId: idea.id,
          parentId: reply.id,
          authorId: asker.id,
          depth: 3,
          bodyMd: followUp,
          bodyHtml: renderMarkdown(followUp, "comment"),
          createdAt: new Date(when + 150 * MINUTE),
        });
        written += 1;
      }
    }
    // One tombstone per round, so the demo shows a deleted comment keeping its replies.
    if (!tombstoned.has(idea.roundSlug)) {
      tombstoned.add(idea.roundSlug);
      const [gone] = await db
        .insert(comments)
        .values({
          ideaId: idea.id,
          authorId: pick(outsiders).id,
          bodyMd: "",
          bodyHtml: "",
          createdAt: new Date(start + 30 * MINUTE),
          deletedAt: new Date(start + 40 * MINUTE),
        })
        .returning();
      const body = "Replying to the point above about consent: our IG team signed this off in six weeks.";
      await db.insert(comments).values({
        ideaId: idea.id,
        parentId: gone.id,
        authorId: pick(outsiders).id,
        depth: 2,
        bodyMd: body,
        bodyHtml: renderMarkdown(body, "comment"),
        createdAt: new Date(start + 35 * MINUTE),
      });
      written += 2;
    }
  }
  await refreshRoundCommentCounts(db, roundIds);
  return written;
}
