// The whole thread of an idea in one query, built into a tree in memory, so a long thread costs
// the same few queries as a short one. Returns only what the page shows, dates as ISO strings, and
// only one page of top-level threads (each with all its replies): rendering every comment of a
// long conversation is what made a page with 350 comments slow, not the query.
import { and, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { commentReports, comments, users } from "~db/schema";
import { now } from "~/lib/clock";
import { buildThread, canReplyTo, canSeeHidden, withinEditWindow, type CommentSort, type ThreadNode } from "./rules";

type Viewer = { id: string; isAdmin: boolean } | null;

export type CommentView = {
  id: string;
  parentId: string | null;
  createdAt: Date;
  depth: number;
  /** "visible"; "hidden" (shown to its author and admins with the reason); "removed" (a placeholder). */
  status: "visible" | "hidden" | "removed" | "deleted";
  bodyHtml: string;
  bodyMd: string;
  author: { name: string; handle: string; organisation: string } | null;
  isTeam: boolean;
  edited: boolean;
  hiddenReason: string | null;
  mine: boolean;
  canEdit: boolean;
  canReply: boolean;
  reported: boolean;
};

/** Top-level comments (each with its replies) on one page of a thread. */
export const THREADS_PER_PAGE = 40;

export type ThreadPaging = { page?: number; focusId?: string | null };

/**
 * The idea's own thread, or (with `updateId`) the thread under one of its project updates: one
 * page of it, the one holding `focusId` when that is given (a link to a comment lands on it).
 */
export async function loadThread(
  ideaId: string,
  viewer: Viewer,
  sort: CommentSort,
  teamIds: readonly string[],
  updateId: string | null = null,
  paging: ThreadPaging = {},
) {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorId: comments.authorId,
      depth: comments.depth,
      bodyMd: comments.bodyMd,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      hiddenReason: comments.hiddenReason,
      name: users.name,
      handle: users.handle,
      organisation: users.organisation,
      reported: commentReports.id,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(
      commentReports,
      and(
        eq(commentReports.commentId, comments.id),
        eq(commentReports.reporterId, viewer?.id ?? "00000000-0000-0000-0000-000000000000"),
      ),
    )
    .where(and(eq(comments.ideaId, ideaId), updateId ? eq(comments.updateId, updateId) : isNull(comments.updateId)));
  const at = now();
  const team = new Set(teamIds);
  const views: CommentView[] = rows.map((r) => {
    const mine = Boolean(viewer && r.authorId === viewer.id);
    const status = r.deletedAt ? "deleted" : r.hiddenAt ? (canSeeHidden(r, viewer) ? "hidden" : "removed") : "visible";
    const shown = status === "visible" || status === "hidden";
    return {
      id: r.id,
      parentId: r.parentId,
      createdAt: r.createdAt,
      depth: r.depth,
      status,
      bodyHtml: shown ? r.bodyHtml : "",
      bodyMd: mine && shown ? r.bodyMd : "",
      author: shown && r.name ? { name: r.name, handle: r.handle!, organisation: r.organisation! } : null,
      isTeam: shown && r.authorId !== null && team.has(r.authorId),
      edited: shown && r.editedAt !== null,
      hiddenReason: status === "hidden" ? r.hiddenReason : null,
      mine,
      canEdit: mine && status === "visible" && withinEditWindow(r.createdAt, at),
      canReply: canReplyTo(r).ok,
      reported: r.reported !== null,
    };
  });
  const tree = prune(buildThread(views, sort));
  const pages = Math.max(1, Math.ceil(tree.length / THREADS_PER_PAGE));
  const focusIndex = paging.focusId ? tree.findIndex((root) => contains(root, paging.focusId!)) : -1;
  const wanted = focusIndex >= 0 ? Math.floor(focusIndex / THREADS_PER_PAGE) + 1 : (paging.page ?? 1);
  const page = Math.min(Math.max(1, Math.trunc(wanted) || 1), pages);
  return {
    tree: tree.slice((page - 1) * THREADS_PER_PAGE, page * THREADS_PER_PAGE).map(serialise),
    count: views.filter((v) => v.status === "visible").length,
    threads: tree.length,
    page,
  };
}

function contains(node: ThreadNode<CommentView>, id: string): boolean {
  return node.id === id || node.replies.some((reply) => contains(reply, id));
}

/** A removed comment with nothing visible below it leaves no trace. */
function prune(nodes: ThreadNode<CommentView>[]): ThreadNode<CommentView>[] {
  return nodes
    .map((n) => ({ ...n, replies: prune(n.replies) }))
    .filter((n) => n.status !== "removed" || n.replies.length > 0);
}

export type SerialisedComment = Omit<CommentView, "createdAt"> & { createdAt: string; replies: SerialisedComment[] };

function serialise(node: ThreadNode<CommentView>): SerialisedComment {
  return { ...node, createdAt: node.createdAt.toISOString(), replies: node.replies.map(serialise) };
}
