import { describe, expect, it } from "vitest";
import {
  buildThread,
  canEdit,
  canReplyTo,
  canSeeHidden,
  EDIT_WINDOW_MS,
  MAX_DEPTH,
  parseSort,
  replyDepth,
  reportsHide,
} from "../../app/modules/conversation/rules";

const t0 = new Date("2026-05-01T10:00:00Z");
const live = { deletedAt: null, hiddenAt: null };

describe("depth limit", () => {
  it("depth limit: replies nest to depth 3 and no further", () => {
    expect(MAX_DEPTH).toBe(3);
    expect(replyDepth(null)).toBe(1);
    expect(canReplyTo({ depth: 1, ...live }).ok).toBe(true);
    expect(canReplyTo({ depth: 2, ...live }).ok).toBe(true);
    const tooDeep = canReplyTo({ depth: 3, ...live });
    expect(tooDeep.ok).toBe(false);
  });
  it("depth limit: no replies to deleted or hidden comments", () => {
    expect(canReplyTo({ depth: 1, deletedAt: t0, hiddenAt: null }).ok).toBe(false);
    expect(canReplyTo({ depth: 1, deletedAt: null, hiddenAt: t0 }).ok).toBe(false);
  });
});

describe("edit window", () => {
  const comment = { authorId: "a", createdAt: t0, deletedAt: null };
  it("edit window: the author edits within 15 minutes", () => {
    expect(canEdit(comment, "a", new Date(t0.getTime() + EDIT_WINDOW_MS - 1)).ok).toBe(true);
  });
  it("edit window: closes at 15 minutes", () => {
    expect(EDIT_WINDOW_MS).toBe(15 * 60 * 1000);
    expect(canEdit(comment, "a", new Date(t0.getTime() + EDIT_WINDOW_MS)).ok).toBe(false);
  });
  it("edit window: only the author, never a deleted comment", () => {
    expect(canEdit(comment, "b", t0).ok).toBe(false);
    expect(canEdit({ ...comment, deletedAt: t0 }, "a", t0).ok).toBe(false);
  });
});

describe("report threshold", () => {
  it("report threshold: three open reports hide a comment", () => {
    expect(reportsHide(2)).toBe(false);
    expect(reportsHide(3)).toBe(true);
    expect(reportsHide(4)).toBe(true);
  });
});

describe("thread building", () => {
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);
  const items = [
    { id: "a", parentId: null, createdAt: at(0) },
    { id: "b", parentId: null, createdAt: at(5) },
    { id: "a2", parentId: "a", createdAt: at(7) },
    { id: "a1", parentId: "a", createdAt: at(6) },
    { id: "a1x", parentId: "a1", createdAt: at(8) },
  ];
  it("thread sort: top level by the chosen order, replies oldest first", () => {
    const oldest = buildThread(items, "oldest");
    expect(oldest.map((n) => n.id)).toEqual(["a", "b"]);
    expect(oldest[0].replies.map((n) => n.id)).toEqual(["a1", "a2"]);
    expect(oldest[0].replies[0].replies.map((n) => n.id)).toEqual(["a1x"]);
    expect(buildThread(items, "newest").map((n) => n.id)).toEqual(["b", "a"]);
  });
  it("thread sort: the URL value defaults to oldest", () => {
    expect(parseSort("newest")).toBe("newest");
    expect(parseSort(null)).toBe("oldest");
    expect(parseSort("bogus")).toBe("oldest");
  });
});

describe("hidden visibility", () => {
  it("hidden visibility: the author and admins only", () => {
    expect(canSeeHidden({ authorId: "a" }, null)).toBe(false);
    expect(canSeeHidden({ authorId: "a" }, { id: "b", isAdmin: false })).toBe(false);
    expect(canSeeHidden({ authorId: "a" }, { id: "a", isAdmin: false })).toBe(true);
    expect(canSeeHidden({ authorId: "a" }, { id: "b", isAdmin: true })).toBe(true);
  });
});
