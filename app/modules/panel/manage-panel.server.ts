// Admin use cases for a round's panel: reviewers, the chair, assignments and conflict overrides.
// Each writes one audit row in its own transaction.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, panelAssignments, panelConflicts, panelMembers, users } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assignReviewers, type AssignmentShortfall } from "./assignment";
import { blockedPairs, refreshConflicts, REVIEWABLE_STATES } from "./conflicts.server";
import { assertAdmin, assertNotPublished, lockRound, type PanelActor } from "./context.server";

const audit = (
  actor: PanelActor,
  roundId: string,
  action: string,
  subjectId: string | null,
  details: Record<string, unknown> = {},
) => ({
  actorId: actor.id,
  action,
  subjectType: "round",
  subjectId,
  roundId,
  details,
});

export async function addReviewer(actor: PanelActor, input: { roundId: string; email: string; chair?: boolean }) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    const [user] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.email, input.email.trim().toLowerCase()));
    if (!user)
      throw new Invalid("No account has this email address. Ask the reviewer to create an account first.", {
        email: "No account has this email address. Ask the reviewer to create an account first.",
      });
    const [already] = await tx
      .select()
      .from(panelMembers)
      .where(and(eq(panelMembers.roundId, input.roundId), eq(panelMembers.userId, user.id)));
    if (already)
      throw new Conflict(`${user.name} is already on the panel.`, { email: `${user.name} is already on the panel.` });
    if (input.chair)
      await tx.update(panelMembers).set({ isChair: false }).where(eq(panelMembers.roundId, input.roundId));
    await tx
      .insert(panelMembers)
      .values({ roundId: input.roundId, userId: user.id, isChair: input.chair ?? false, addedAt: now() });
    await refreshConflicts(tx, input.roundId);
    await recordAudit(
      audit(actor, input.roundId, "panel.reviewer_added", input.roundId, {
        userId: user.id,
        chair: input.chair ?? false,
      }),
      tx,
    );
    return user;
  });
}

/** Removes a reviewer and their assignments; submitted reviews stay in the record but no longer count. */
export async function removeReviewer(actor: PanelActor, input: { roundId: string; userId: string }) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await assertNotPublished(tx, input.roundId);
    const gone = await tx
      .delete(panelMembers)
      .where(and(eq(panelMembers.roundId, input.roundId), eq(panelMembers.userId, input.userId)))
      .returning();
    if (gone.length === 0) throw new NotFound("That person is not on the panel.");
    await tx
      .delete(panelAssignments)
      .where(and(eq(panelAssignments.roundId, input.roundId), eq(panelAssignments.reviewerId, input.userId)));
    await recordAudit(
      audit(actor, input.roundId, "panel.reviewer_removed", input.roundId, { userId: input.userId }),
      tx,
    );
  });
}

/** Makes one reviewer the chair (or nobody, with userId null). */
export async function setChair(actor: PanelActor, input: { roundId: string; userId: string | null }) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await tx.update(panelMembers).set({ isChair: false }).where(eq(panelMembers.roundId, input.roundId));
    if (input.userId) {
      const set = await tx
        .update(panelMembers)
        .set({ isChair: true })
        .where(and(eq(panelMembers.roundId, input.roundId), eq(panelMembers.userId, input.userId)))
        .returning();
      if (set.length === 0) throw new NotFound("That person is not on the panel.");
    }
    await recordAudit(audit(actor, input.roundId, "panel.chair_set", input.roundId, { userId: input.userId }), tx);
  });
}

export type AssignResult = {
  added: number;
  removed: number;
  shortfalls: (AssignmentShortfall & { title: string })[];
  loads: Record<string, number>;
};

/**
 * "Give every proposal K reviewers": refreshes conflicts, removes assignments that a conflict now
 * blocks, and adds what assignReviewers plans. Never assigns a blocked pair.
 */
