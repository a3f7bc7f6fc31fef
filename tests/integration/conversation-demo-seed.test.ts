import { eq, inArray, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { comments, ideas, ideaTeamMembers } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createRound } from "../../db/seed/factories/rounds";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { seedDemoConversations } from "../../db/seed/demo-conversations";
import { loadThread } from "../../app/modules/conversation/thread.server";

describe("the demo conversations", () => {
  it("adds threads with team replies, nesting within depth 3 and a tombstone", async () => {
    const current = await createRound({ phase: "proposals" });
    const past = await createRound({ phase: "delivery" });
    const member = await createUser({ name: "Tom Okafor" });
    await seedDemoIdeas(current.id, past.id, [member]);
    const written = await seedDemoConversations([current.id, past.id]);
    expect(written).toBeGreaterThan(40);
    const ideaIds = (await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, current.id))).map(
      (r) => r.id,
    );
    const rows = await db.select().from(comments).where(inArray(comments.ideaId, ideaIds));
    expect(Math.max(...rows.map((r) => r.depth))).toBe(3);
    expect(rows.some((r) => r.deletedAt)).toBe(true);
    const team = await db.select().from(ideaTeamMembers).where(inArray(ideaTeamMembers.ideaId, ideaIds));
    const teamReplies = rows.filter(
      (r) => r.parentId && team.some((t) => t.ideaId === r.ideaId && t.userId === r.authorId),
    );
    expect(teamReplies.length).toBeGreaterThan(5);
    const [withReplies] = await db
      .select({ ideaId: comments.ideaId })
      .from(comments)
      .where(isNotNull(comments.parentId))
      .limit(1);
    const thread = await loadThread(
      withReplies.ideaId,
      null,
      "oldest",
      team.filter((t) => t.ideaId === withReplies.ideaId).map((t) => t.userId),
    );
    expect(thread.tree.some((n) => n.replies.length > 0)).toBe(true);
  });
});
