// Results publication calls this inside its transaction: every funded idea of the round without a
// project gets one, with the award it asked for and milestones from its proposal's timeline.
// Idempotent: a second call (or a second server) adds nothing.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { ideas, projectMilestones, projects, proposalBudgetLines, proposalMilestones } from "~db/schema";
import { now } from "~/lib/clock";

export async function startProjects(tx: Tx, roundId: string): Promise<string[]> {
  const funded = await tx
    .select({ id: ideas.id })
    .from(ideas)
    .leftJoin(projects, eq(projects.ideaId, ideas.id))
    .where(and(eq(ideas.roundId, roundId), eq(ideas.state, "funded"), isNull(projects.id)));
  if (funded.length === 0) return [];
  const ids = funded.map((f) => f.id);
  const totals = await tx
    .select({
      ideaId: proposalBudgetLines.ideaId,
      total: sql<number>`sum(${proposalBudgetLines.amountPence})`.mapWith(Number),
    })
    .from(proposalBudgetLines)
    .where(inArray(proposalBudgetLines.ideaId, ids))
    .groupBy(proposalBudgetLines.ideaId);
  const award = new Map(totals.map((t) => [t.ideaId, t.total]));
  const at = now();
  const created = await tx
    .insert(projects)
    .values(ids.map((ideaId) => ({ ideaId, roundId, awardPence: award.get(ideaId) ?? 0, startedAt: at })))
    .onConflictDoNothing({ target: projects.ideaId })
    .returning({ id: projects.id, ideaId: projects.ideaId });
  if (created.length === 0) return [];
  const timeline = await tx
    .select()
    .from(proposalMilestones)
    .where(
      inArray(
        proposalMilestones.ideaId,
        created.map((c) => c.ideaId),
      ),
    )
    .orderBy(asc(proposalMilestones.ideaId), asc(proposalMilestones.position));
  const projectOf = new Map(created.map((c) => [c.ideaId, c.id]));
  const rows = timeline.map((m) => ({
    projectId: projectOf.get(m.ideaId)!,
    title: m.title,
    dueMonth: m.targetMonth,
    position: m.position,
    updatedAt: at,
  }));
  if (rows.length > 0) await tx.insert(projectMilestones).values(rows);
  return created.map((c) => c.id);
}