export async function assignAll(actor: PanelActor, input: { roundId: string; k: number }): Promise<AssignResult> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await assertNotPublished(tx, input.roundId);
    await refreshConflicts(tx, input.roundId);
    const proposals = await tx
      .select({ id: ideas.id, categoryId: ideas.categoryId, title: ideas.title })
      .from(ideas)
      .where(and(eq(ideas.roundId, input.roundId), inArray(ideas.state, [...REVIEWABLE_STATES])))
      .orderBy(asc(ideas.title));
    const reviewers = await tx
      .select({ id: panelMembers.userId })
      .from(panelMembers)
      .where(eq(panelMembers.roundId, input.roundId));
    const existing = await tx
      .select({ reviewerId: panelAssignments.reviewerId, proposalId: panelAssignments.ideaId })
      .from(panelAssignments)
      .where(eq(panelAssignments.roundId, input.roundId));
    const blocked = await blockedPairs(tx, input.roundId);
    const plan = assignReviewers({ proposals, reviewers, k: input.k, blocked, existing });
    for (const pair of plan.ignored) {
      await tx
        .delete(panelAssignments)
        .where(and(eq(panelAssignments.ideaId, pair.proposalId), eq(panelAssignments.reviewerId, pair.reviewerId)));
    }
    if (plan.assignments.length > 0) {
      await tx.insert(panelAssignments).values(
        plan.assignments.map((a) => ({
          roundId: input.roundId,
          ideaId: a.proposalId,
          reviewerId: a.reviewerId,
          assignedAt: now(),
        })),
      );
    }
    await recordAudit(
      audit(actor, input.roundId, "panel.assigned", input.roundId, {
        k: input.k,
        added: plan.assignments.length,
        removed: plan.ignored.length,
        shortfalls: plan.shortfalls.length,
      }),
      tx,
    );
    const titles = new Map(proposals.map((p) => [p.id, p.title]));
    return {
      added: plan.assignments.length,
      removed: plan.ignored.length,
      shortfalls: plan.shortfalls.map((s) => ({ ...s, title: titles.get(s.proposalId) ?? "" })),
      loads: plan.loads,
    };
  });
}

/** One assignment by hand; refused when the pair is blocked. */
export async function addAssignment(actor: PanelActor, input: { roundId: string; ideaId: string; reviewerId: string }) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await assertNotPublished(tx, input.roundId);
    await refreshConflicts(tx, input.roundId);
    const [member] = await tx
      .select()
      .from(panelMembers)
      .where(and(eq(panelMembers.roundId, input.roundId), eq(panelMembers.userId, input.reviewerId)));
    if (!member)
      throw new Invalid("That person is not on the panel.", { reviewerId: "Choose a reviewer on the panel." });
    const [idea] = await tx
      .select({ id: ideas.id })
      .from(ideas)
      .where(
        and(eq(ideas.id, input.ideaId), eq(ideas.roundId, input.roundId), inArray(ideas.state, [...REVIEWABLE_STATES])),
      );
    if (!idea) throw new Invalid("Choose a submitted proposal.", { ideaId: "Choose a submitted proposal." });
    const blocked = await blockedPairs(tx, input.roundId);
    if (blocked.has(`${input.reviewerId}:${input.ideaId}`))
      throw new Conflict("This reviewer has a conflict with this proposal, so they cannot review it.");
    const added = await tx
      .insert(panelAssignments)
      .values({ ...input, assignedAt: now() })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0) throw new Conflict("This reviewer is already assigned to this proposal.");
    await recordAudit(
      audit(actor, input.roundId, "panel.assignment_added", input.ideaId, { reviewerId: input.reviewerId }),
      tx,
    );
  });
}

export async function removeAssignment(
  actor: PanelActor,
  input: { roundId: string; ideaId: string; reviewerId: string },
) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await assertNotPublished(tx, input.roundId);
    const gone = await tx
      .delete(panelAssignments)
      .where(
        and(
          eq(panelAssignments.roundId, input.roundId),
          eq(panelAssignments.ideaId, input.ideaId),
          eq(panelAssignments.reviewerId, input.reviewerId),
        ),
      )
      .returning();
    if (gone.length === 0) throw new NotFound("There is no such assignment.");
    await recordAudit(
      audit(actor, input.roundId, "panel.assignment_removed", input.ideaId, { reviewerId: input.reviewerId }),
      tx,
    );
  });
}

/** An admin lets a reviewer review a proposal despite a shared organisation, with a reason. */
export async function overrideOrganisationConflict(
  actor: PanelActor,
  input: { roundId: string; ideaId: string; reviewerId: string; reason: string },
) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    await assertNotPublished(tx, input.roundId);
    const set = await tx
      .update(panelConflicts)
      .set({ overriddenAt: now(), overriddenById: actor.id, overrideReason: input.reason })
      .where(
        and(
          eq(panelConflicts.roundId, input.roundId),
          eq(panelConflicts.ideaId, input.ideaId),
          eq(panelConflicts.reviewerId, input.reviewerId),
          eq(panelConflicts.kind, "organisation"),
        ),
      )
      .returning();
    if (set.length === 0) throw new NotFound("There is no organisation conflict to override.");
    await recordAudit(
      audit(actor, input.roundId, "panel.conflict_overridden", input.ideaId, {
        reviewerId: input.reviewerId,
        reason: input.reason,
      }),
      tx,
    );
  });
}
