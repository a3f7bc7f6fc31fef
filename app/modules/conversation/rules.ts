// Pure conversation rules: how deep replies nest, how long an author may edit, when reports hide
// a comment, and how a thread is built and sorted. No database here, so every caller agrees.

/** A top-level comment has depth 1; replies nest to this depth and no further. */
export const MAX_DEPTH = 3;
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** This many open reports hide a comment until an admin reviews it. */
export const REPORT_THRESHOLD = 3;
export const COMMENTS_PER_MINUTE = 10;
export const MAX_COMMENT_LENGTH = 5000;

export type RuleResult = { ok: true } | { ok: false; reason: string };
const OK: RuleResult = { ok: true };

/** Depth rule: a reply goes one level below its parent, and never past MAX_DEPTH. */
export function replyDepth(parentDepth: number | null): number {
  return parentDepth === null ? 1 : parentDepth + 1;
}

export function canReplyTo(parent: { depth: number; deletedAt: Date | null; hiddenAt: Date | null }): RuleResult {
  if (parent.deletedAt) return { ok: false, reason: "You cannot reply to a deleted comment." };
  if (parent.hiddenAt) return { ok: false, reason: "You cannot reply to a hidden comment." };
  if (replyDepth(parent.depth) > MAX_DEPTH)
    return { ok: false, reason: `Replies nest ${MAX_DEPTH} levels deep; reply to the comment above instead.` };
  return OK;
}

/** Edit window rule: only the author, only within 15 minutes of posting, never once deleted. */
export function canEdit(
  comment: { authorId: string | null; createdAt: Date; deletedAt: Date | null },
  userId: string,
  now: Date,
): RuleResult {
  if (comment.authorId !== userId) return { ok: false, reason: "Only the author can edit a comment." };
  if (comment.deletedAt) return { ok: false, reason: "This comment has been deleted." };
  if (!withinEditWindow(comment.createdAt, now))
    return { ok: false, reason: "Comments can be edited for 15 minutes after posting." };
  return OK;
}

export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < EDIT_WINDOW_MS;
}

/** Report threshold rule: three open reports hide the comment. */
export function reportsHide(openReports: number): boolean {
  return openReports >= REPORT_THRESHOLD;
}

export type CommentSort = "newest" | "oldest";
export function parseSort(value: string | null): CommentSort {
  return value === "newest" ? "newest" : "oldest";
}

export type ThreadItem = { id: string; parentId: string | null; createdAt: Date };
export type ThreadNode<T> = T & { replies: ThreadNode<T>[] };

/**
 * Builds the tree in memory from one flat list. Top-level comments follow the chosen sort;
 * replies always read oldest first so a conversation reads in order.
 */
export function buildThread<T extends ThreadItem>(items: T[], sort: CommentSort): ThreadNode<T>[] {
  const nodes = new Map<string, ThreadNode<T>>();
  for (const item of items) nodes.set(item.id, { ...item, replies: [] });
  const roots: ThreadNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else if (!node.parentId) roots.push(node);
  }
  const asc = (a: ThreadItem, b: ThreadItem) =>
    a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  for (const node of nodes.values()) node.replies.sort(asc);
  roots.sort(sort === "oldest" ? asc : (a, b) => asc(b, a));
  return roots;
}

/** Visibility rule: a hidden comment shows only to its author (with the reason) and to admins. */
export function canSeeHidden(
  comment: { authorId: string | null },
  viewer: { id: string; isAdmin: boolean } | null,
): boolean {
  return Boolean(viewer && (viewer.isAdmin || comment.authorId === viewer.id));
}
