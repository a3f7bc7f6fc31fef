import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { notifications, outbox, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { loader as rootLoader } from "../../app/root";
import { action as listAction, loader as listLoader } from "../../app/routes/me.notifications._index";
import { action as settingsAction } from "../../app/routes/me.notifications.settings";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe";
import { postComment } from "../../app/modules/conversation/comments.server";
import { groupDigest, runDigests } from "../../app/modules/conversation/digest.server";
import { setFollow } from "../../app/modules/conversation/follows.server";
import { preferencesOf } from "../../app/modules/conversation/notifications.server";
import { unsubscribeUrl } from "../../app/modules/conversation/unsubscribe.server";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { inviteMember } from "../../app/modules/ideas/invite-member.server";
import { withdrawProposal } from "../../app/modules/ideas/withdraw-proposal.server";
import { context, cookieFor, get, post, run } from "../support/http";

let round: RoundFixture;
let lead: User, mate: User, reader: User, talker: User;
let ideaA: { id: string; slug: string }, ideaB: { id: string; slug: string };

beforeAll(async () => {
  round = await createRound({ phase: "proposals" });
  lead = await createUser({ name: "Lou Lead" });
  mate = await createUser({ name: "Meg Mate" });
  reader = await createUser({ name: "Rae Reader" });
  talker = await createUser({ name: "Tom Talker" });
  ideaA = await insertIdea({ round, lead, members: [mate], title: "Idea Alpha", state: "submitted", proposal: {} });
  ideaB = await insertIdea({ round, lead: talker, title: "Idea Beta" });
});
afterEach(() => resetClock());

const mailsTo = (u: User) => db.select().from(outbox).where(eq(outbox.toAddress, u.email));

describe("the daily digest", () => {
  it("groups everything waiting by idea into one email per person, once a day", async () => {
    const start = new Date();
    setClock(() => start);
    await setFollow(reader, { ideaId: ideaA.id, follow: true });
    await setFollow(reader, { ideaId: ideaB.id, follow: true });
    await postComment(talker, { ideaId: ideaA.id, body: "one on alpha" });
    await postComment(lead, { ideaId: ideaA.id, body: "two on alpha" });
    await postComment(lead, { ideaId: ideaB.id, body: "one on beta" });
    expect((await mailsTo(reader)).length).toBe(0);
    expect((await runDigests(start)).sent).toBeGreaterThanOrEqual(1);
    let mails = (await mailsTo(reader)).filter((m) => m.kind === "notification:digest");
    expect(mails).toHaveLength(1);
    const body = mails[0].textBody;
    expect(body.indexOf("Idea Alpha")).toBeLessThan(body.indexOf("Idea Beta"));
    expect(body.match(/commented on “Idea Alpha”/g)).toHaveLength(2);
    expect(body).toContain("/unsubscribe?");
    // Nothing new: a second run sends nothing; a new comment waits until a day has passed.
    await runDigests(start);
    await postComment(talker, { ideaId: ideaB.id, body: "later on beta" });
    await runDigests(new Date(start.getTime() + 60 * 60_000));
    expect((await mailsTo(reader)).filter((m) => m.kind === "notification:digest")).toHaveLength(1);
    await runDigests(new Date(start.getTime() + 24 * 60 * 60_000));
    mails = (await mailsTo(reader)).filter((m) => m.kind === "notification:digest");
    expect(mails).toHaveLength(2);
    expect(mails[1].textBody).toContain("Idea Beta");
    expect(mails[1].textBody).not.toContain("Idea Alpha");
  });

  it("groupDigest puts items without an idea last", () => {
    const groups = groupDigest([
      { id: 1, kind: "phase_change", text: "x", url: "/", ideaTitle: null },
      { id: 2, kind: "comment", text: "y", url: "/", ideaTitle: "B" },
      { id: 3, kind: "comment", text: "z", url: "/", ideaTitle: "B" },
    ]);
    expect(groups.map((g) => [g.heading, g.items.length])).toEqual([
      ["B", 2],
      ["Other news", 1],
    ]);
  });
});

describe("preferences and unsubscribe", () => {
  it("at once sends each notification by email; off sends none; the settings page saves choices", async () => {
    const cookie = await cookieFor(reader.id);
    const fields = {
      comment: "immediate",
      reply: "immediate",
      invitation: "immediate",
      idea_state: "immediate",
      phase_change: "off",
      project_update: "immediate",
    };
    const saved = await run(() =>
      settingsAction({ request: post("/me/notifications/settings", fields, cookie), params: {}, context: context() }),
    );
    expect(saved.status).toBe(303);
    const c = await postComment(talker, { ideaId: ideaA.id, body: "at once please" });
    const mail = (await mailsTo(reader)).find((m) => m.dedupeKey === `notification:${reader.id}:comment:${c.id}`);
    expect(mail?.textBody).toContain("at once please");
    expect(mail?.textBody).toContain(unsubscribeUrl(reader.id, "comment"));
  });

  it("the signed unsubscribe link asks first (opening it changes nothing), then turns that kind off without signing in; a forged one does nothing", async () => {
    const url = new URL(unsubscribeUrl(reader.id, "comment"));
    const forged = new URL(url);
    forged.searchParams.set("k", "reply");
    const bad = await run(() =>
      unsubscribeLoader({ request: get(`/unsubscribe${forged.search}`), params: {}, context: context() }),
    );
    expect(bad.data.ok).toBe(false);
    const badPost = await run(() =>
      unsubscribeAction({
        request: post(`/unsubscribe${forged.search}`, { intent: "unsubscribe" }),
        params: {},
        context: context(),
      }),
    );
    expect(badPost.status).toBe(400);
    expect((await preferencesOf(reader.id)).reply).toBe("immediate");
    // Opening the link (a person, a mail scanner, a link preview) only shows the question.
    const ok = await run(() =>
      unsubscribeLoader({ request: get(`/unsubscribe${url.search}`), params: {}, context: context() }),
    );
    expect(ok.data.ok).toBe(true);
    expect((await preferencesOf(reader.id)).comment).toBe("immediate");
    const done = await run(() =>
      unsubscribeAction({
        request: post(`/unsubscribe${url.search}`, { intent: "unsubscribe" }),
        params: {},
        context: context(),
      }),
    );
    expect(done.data).toEqual({ unsubscribed: true });
    expect((await preferencesOf(reader.id)).comment).toBe("off");
    const before = (await mailsTo(reader)).length;
    await postComment(talker, { ideaId: ideaA.id, body: "not emailed" });
    expect((await mailsTo(reader)).length).toBe(before);
  });
});

describe("in-app notifications", () => {
  it("the header counts unread ones; marking read clears them, only one's own", async () => {
    const cookie = await cookieFor(reader.id);
    const root = await run(() => rootLoader({ request: get("/", cookie), params: {}, context: context() }));
    expect(root.data.unreadCount).toBeGreaterThan(0);
    const list = await run(() =>
      listLoader({ request: get("/me/notifications", cookie), params: {}, context: context() }),
    );
    const first = list.data.notifications[0];
    expect(first.unread).toBe(true);
    await run(async () =>
      listAction({
        request: post("/me/notifications", { intent: "read-one", id: String(first.id) }, await cookieFor(talker.id)),
        params: {},
        context: context(),
      }),
    );
    const [still] = await db.select().from(notifications).where(eq(notifications.id, first.id));
    expect(still.readAt).toBeNull();
    await run(() =>
      listAction({
        request: post("/me/notifications", { intent: "read-all" }, cookie),
        params: {},
        context: context(),
      }),
    );
    const after = await run(() => rootLoader({ request: get("/", cookie), params: {}, context: context() }));
    expect(after.data.unreadCount).toBe(0);
    const anonymous = await run(() => rootLoader({ request: get("/"), params: {}, context: context() }));
    expect(anonymous.data.unreadCount).toBeNull();
  });

  it("a withdrawal tells the rest of the team once, never the lead who did it", async () => {
    await withdrawProposal(lead, { ideaId: ideaA.id });
    const rows = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ideaId, ideaA.id), eq(notifications.kind, "idea_state")));
    expect(rows.map((r) => r.userId)).toEqual([mate.id]);
  });

  it("an invitation to someone with an account shows in their notifications, in-app only", async () => {
    const invitee = await createUser({ name: "Ivy Invitee" });
    await inviteMember(talker, { ideaId: ideaB.id, email: invitee.email });
    const rows = await db.select().from(notifications).where(eq(notifications.userId, invitee.id));
    expect(rows.map((r) => r.kind)).toEqual(["invitation"]);
    const mails = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, invitee.email), like(outbox.kind, "notification:%")));
    expect(mails).toHaveLength(0);
  });

  it("a phase change shows once to everyone taking part, not the admin who moved it", async () => {
    const admin = await createUser({ isAdmin: true, name: "Adi Admin" });
    const result = await advanceRound(admin, round.id, {
      kind: "early",
      reason: "Proposals closed early for the test",
    });
    expect(result.status).toBe("advanced");
    const rows = await db.select().from(notifications).where(eq(notifications.kind, "phase_change"));
    const ids = rows.map((r) => r.userId);
    expect(ids).toEqual(expect.arrayContaining([lead.id, mate.id, talker.id]));
    expect(ids).not.toContain(admin.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
