// Reports and moderation. Three open reports hide a comment until an admin decides; an admin's
// hide or restore resolves the open reports, carries a reason shown to the author, and is audited.
import { and, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { refreshCommentCount } from "./comment-count.server";
import { db, type Tx } from "~db/client";
import { commentReports, comments, ideas, rounds, users, projectUpdates } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/ideas/context.server";
import { reportsHide } from "./rules";

export const AUTO_HIDE_REASON = "Hidden automatically after several reports, until a moderator reviews it.";

async function lockComment(tx: Tx, commentId: string) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("update");
  if (!comment) throw new NotFound("There is no such comment.");
  return comment;
}

/** Anyone signed in reports a comment once; the report that reaches the threshold hides it. */
export async function reportComment(
  actor: Actor,
  input: { commentId: string; reason: string },
): Promise<{ hidden: boolean }> {
  return db.transaction(async (tx) => {
    const comment = await lockComment(tx, input.commentId);
    if (comment.authorId === actor.id) throw new Invalid("You cannot report your own comment.");
    if (comment.deletedAt) throw new Invalid("This comment has been deleted.");
    const inserted = await tx
      .insert(commentReports)
      .values({ commentId: comment.id, reporterId: actor.id, reason: input.reason, createdAt: now() })
      .onConflictDoNothing()
      .returning({ id: commentReports.id });
    if (inserted.length === 0) throw new Conflict("You have already reported this comment.");
    if (comment.hiddenAt) return { hidden: true };
    const [{ open }] = await tx
      .select({ open: sql<number>`count(*)`.mapWith(Number) })
      .from(commentReports)
      .where(and(eq(commentReports.commentId, comment.id), isNull(commentReports.resolvedAt)));
    if (!reportsHide(open)) return { hidden: false };
    await tx
      .update(comments)
      .set({ hiddenAt: now(), hiddenReason: AUTO_HIDE_REASON })
      .where(eq(comments.id, comment.id));
    await refreshCommentCount(tx, comment.ideaId);
    return { hidden: true };
  });
}

async function decide(actor: Actor, input: { commentId: string; reason: string }, hide: boolean): Promise<void> {
  if (!actor.isAdmin) throw new Forbidden("Only admins can moderate comments.");
  await db.transaction(async (tx) => {
    const comment = await lockComment(tx, input.commentId);
    const at = now();
    await tx
      .update(comments)
      .set(
        hide
          ? { hiddenAt: comment.hiddenAt ?? at, hiddenReason: input.reason }
          : { hiddenAt: null, hiddenReason: null },
      )
      .where(eq(comments.id, comment.id));
    await tx
      .update(commentReports)
      .set({ resolvedAt: at })
      .where(and(eq(commentReports.commentId, comment.id), isNull(commentReports.resolvedAt)));
    await refreshCommentCount(tx, comment.ideaId);
    const [idea] = await tx.select({ roundId: ideas.roundId }).from(ideas).where(eq(ideas.id, comment.ideaId));
    await recordAudit(
      {
        actorId: actor.id,
        action: hide ? "comment.hide" : "comment.restore",
        subjectType: "comment",
        subjectId: comment.id,
        roundId: idea?.roundId ?? null,
        details: { reason: input.reason, ideaId: comment.ideaId },
      },
      tx,
    );
  });
}

export const hideComment = (actor: Actor, input: { commentId: string; reason: string }) => decide(actor, input, true);
export const restoreComment = (actor: Actor, input: { commentId: string; reason: string }) =>
  decide(actor, input, false);

/** Comments with open reports or hidden, newest activity first, for /admin/moderation. */
export async function moderationQueue(limit = 100) {
  const openReports =
    sql<number>`count(${commentReports.id}) filter (where ${commentReports.resolvedAt} is null)`.mapWith(Number);
  const rows = await db
    .select({
      id: comments.id,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
      hiddenAt: comments.hiddenAt,
      hiddenReason: comments.hiddenReason,
      deletedAt: comments.deletedAt,
      authorName: users.name,
      ideaTitle: ideas.title,
      ideaSlug: ideas.slug,
      roundSlug: rounds.slug,
      // Comments under a project update live on the update's page.
      updateNumber: sql<
        number | null
      >`(select ${projectUpdates.number} from ${projectUpdates} where ${projectUpdates.id} = ${comments.updateId})`,
      openReports,
      reasons: sql<
        string[]
      >`coalesce(array_agg(${commentReports.reason} order by ${commentReports.createdAt}) filter (where ${commentReports.resolvedAt} is null), '{}')`,
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .innerJoin(rounds, eq(rounds.id, ideas.roundId))
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(commentReports, eq(commentReports.commentId, comments.id))
    .where(or(isNotNull(comments.hiddenAt), isNull(commentReports.resolvedAt)))
    .groupBy(comments.id, users.id, ideas.id, rounds.id)
    .having(or(isNotNull(comments.hiddenAt), sql`${openReports} > 0`))
    .orderBy(desc(sql`coalesce(max(${commentReports.createdAt}), ${comments.hiddenAt})`))
    .limit(limit);
  return rows;
}

/** How many comments wait for a moderator: open reports on a visible comment, or hidden by reports. */
export async function moderationCount(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${comments.id})`.mapWith(Number) })
    .from(comments)
    .innerJoin(commentReports, eq(commentReports.commentId, comments.id))
    .where(isNull(commentReports.resolvedAt));
  return row.n;
}
