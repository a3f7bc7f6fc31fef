// Posting, editing and deleting comments on an idea. Who may comment is the round's rule
// (rounds/rules.ts via assertAllowed); depth and the edit window are conversation/rules.ts.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { refreshCommentCount } from "./comment-count.server";
import { db, type Tx } from "~db/client";
import { comments, ideas, projects, projectUpdates, type Comment } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from "~/lib/errors";
import { claimFormKey, earlierRecord } from "~/lib/form-submissions.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { hit, retryMessage, type Limit } from "~/lib/rate-limit.server";
import { assertAllowed, lockIdea, type Actor } from "~/modules/ideas/context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { autoFollow, followersOf } from "./follows.server";
import { notify } from "./notify.server";
import { canEdit, canReplyTo, COMMENTS_PER_MINUTE, replyDepth } from "./rules";

export const COMMENT_LIMIT: Limit = { name: "comments:account", max: COMMENTS_PER_MINUTE, windowSeconds: 60 };

export const commentAnchor = (id: string) => `comment-${id}`;

/** A comment's address: the page of the thread it is on (threads are paged) and its anchor. */
export const commentLink = (pagePath: string, id: string) => `${pagePath}?comment=${id}#${commentAnchor(id)}`;

export type PostCommentInput = {
  ideaId: string;
  body: string;
  parentId?: string;
  updateId?: string | null;
  /** The form's one-time key. */ formKey?: string;
};

/** Posts a comment or a reply. The same form sent again (same `formKey`) returns the first comment. */
export async function postComment(actor: Actor, input: PostCommentInput): Promise<Comment> {
  // A repeat already recorded costs nothing against the limit (one racing the first still counts).
  const repeat = input.formKey ? await earlierRecord(actor.id, input.formKey, "comment") : null;
  if (repeat) return commentById(db, repeat);
  const limit = await hit(COMMENT_LIMIT, actor.id);
  if (limit.limited) {
    const message = `You can post ${COMMENTS_PER_MINUTE} comments a minute. ${retryMessage(limit.retryAfterSeconds)}`;
    throw new TooManyRequests(message, limit.retryAfterSeconds, { body: message });
  }
  return db.transaction(async (tx) => {
    const id = randomUUID();
    if (input.formKey) {
      const earlier = await claimFormKey(tx, { userId: actor.id, key: input.formKey, kind: "comment", recordId: id });
      if (earlier) return commentById(tx, earlier);
    }
    const { idea, round } = await lockIdea(tx, input.ideaId);
    if (idea.state === "draft") throw new Forbidden("Comments open when the idea is published.");
    assertAllowed(round, "comment", actor);
    const update = input.updateId ? await publishedUpdateOf(tx, idea.id, input.updateId) : null;
    const parent = input.parentId ? await commentIn(tx, idea.id, input.parentId) : null;
    if (parent && parent.updateId !== (update?.id ?? null)) throw new NotFound("There is no such comment.");
    if (parent) {
      const check = canReplyTo(parent);
      if (!check.ok) throw new Invalid(check.reason);
    }
    const at = now();
    const [comment] = await tx
      .insert(comments)
      .values({
        id,
        ideaId: idea.id,
        parentId: parent?.id ?? null,
        authorId: actor.id,
        depth: replyDepth(parent?.depth ?? null),
        updateId: update?.id ?? null,
        bodyMd: input.body,
        bodyHtml: renderMarkdown(input.body, "comment"),
        createdAt: at,
      })
      .returning();
    await tx.update(ideas).set({ lastActivityAt: at }).where(eq(ideas.id, idea.id));
    await refreshCommentCount(tx, idea.id);
    const followers = await followersOf(tx, idea.id);
    await autoFollow(tx, idea.id, actor.id);
    const page = update
      ? `${ideaPath(round.slug, idea.slug)}/updates/${update.number}`
      : ideaPath(round.slug, idea.slug);
    const path = commentLink(page, comment.id);
    const dedupeKey = `comment:${comment.id}`;
    const excerpt = input.body.length > 300 ? `${input.body.slice(0, 300)}…` : input.body;
    // The reply goes first: someone who is replied to and also follows hears about it once, as a reply.
    if (parent?.authorId) {
      await notify(tx, {
        kind: "reply",
        dedupeKey,
        actorId: actor.id,
        recipients: [parent.authorId],
        text: `${actor.name} replied to your comment on “${idea.title}”.`,
        path,
        ideaId: idea.id,
        commentId: comment.id,
        email: {
          subject: `${actor.name} replied to you on “${idea.title}”`,
          body: `${actor.name} replied to your comment:\n\n${excerpt}`,
        },
      });
    }
    await notify(tx, {
      kind: "comment",
      dedupeKey,
      actorId: actor.id,
      recipients: followers,
      text: `${actor.name} commented on “${idea.title}”.`,
      path,
      ideaId: idea.id,
      commentId: comment.id,
      email: { subject: `New comment on “${idea.title}”`, body: `${actor.name} commented:\n\n${excerpt}` },
    });
    return comment;
  });
}

