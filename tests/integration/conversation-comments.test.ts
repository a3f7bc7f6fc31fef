import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { comments, follows, notifications, outbox, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { action as ideaAction, loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { deleteComment, editComment, postComment } from "../../app/modules/conversation/comments.server";
import { setFollow } from "../../app/modules/conversation/follows.server";
import { context, cookieFor, get, post, run } from "../support/http";

let round: RoundFixture;
let lead: User, teammate: User, member: User, visitor: User, follower: User, quitter: User;
let idea: { id: string; slug: string };
const asActor = (u: User) => ({ ...u, membership: u.membership, isAdmin: u.isAdmin });

beforeAll(async () => {
  round = await createRound({ phase: "ideas" });
  lead = await createUser({ name: "Lena Lead", membership: "approved" });
  teammate = await createUser({ name: "Tariq Team" });
  member = await createUser({ name: "Mo Member", membership: "approved", organisation: "NHS Trust A" });
  visitor = await createUser({ name: "Vic Visitor", membership: "none" });
  follower = await createUser({ name: "Fay Follower" });
  quitter = await createUser({ name: "Quinn Quit" });
  idea = await insertIdea({ round, lead, members: [teammate], title: "Peer support circles" });
  await setFollow(follower, { ideaId: idea.id, follow: true });
});
afterEach(() => resetClock());

const path = () => `/rounds/${round.slug}/ideas/${idea.slug}`;
const params = () => ({ round: round.slug, idea: idea.slug });
async function page(user?: User, query = "") {
  const cookie = user ? await cookieFor(user.id) : undefined;
  return run(() => ideaLoader({ request: get(path() + query, cookie), params: params(), context: context() }));
}
async function act(user: User, fields: Record<string, string>) {
  return run(async () =>
    ideaAction({ request: post(path(), fields, await cookieFor(user.id)), params: params(), context: context() }),
  );
}

describe("posting, replying, editing, deleting through the idea page", () => {
  it("posts a comment with sanitised markdown and the author's organisation; the team gets a badge", async () => {
    const res = await act(member, { intent: "comment", body: "Great idea! <script>alert(1)</script> **bold**" });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/#comment-/);
    const reply = await act(teammate, {
      intent: "reply",
      parentId: res.location!.split("#comment-")[1],
      body: "Thanks, *we agree*.",
    });
    expect(reply.status).toBe(303);
    const view = await page();
    const [top] = view.data.conversation.tree;
    expect(top.bodyHtml).toContain("<strong>bold</strong>");
    expect(top.bodyHtml).not.toContain("<script");
    expect(top.author).toMatchObject({ name: "Mo Member", organisation: "NHS Trust A" });
    expect(top.isTeam).toBe(false);
    expect(top.replies[0].isTeam).toBe(true);
    expect(top.replies[0].bodyHtml).toContain("<em>we agree</em>");
    expect(view.data.conversation.count).toBe(2);
  });

  it("refuses a reply below depth 3 and an empty comment, keeping the text", async () => {
    const a = await postComment(asActor(member), { ideaId: idea.id, body: "depth one" });
    const b = await postComment(asActor(lead), { ideaId: idea.id, body: "depth two", parentId: a.id });
    const c = await postComment(asActor(member), { ideaId: idea.id, body: "depth three", parentId: b.id });
    expect(c.depth).toBe(3);
    const res = await act(lead, { intent: "reply", parentId: c.id, body: "depth four, kept" });
    expect(res.status).toBe(400);
    expect(res.data.values.body).toBe("depth four, kept");
    const empty = await act(lead, { intent: "comment", body: "   " });
    expect(empty.status).toBe(400);
    expect(empty.data.errors.body).toBeTruthy();
  });

  it("edits within 15 minutes (shown as edited), not after; deletion leaves a tombstone over replies", async () => {
    const start = new Date();
    setClock(() => start);
    const c = await postComment(asActor(member), { ideaId: idea.id, body: "first words" });
    const reply = await postComment(asActor(lead), { ideaId: idea.id, body: "a reply that stays", parentId: c.id });
    setClock(() => new Date(start.getTime() + 14 * 60_000));
    await editComment(asActor(member), { ideaId: idea.id, commentId: c.id, body: "better words" });
    setClock(() => new Date(start.getTime() + 16 * 60_000));
    await expect(editComment(asActor(member), { ideaId: idea.id, commentId: c.id, body: "too late" })).rejects.toThrow(
      /15 minutes/,
    );
    await expect(deleteComment(asActor(lead), { ideaId: idea.id, commentId: c.id })).rejects.toThrow(/author/);
    let view = await page();
    const find = (tree: any[], id: string): any =>
      tree.flatMap((n) => [n, ...n.replies.flatMap((r: any) => [r, ...r.replies])]).find((n) => n.id === id);
    expect(find(view.data.conversation.tree, c.id)).toMatchObject({ edited: true });
    const res = await act(member, { intent: "delete-comment", commentId: c.id });
    expect(res.status).toBe(303);
    view = await page();
    const tomb = find(view.data.conversation.tree, c.id);
    expect(tomb).toMatchObject({ status: "deleted", bodyHtml: "", author: null });
    expect(tomb.replies[0].id).toBe(reply.id);
    expect(JSON.stringify(view.data)).not.toContain("better words");
  });

  it("sorts newest or oldest first from the URL", async () => {
    const oldest = await page(undefined, "?sort=oldest");
    const newest = await page(undefined, "?sort=newest");
    const ids = (v: any) => v.data.conversation.tree.map((n: any) => n.id);
    expect(newest.data.conversation.sort).toBe("newest");
    expect(ids(newest)).toEqual([...ids(oldest)].reverse());
  });
});

describe("permissions by phase and role", () => {
  it("a signed-in person comments in an open round; a visitor cannot", async () => {
    expect((await page(visitor)).data.conversation.canComment).toBe(true);
    expect((await page()).data.conversation.canComment).toBe(false);
  });

  it("a members-only round refuses non-members with the rule's reason", async () => {
    const membersOnly = await createRound({ phase: "proposals", commentPolicy: "members" });
    const i = await insertIdea({ round: membersOnly, lead });
    await expect(postComment(asActor(visitor), { ideaId: i.id, body: "hello" })).rejects.toThrow(
      /Only members can comment/,
    );
    const ok = await postComment(asActor(member), { ideaId: i.id, body: "hello" });
    expect(ok.id).toBeTruthy();
  });

  it("a closed round refuses comments; so does a draft idea", async () => {
    const closed = await createRound({ phase: "closed" });
    const i = await insertIdea({ round: closed, lead, state: "funded" });
    await expect(postComment(asActor(member), { ideaId: i.id, body: "late" })).rejects.toThrow(
      /Comments can be posted only while/,
    );
    const draft = await insertIdea({ round, lead, state: "draft" });
    await expect(postComment(asActor(lead), { ideaId: draft.id, body: "early" })).rejects.toThrow(/published/);
  });
});

describe("the posting limit", () => {
  it("allows 10 comments a minute per account, then says to wait and keeps the text", async () => {
    const poster = await createUser({ name: "Pat Poster" });
    const start = new Date();
    setClock(() => start);
    for (let i = 0; i < 10; i += 1) await postComment(asActor(poster), { ideaId: idea.id, body: `comment ${i}` });
    const res = await act(poster, { intent: "comment", body: "the eleventh" });
    expect(res.status).toBe(429);
    expect(res.data.errors.body).toMatch(/10 comments a minute/);
    expect(res.data.values.body).toBe("the eleventh");
    setClock(() => new Date(start.getTime() + 61_000));
    expect((await act(poster, { intent: "comment", body: "after a minute" })).status).toBe(303);
  });
});

describe("fan-out", () => {
  it("notifies each follower exactly once and never the author; a reply is a reply, once", async () => {
    await setFollow(quitter, { ideaId: idea.id, follow: true });
    await setFollow(quitter, { ideaId: idea.id, follow: false });
    const c = await postComment(asActor(follower), { ideaId: idea.id, body: "fan-out test" });
    const rows = await db.select().from(notifications).where(eq(notifications.commentId, c.id));
    const got = rows.map((r) => r.userId);
    // The team follows its idea; the follower wrote it; earlier commenters follow automatically.
    expect(got).toEqual(expect.arrayContaining([lead.id, teammate.id, member.id]));
    expect(got).not.toContain(quitter.id);
    expect(got).not.toContain(follower.id);
    expect(new Set(got).size).toBe(got.length);

    const r = await postComment(asActor(lead), { ideaId: idea.id, body: "reply to follower", parentId: c.id });
    const replyRows = await db.select().from(notifications).where(eq(notifications.commentId, r.id));
    const toFollower = replyRows.filter((x) => x.userId === follower.id);
    expect(toFollower).toHaveLength(1);
    expect(toFollower[0].kind).toBe("reply");
    expect(replyRows.map((x) => x.userId)).not.toContain(lead.id);
    expect(new Set(replyRows.map((x) => x.userId)).size).toBe(replyRows.length);
    // A reply is emailed at once by default; comments wait for the digest.
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, follower.email));
    expect(mails.filter((m) => m.kind === "notification:reply")).toHaveLength(1);
    const [followRow] = await db
      .select()
      .from(follows)
      .where(and(eq(follows.ideaId, idea.id), eq(follows.userId, follower.id)));
    expect(followRow.active).toBe(true);
    const own = await db.select().from(comments).where(eq(comments.id, r.id));
    expect(own).toHaveLength(1);
  });
});
