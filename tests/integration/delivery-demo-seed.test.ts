import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { projectMilestones, projects, projectUpdates, users } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createRound } from "../../db/seed/factories/rounds";
import { seedDemoDelivery } from "../../db/seed/demo-delivery";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { milestonesOf, projectForIdea } from "../../app/modules/delivery/queries.server";
import { setClock, resetClock } from "../../app/lib/clock";

describe("the demo projects", () => {
  it("turn the past round's funded ideas into projects with milestones in every status, one overdue, a dozen updates, a final report and a draft", async () => {
    const current = await createRound({ phase: "ideas", slug: "2027" });
    const past = await createRound({ phase: "delivery", slug: "2026" });
    await seedDemoIdeas(current.id, past.id, [await createUser({ name: "Tom Okafor" })]);
    const count = await seedDemoDelivery(past.id);
    expect(count).toBe(8);

    const milestones = await db.select().from(projectMilestones);
    expect(new Set(milestones.map((m) => m.status))).toEqual(
      new Set(["not_started", "on_track", "done", "delayed", "dropped"]),
    );
    const updates = await db.select().from(projectUpdates);
    expect(updates.filter((u) => u.status === "published").length).toBeGreaterThanOrEqual(12);
    expect(updates.filter((u) => u.status === "draft")).toHaveLength(1);
    const [report] = updates.filter((u) => u.kind === "final_report");
    expect(report.outputLinks.length).toBeGreaterThan(0);
    expect(report.outcomesHtml).toContain("<li>");
    const [completed] = await db.select().from(projects).where(eq(projects.status, "completed"));
    expect(completed.id).toBe(report.projectId);

    // As the demo is set (late November 2026), exactly one milestone is overdue.
    setClock(() => new Date("2026-11-27T12:00:00Z"));
    try {
      const all = (await Promise.all((await db.select().from(projects)).map((p) => milestonesOf(p.id)))).flat();
      expect(all.filter((m) => m.overdue)).toHaveLength(1);
    } finally {
      resetClock();
    }

    // The browser test's team member leads a project with a draft only the team sees.
    const [aisha] = await db.select().from(users).where(eq(users.email, "aisha.begum@demo.q-exchange.org"));
    const [own] = await db
      .select()
      .from(projects)
      .innerJoin(projectUpdates, eq(projectUpdates.projectId, projects.id))
      .where(eq(projectUpdates.status, "draft"));
    expect(own.project_updates.authorId).toBe(aisha.id);
    expect((await projectForIdea(own.projects.ideaId, false))!.drafts).toEqual([]);
    expect((await projectForIdea(own.projects.ideaId, true))!.drafts).toHaveLength(1);
  });
});