async function commentById(executor: Tx | typeof db, id: string): Promise<Comment> {
  const [comment] = await executor.select().from(comments).where(eq(comments.id, id));
  if (!comment) throw new Conflict("This form was already sent, and the comment it made is gone. Reload the page.");
  return comment;
}

/** Comments under a project update: only a published update of this idea's project takes them. */
async function publishedUpdateOf(tx: Tx, ideaId: string, updateId: string) {
  const [update] = await tx
    .select({ id: projectUpdates.id, number: projectUpdates.number })
    .from(projectUpdates)
    .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
    .where(and(eq(projectUpdates.id, updateId), eq(projects.ideaId, ideaId), eq(projectUpdates.status, "published")));
  if (!update) throw new NotFound("There is no such update.");
  return update;
}

async function commentIn(tx: Tx, ideaId: string, commentId: string): Promise<Comment> {
  const [comment] = await tx
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.ideaId, ideaId)))
    .for("update");
  if (!comment) throw new NotFound("There is no such comment.");
  return comment;
}

export async function editComment(
  actor: Actor,
  input: { ideaId: string; commentId: string; body: string },
): Promise<Comment> {
  return db.transaction(async (tx) => {
    const comment = await commentIn(tx, input.ideaId, input.commentId);
    const check = canEdit(comment, actor.id, now());
    if (!check.ok) throw new Forbidden(check.reason);
    if (comment.bodyMd === input.body) return comment;
    const [saved] = await tx
      .update(comments)
      .set({ bodyMd: input.body, bodyHtml: renderMarkdown(input.body, "comment"), editedAt: now() })
      .where(eq(comments.id, comment.id))
      .returning();
    return saved;
  });
}

/** The author deletes at any time; the text goes and a tombstone keeps the replies in place. */
export async function deleteComment(actor: Actor, input: { ideaId: string; commentId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await commentIn(tx, input.ideaId, input.commentId);
    if (comment.authorId !== actor.id) throw new Forbidden("Only the author can delete a comment.");
    if (comment.deletedAt) return;
    await tx.update(comments).set({ deletedAt: now(), bodyMd: "", bodyHtml: "" }).where(eq(comments.id, comment.id));
    await refreshCommentCount(tx, comment.ideaId);
  });
}

/** Engagement as the public (and the panel) see it: hidden and deleted comments do not count. */
export async function commentCounts(
  ideaId: string,
  teamIds: string[],
): Promise<{ comments: number; teamReplies: number }> {
  const team =
    teamIds.length > 0
      ? sql`${comments.authorId} in (${sql.join(
          teamIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql`false`;
  const [row] = await db
    .select({
      comments: sql<number>`count(*)`.mapWith(Number),
      teamReplies: sql<number>`count(*) filter (where ${comments.parentId} is not null and ${team})`.mapWith(Number),
    })
    .from(comments)
    .where(and(eq(comments.ideaId, ideaId), sql`${comments.deletedAt} is null`, sql`${comments.hiddenAt} is null`));
  return row;
}
