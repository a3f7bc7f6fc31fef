import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { panelConflicts, panelReviews, rounds } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createRound } from "../../db/seed/factories/rounds";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { seedDemoPanel } from "../../db/seed/demo-panel";
import { ranking } from "../../app/modules/panel/ranking.server";

describe("the demo panel", () => {
  it("gives the demo round's proposals reviewers with balanced loads, scores, a draft and conflicts", async () => {
    const current = await createRound({ phase: "proposals", slug: "2027" });
    const past = await createRound({ phase: "delivery", slug: "2026" });
    const admin = await createUser({ isAdmin: true });
    await seedDemoIdeas(current.id, past.id, [admin]);
    await db.update(rounds).set({ phase: "shortlisting" }).where(eq(rounds.id, current.id));

    const panel = await seedDemoPanel(current.id, admin.id, { k: 3 });
    expect(panel.reviewers).toHaveLength(6);
    // 3 submitted proposals × 3 reviewers over 6 reviewers: loads 1 or 2 (see the report).
    expect(Object.values(panel.loads).reduce((a, b) => a + b, 0)).toBe(9);
    const loads = Object.values(panel.loads);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(panel.shortfalls).toBe(0);
    const kinds = (
      await db.select({ kind: panelConflicts.kind }).from(panelConflicts).where(eq(panelConflicts.roundId, current.id))
    ).map((c) => c.kind);
    expect(kinds).toContain("organisation");
    expect(kinds).toContain("declared");
    expect(
      await db
        .select()
        .from(panelReviews)
        .where(and(eq(panelReviews.roundId, current.id), eq(panelReviews.status, "draft"))),
    ).toHaveLength(1);

    const [round] = await db.select().from(rounds).where(eq(rounds.id, current.id));
    const ranked = await ranking(db, round, admin.id);
    expect(ranked.categories.flatMap((c) => c.rows).filter((r) => r.score !== null).length).toBeGreaterThan(0);
    // Seeding twice adds nothing.
    await seedDemoPanel(current.id, admin.id, { k: 3 });
  });
});
