import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createRound } from "../../db/seed/factories/rounds";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { listIdeas } from "../../app/modules/ideas/list-ideas.server";
import { pendingInvitationsFor } from "../../app/modules/ideas/my-ideas.server";

describe("the demo ideas", () => {
  it("fills the current round with 30+ ideas across states and categories, and the past round with funded projects", async () => {
    const current = await createRound({ phase: "proposals", slug: "2027" });
    const past = await createRound({ phase: "delivery", slug: "2026" });
    const member = await createUser({ name: "Tom Okafor" });
    const admin = await createUser({ isAdmin: true });
    const counts = await seedDemoIdeas(current.id, past.id, [admin, member]);
    expect(counts.current).toBeGreaterThanOrEqual(30);

    const rows = await db
      .select({ state: ideas.state, categoryId: ideas.categoryId, leadId: ideas.leadId })
      .from(ideas)
      .where(eq(ideas.roundId, current.id));
    const states = new Set(rows.map((r) => r.state));
    expect(states).toEqual(new Set(["draft", "published", "submitted"]));
    expect(new Set(rows.map((r) => r.categoryId)).size).toBe(2);
    const own = await db.select({ state: ideas.state }).from(ideas).where(eq(ideas.leadId, member.id));
    expect(own.map((r) => r.state).sort()).toEqual(["draft", "published", "published"]);
    expect(await pendingInvitationsFor(member.email)).toHaveLength(1);
    expect(rows.some((r) => r.leadId === admin.id)).toBe(false);

    const pastStates = (await db.select({ state: ideas.state }).from(ideas).where(eq(ideas.roundId, past.id))).map(
      (r) => r.state,
    );
    expect(pastStates.filter((s) => s === "funded").length).toBeGreaterThanOrEqual(8);
    expect((await listIdeas(past.id, { sort: "newest", page: 1, state: "funded" })).total).toBe(8);
  });

  it("works with a current round still in its ideas phase (no proposals yet)", async () => {
    const current = await createRound({ phase: "ideas" });
    const past = await createRound({ phase: "closed" });
    await seedDemoIdeas(current.id, past.id);
    const states = new Set(
      (await db.select({ state: ideas.state }).from(ideas).where(eq(ideas.roundId, current.id))).map((r) => r.state),
    );
    expect(states).toEqual(new Set(["draft", "published"]));
  });
});
