import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { deleteComment, postComment } from "../../app/modules/conversation/comments.server";
import { hideComment, restoreComment } from "../../app/modules/conversation/moderation.server";
import { listIdeas } from "../../app/modules/ideas/list-ideas.server";

let round: RoundFixture;
let lead: User, admin: User, member: User;

beforeAll(async () => {
  round = await createRound({ phase: "ideas" });
  lead = await createUser({ name: "Lena Lead" });
  admin = await createUser({ name: "Ada Admin", isAdmin: true });
  member = await createUser({ name: "Mo Member" });
});

const countOf = async (ideaId: string) =>
  (await db.select({ n: ideas.commentCount }).from(ideas).where(eq(ideas.id, ideaId)))[0].n;

describe("an idea's comment count", () => {
  it("counts visible comments through posting, deleting, hiding and restoring", async () => {
    const idea = await insertIdea({ round, lead, title: "Counted idea" });
    const first = await postComment(member, { ideaId: idea.id, body: "First" });
    const second = await postComment(member, { ideaId: idea.id, body: "Second" });
    await postComment(lead, { ideaId: idea.id, body: "A reply", parentId: first.id });
    expect(await countOf(idea.id)).toBe(3);
    await deleteComment(member, { ideaId: idea.id, commentId: second.id });
    expect(await countOf(idea.id)).toBe(2);
    await hideComment(admin, { commentId: first.id, reason: "Off topic" });
    expect(await countOf(idea.id)).toBe(1);
    await restoreComment(admin, { commentId: first.id, reason: "Fine after all" });
    expect(await countOf(idea.id)).toBe(2);
  });

  it("orders the list by it when sorted by most discussed", async () => {
    const quiet = await insertIdea({ round, lead, title: "Quiet idea" });
    const busy = await insertIdea({ round, lead, title: "Busy idea" });
    for (const body of ["one", "two", "three"]) await postComment(member, { ideaId: busy.id, body });
    await postComment(member, { ideaId: quiet.id, body: "just one" });
    const { items } = await listIdeas(round.id, { sort: "discussed", page: 1 });
    const order = items.map((i) => i.id);
    expect(order.indexOf(busy.id)).toBeLessThan(order.indexOf(quiet.id));
    expect(items.find((i) => i.id === busy.id)?.commentCount).toBe(3);
  });
});

describe("the engagement summary the panel sees", () => {
  it("counts visible comments, the team's replies, supports, and edits after the first comment", async () => {
    const { engagementSummary } = await import("../../app/modules/ideas/engagement.server");
    const { editIdea } = await import("../../app/modules/ideas/edit-idea.server");
    const { resetClock, setClock } = await import("../../app/lib/clock");
    const idea = await insertIdea({ round, lead, title: "Engaged idea" });
    const before = await engagementSummary(idea.id);
    const question = await postComment(member, { ideaId: idea.id, body: "How will you recruit?" });
    await postComment(lead, { ideaId: idea.id, body: "Through the clinics.", parentId: question.id });
    const hidden = await postComment(member, { ideaId: idea.id, body: "Spam" });
    await hideComment(admin, { commentId: hidden.id, reason: "Spam" });
    // The team changes the idea after the feedback.
    setClock(() => new Date(Date.now() + 60_000));
    const [row] = await db.select().from(ideas).where(eq(ideas.id, idea.id));
    await editIdea(lead, {
      ideaId: idea.id,
      version: row.version,
      title: "Engaged idea, recruiting through clinics",
      summary: row.summary,
      challengeMd: row.challengeMd,
      categoryId: row.categoryId,
      topicIds: [],
    });
    resetClock();
    const after = await engagementSummary(idea.id);
    expect(after).toMatchObject({ comments: 2, teamReplies: 1, revisionsAfterFirstComment: 1 });
    expect(after!.revisions).toBe(before!.revisions + 1);
  });
});
