// The team keeps its milestones: edits titles, due months, status and progress, and adds new ones.
// Milestones are never deleted (the public record keeps them): a milestone given up is "dropped" with a reason.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { projectMilestones } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/ideas/context.server";
import { lockForTeam } from "./context.server";
import { settledProgress } from "./milestones";
import type { MilestoneRow } from "./validation";

export async function saveMilestones(actor: Actor, input: { ideaId: string; rows: MilestoneRow[] }): Promise<void> {
  await db.transaction(async (tx) => {
    const { project, round } = await lockForTeam(tx, actor, input.ideaId, "edit milestones");
    const existing = await tx.select().from(projectMilestones).where(eq(projectMilestones.projectId, project.id));
    const known = new Map(existing.map((m) => [m.id, m]));
    if (input.rows.some((r) => r.id && !known.has(r.id)))
      throw new Invalid("The milestones changed while you were editing. Reload the page and try again.");
    const at = now();
    let changed = 0;
    for (const [position, row] of input.rows.entries()) {
      const values = {
        title: row.title,
        dueMonth: row.dueMonth,
        status: row.status,
        progress: settledProgress(row.status, row.progress),
        dropReason: row.dropReason,
        position,
      };
      const before = row.id ? known.get(row.id) : undefined;
      if (before) {
        const same = (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]);
        if (same) continue;
        await tx
          .update(projectMilestones)
          .set({ ...values, updatedAt: at })
          .where(and(eq(projectMilestones.id, before.id), eq(projectMilestones.projectId, project.id)));
      } else {
        await tx.insert(projectMilestones).values({ ...values, projectId: project.id, updatedAt: at });
      }
      changed += 1;
    }
    if (changed > 0) {
      await recordAudit(
        {
          actorId: actor.id,
          action: "delivery.milestones_edited",
          subjectType: "project",
          subjectId: project.id,
          roundId: round.id,
          details: { changed },
        },
        tx,
      );
    }
  });
}
