import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, commentReports, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { loader as ideaLoader, action as ideaAction } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { action as modAction, loader as modLoader } from "../../app/routes/admin.moderation";
import { commentCounts, postComment } from "../../app/modules/conversation/comments.server";
import { reportComment } from "../../app/modules/conversation/moderation.server";
import { context, cookieFor, get, post, run } from "../support/http";

let round: RoundFixture;
let author: User, admin: User, lead: User;
let reporters: User[];
let idea: { id: string; slug: string };

beforeAll(async () => {
  round = await createRound({ phase: "ideas" });
  lead = await createUser({ name: "Lia Lead" });
  author = await createUser({ name: "Rude Rory" });
  admin = await createUser({ name: "Ada Admin", isAdmin: true });
  reporters = [await createUser(), await createUser(), await createUser()];
  idea = await insertIdea({ round, lead });
});

const path = () => `/rounds/${round.slug}/ideas/${idea.slug}`;
const params = () => ({ round: round.slug, idea: idea.slug });
async function view(user?: User) {
  const cookie = user ? await cookieFor(user.id) : undefined;
  const res = await run(() => ideaLoader({ request: get(path(), cookie), params: params(), context: context() }));
  return res.data.conversation;
}

describe("reports hide a comment; a hidden comment is invisible to visitors", () => {
  let commentId: string;
  it("three reports hide it; a second report by the same person is refused", async () => {
    const c = await postComment(author, { ideaId: idea.id, body: "SHOUTY RUDE WORDS" });
    commentId = c.id;
    expect((await reportComment(reporters[0], { commentId, reason: "rude" })).hidden).toBe(false);
    const again = await run(async () =>
      ideaAction({
        request: post(path(), { intent: "report", commentId, reason: "still rude" }, await cookieFor(reporters[0].id)),
        params: params(),
        context: context(),
      }),
    );
    expect(again.status).toBe(409);
    await expect(reportComment(author, { commentId, reason: "me" })).rejects.toThrow(/own comment/);
    expect((await reportComment(reporters[1], { commentId, reason: "rude" })).hidden).toBe(false);
    expect((await reportComment(reporters[2], { commentId, reason: "abusive" })).hidden).toBe(true);
  });

  it("visitors, other people and the team do not see it, nor count it; its author sees it with the reason", async () => {
    for (const who of [undefined, reporters[0], lead]) {
      const conversation = await view(who);
      expect(JSON.stringify(conversation)).not.toContain("SHOUTY");
      expect(conversation.tree.map((n: { id: string }) => n.id)).not.toContain(commentId);
      expect(conversation.count).toBe(0);
    }
    expect(await commentCounts(idea.id, [lead.id])).toEqual({ comments: 0, teamReplies: 0 });
    const own = await view(author);
    const mine = own.tree.find((n: { id: string }) => n.id === commentId);
    expect(mine.status).toBe("hidden");
    expect(mine.bodyHtml).toContain("SHOUTY");
    expect(mine.hiddenReason).toMatch(/reports/);
  });

  it("a hidden comment with a visible reply leaves a placeholder with no author or text", async () => {
    const parent = await postComment(author, { ideaId: idea.id, body: "PARENT TEXT" });
    await postComment(lead, { ideaId: idea.id, body: "a calm reply", parentId: parent.id });
    for (const r of reporters) await reportComment(r, { commentId: parent.id, reason: "spam" });
    const seen = (await view()).tree.find((n: { id: string }) => n.id === parent.id);
    expect(seen).toMatchObject({ status: "removed", bodyHtml: "", author: null });
    expect(seen.replies[0].bodyHtml).toContain("calm reply");
  });

  it("only admins open /admin/moderation; it lists the hidden comment with the reasons", async () => {
    const denied = await run(async () =>
      modLoader({ request: get("/admin/moderation", await cookieFor(author.id)), params: {}, context: context() }),
    );
    expect(denied.status).toBe(403);
    const list = await run(async () =>
      modLoader({ request: get("/admin/moderation", await cookieFor(admin.id)), params: {}, context: context() }),
    );
    const row = list.data.comments.find((c: { id: string }) => c.id === commentId);
    expect(row).toMatchObject({ hidden: true, openReports: 3 });
    expect(row.reasons).toEqual(expect.arrayContaining(["rude", "abusive"]));
  });

  it("an admin restores it (reports closed) and hides it again with a reason the author sees; both audited", async () => {
    const cookie = await cookieFor(admin.id);
    const noReason = await run(() =>
      modAction({
        request: post("/admin/moderation", { intent: "restore", commentId, reason: "" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(noReason.status).toBe(400);
    const restored = await run(() =>
      modAction({
        request: post("/admin/moderation", { intent: "restore", commentId, reason: "Robust but fair" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(restored.status).toBe(303);
    expect((await view()).tree.map((n: { id: string }) => n.id)).toContain(commentId);
    const open = await db.select().from(commentReports).where(eq(commentReports.commentId, commentId));
    expect(open.every((r) => r.resolvedAt !== null)).toBe(true);
    const hidden = await run(() =>
      modAction({
        request: post(
          "/admin/moderation",
          { intent: "hide", commentId, reason: "Personal attack on a colleague" },
          cookie,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(hidden.status).toBe(303);
    expect((await view()).tree.map((n: { id: string }) => n.id)).not.toContain(commentId);
    expect((await view(author)).tree.find((n: { id: string }) => n.id === commentId).hiddenReason).toBe(
      "Personal attack on a colleague",
    );
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectId, commentId));
    expect(audits.map((a) => a.action).sort()).toEqual(["comment.hide", "comment.restore"]);
  });
});
