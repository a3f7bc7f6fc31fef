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

const countOf = async (ideaId: string) => (await db.select({ n: ideas.commentCount }).from(ideas).where(eq(ideas.id, ideaId)))[0].n;

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
