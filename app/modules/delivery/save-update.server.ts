// Writing updates: the team saves a draft, publishes, and edits. Milestone changes chosen with an
// update are kept with it and take effect when it is published (at once for a published update).
// Publishing tells the idea's followers; a final report completes the project.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { db } from "~db/client";
import { projectMilestones, projects, projectUpdates, updateMilestoneChanges, type ProjectUpdate } from "~db/schema";
import { now } from "~/lib/clock";
import { Invalid, NotFound } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { recordAudit } from "~/modules/audit/record.server";
import { followersOf } from "~/modules/conversation/follows.server";
import { notify } from "~/modules/conversation/notify.server";
import type { Actor } from "~/modules/ideas/context.server";
import { lockForTeam, type LockedProject } from "./context.server";
import { settledProgress } from "./milestones";
import { updatePath } from "./paths";
import type { MilestoneChange, UpdateFields } from "./validation";

export type UpdateInput = { ideaId: string; fields: UpdateFields; changes: MilestoneChange[]; publish: boolean };

export async function createUpdate(actor: Actor, input: UpdateInput): Promise<ProjectUpdate> {
  return db.transaction(async (tx) => {
    const locked = await lockForTeam(tx, actor, input.ideaId, "post updates");
    await checkMilestones(tx, locked, input.changes);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${projectUpdates.number}), 0) + 1`.mapWith(Number) })
      .from(projectUpdates)
      .where(eq(projectUpdates.projectId, locked.project.id));
    const at = now();
    const [update] = await tx
      .insert(projectUpdates)
      .values({
        projectId: locked.project.id,
        number: next,
        authorId: actor.id,
        createdAt: at,
        updatedAt: at,
        ...text(input.fields),
      })
      .returning();
    await keepChanges(tx, update.id, input.changes);
    return input.publish ? publish(tx, actor, locked, update) : update;
  });
}

export async function editUpdate(actor: Actor, input: UpdateInput & { number: number }): Promise<ProjectUpdate> {
  return db.transaction(async (tx) => {
    const locked = await lockForTeam(tx, actor, input.ideaId, "edit updates");
    await checkMilestones(tx, locked, input.changes);
    const [existing] = await tx
      .select()
      .from(projectUpdates)
      .where(and(eq(projectUpdates.projectId, locked.project.id), eq(projectUpdates.number, input.number)));
    if (!existing) throw new NotFound("There is no such update.");
    const at = now();
    const wasPublished = existing.status === "published";
    const [update] = await tx
      .update(projectUpdates)
      .set({ ...text(input.fields), updatedAt: at, ...(wasPublished ? { editedAt: at } : {}) })
      .where(eq(projectUpdates.id, existing.id))
      .returning();
    await keepChanges(tx, update.id, input.changes);
    if (wasPublished) {
      await applyChanges(tx, update.id);
      await settleStatus(tx, locked.project.id);
      await recordAudit(
        {
          actorId: actor.id,
          action: "delivery.update_edited",
          subjectType: "project_update",
          subjectId: update.id,
          roundId: locked.round.id,
        },
        tx,
      );
      return update;
    }
    return input.publish ? publish(tx, actor, locked, update) : update;
  });
}

function text(fields: UpdateFields) {
  return {
    kind: fields.kind,
    title: fields.title,
    bodyMd: fields.bodyMd,
    bodyHtml: renderMarkdown(fields.bodyMd, "full"),
    outcomesMd: fields.outcomesMd,
    outcomesHtml: fields.outcomesMd ? renderMarkdown(fields.outcomesMd, "full") : "",
    outputLinks: fields.outputLinks,
  };
}

/** Completed exactly while a published final report exists (an edit may change an update's kind). */
async function settleStatus(tx: Tx, projectId: string) {
  const [report] = await tx
    .select({ id: projectUpdates.id })
    .from(projectUpdates)
    .where(
      and(
        eq(projectUpdates.projectId, projectId),
        eq(projectUpdates.status, "published"),
        eq(projectUpdates.kind, "final_report"),
      ),
    )
    .limit(1);
  await tx
    .update(projects)
    .set({ status: report ? "completed" : "in_progress" })
    .where(eq(projects.id, projectId));
}

async function checkMilestones(tx: Tx, locked: LockedProject, changes: MilestoneChange[]) {
  if (changes.length === 0) return;
  const ids = changes.map((c) => c.milestoneId);
  const own = await tx
    .select({ id: projectMilestones.id })
    .from(projectMilestones)
    .where(and(eq(projectMilestones.projectId, locked.project.id), inArray(projectMilestones.id, ids)));
  if (own.length !== new Set(ids).size) throw new Invalid("Choose milestones of this project.");
}

/** The changes chosen this time replace those chosen before (for milestones named again). */
async function keepChanges(tx: Tx, updateId: string, changes: MilestoneChange[]) {
  for (const c of changes) {
    const values = {
      updateId,
      milestoneId: c.milestoneId,
      toStatus: c.status,
      toProgress: settledProgress(c.status, c.progress),
      dropReason: c.dropReason,
    };
    await tx
      .insert(updateMilestoneChanges)
      .values(values)
      .onConflictDoUpdate({
        target: [updateMilestoneChanges.updateId, updateMilestoneChanges.milestoneId],
        set: { toStatus: values.toStatus, toProgress: values.toProgress, dropReason: values.dropReason },
      });
  }
}

/** Moves the milestones as the update says, recording where each was before. */
async function applyChanges(tx: Tx, updateId: string) {
  const changes = await tx.select().from(updateMilestoneChanges).where(eq(updateMilestoneChanges.updateId, updateId));
  const at = now();
  for (const c of changes) {
    const [before] = await tx
      .select()
      .from(projectMilestones)
      .where(eq(projectMilestones.id, c.milestoneId))
      .for("update");
    if (!before || (before.status === c.toStatus && before.progress === c.toProgress)) continue;
    await tx
      .update(projectMilestones)
      .set({
        status: c.toStatus,
        progress: c.toProgress,
        dropReason: c.toStatus === "dropped" ? (c.dropReason ?? before.dropReason ?? "") : null,
        updatedAt: at,
      })
      .where(eq(projectMilestones.id, c.milestoneId));
    if (c.fromStatus === null) {
      await tx
        .update(updateMilestoneChanges)
        .set({ fromStatus: before.status, fromProgress: before.progress })
        .where(
          and(eq(updateMilestoneChanges.updateId, updateId), eq(updateMilestoneChanges.milestoneId, c.milestoneId)),
        );
    }
  }
}

async function publish(tx: Tx, actor: Actor, locked: LockedProject, draft: ProjectUpdate): Promise<ProjectUpdate> {
  const at = now();
  const [update] = await tx
    .update(projectUpdates)
    .set({ status: "published", publishedAt: at, updatedAt: at })
    .where(eq(projectUpdates.id, draft.id))
    .returning();
  await applyChanges(tx, update.id);
  await tx
    .update(projects)
    .set({ lastUpdateAt: at, ...(update.kind === "final_report" ? { status: "completed" as const } : {}) })
    .where(eq(projects.id, locked.project.id));
  const { idea, round } = locked;
  const report = update.kind === "final_report";
  await notify(tx, {
    kind: "project_update",
    dedupeKey: `project-update:${update.id}`,
    actorId: actor.id,
    recipients: await followersOf(tx, idea.id),
    text: `${report ? "Final report" : "New update"} from “${idea.title}”: ${update.title}`,
    path: updatePath(round.slug, idea.slug, update.number),
    ideaId: idea.id,
    email: {
      subject: `${report ? "Final report" : "Update"} from “${idea.title}”: ${update.title}`,
      body: `${actor.name} published ${report ? "the project's final report" : "an update"} on “${idea.title}”:\n\n${update.title}`,
    },
  });
  await recordAudit(
    {
      actorId: actor.id,
      action: "delivery.update_published",
      subjectType: "project_update",
      subjectId: update.id,
      roundId: round.id,
      details: { kind: update.kind, number: update.number },
    },
    tx,
  );
  return update;
}
