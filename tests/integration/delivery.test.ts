import { and, eq, like } from "drizzle-orm";
import { XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  comments,
  follows,
  notifications,
  outbox,
  projectMilestones,
  projects,
  projectUpdates,
  type User,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { now, resetClock, setClock } from "../../app/lib/clock";
import { Forbidden } from "../../app/lib/errors";
import { postComment } from "../../app/modules/conversation/comments.server";
import { createUpdate } from "../../app/modules/delivery/save-update.server";
import { sendProjectReminders } from "../../app/modules/delivery/reminders.server";
import { startProjects } from "../../app/modules/delivery/start-projects.server";
import { loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import {
  action as newUpdateAction,
  loader as newUpdateLoader,
} from "../../app/routes/rounds.$round_.ideas.$idea.updates.new";
import { action as editUpdateAction } from "../../app/routes/rounds.$round_.ideas.$idea.updates.$update.edit";
import { loader as updateLoader } from "../../app/routes/rounds.$round_.ideas.$idea.updates.$update._index";
import { action as milestonesAction } from "../../app/routes/rounds.$round_.ideas.$idea.milestones";
import { loader as projectsLoader } from "../../app/routes/projects._index";
import { loader as updatesLoader } from "../../app/routes/updates._index";
import { loader as allRss } from "../../app/routes/updates.feed[.]rss";
import { loader as allAtom } from "../../app/routes/updates.feed[.]atom";
import { loader as allJson } from "../../app/routes/updates.feed[.]json";
import { loader as roundRss } from "../../app/routes/rounds.$round_.updates.feed[.]rss";
import { loader as projectAtom } from "../../app/routes/rounds.$round_.ideas.$idea.updates.feed[.]atom";
import { loader as projectJson } from "../../app/routes/rounds.$round_.ideas.$idea.updates.feed[.]json";
import { context, cookieFor, get, post, run } from "../support/http";

afterEach(() => resetClock());

const DAY = 86_400_000;

type Scene = {
  round: RoundFixture;
  lead: User;
  member: User;
  outsider: User;
  idea: Awaited<ReturnType<typeof insertIdea>>;
  path: string;
};

async function fundedProject(): Promise<Scene> {
  const round = await createRound({ phase: "delivery" });
  const lead = await createUser({ name: "Lead Person" });
  const member = await createUser({ name: "Team Member" });
  const outsider = await createUser({ name: "Someone Else" });
  const idea = await insertIdea({
    round,
    lead,
    members: [member],
    state: "funded",
    proposal: {
      milestones: [
        { title: "Workshops", targetMonth: "2027-01-01" },
        { title: "Pilot", targetMonth: "2027-06-01" },
      ],
      budget: [
        { description: "Coordinator", amountPence: 1_200_000 },
        { description: "Venues", amountPence: 300_000 },
      ],
    },
  });
  await db.transaction((tx) => startProjects(tx, round.id));
  return { round, lead, member, outsider, idea, path: `/rounds/${round.slug}/ideas/${idea.slug}` };
}

const args = (request: Request, params: Record<string, string>) => ({ request, params, context: context() });
const milestonesOf = async (ideaId: string) => {
  const [project] = await db.select().from(projects).where(eq(projects.ideaId, ideaId));
  return db
    .select()
    .from(projectMilestones)
    .where(eq(projectMilestones.projectId, project.id))
    .orderBy(projectMilestones.position);
};

describe("startProjects", () => {
  it("makes one project per funded idea, with the proposal's total as the award and its timeline as milestones, and is idempotent", async () => {
    const scene = await fundedProject();
    const notFunded = await insertIdea({ round: scene.round, lead: scene.outsider, state: "not_funded", proposal: {} });
    const [project] = await db.select().from(projects).where(eq(projects.ideaId, scene.idea.id));
    expect(project).toMatchObject({ awardPence: 1_500_000, status: "in_progress", roundId: scene.round.id });
    expect((await milestonesOf(scene.idea.id)).map((m) => [m.title, m.dueMonth, m.status, m.progress])).toEqual([
      ["Workshops", "2027-01-01", "not_started", 0],
      ["Pilot", "2027-06-01", "not_started", 0],
    ]);
    expect(await db.transaction((tx) => startProjects(tx, scene.round.id))).toEqual([]);
    expect(await db.select().from(projects).where(eq(projects.roundId, scene.round.id))).toHaveLength(1);
    expect(await milestonesOf(scene.idea.id)).toHaveLength(2);
    expect(await db.select().from(projects).where(eq(projects.ideaId, notFunded.id))).toHaveLength(0);
  });
});

describe("only the team can post or edit", () => {
  it("refuses people outside the team in the use case, the pages and their actions", async () => {
    const scene = await fundedProject();
    const params = { round: scene.round.slug, idea: scene.idea.slug };
    const fields = { intent: "publish", kind: "update", title: "Not mine", bodyMd: "Hello" };
    await expect(
      createUpdate(scene.outsider, {
        ideaId: scene.idea.id,
        fields: { kind: "update", title: "x", bodyMd: "y", outcomesMd: "", outputLinks: [] },
        changes: [],
        publish: true,
      }),
    ).rejects.toBeInstanceOf(Forbidden);
    const outsider = await cookieFor(scene.outsider.id);
    expect((await run(() => newUpdateLoader(args(get(`${scene.path}/updates/new`, outsider), params)))).status).toBe(
      403,
    );
    expect(
      (await run(() => newUpdateAction(args(post(`${scene.path}/updates/new`, fields, outsider), params)))).status,
    ).toBe(403);
    const anonymous = await run(() => newUpdateAction(args(post(`${scene.path}/updates/new`, fields), params)));
    expect(anonymous.location).toMatch(/^\/sign-in/);
    const milestones = await milestonesOf(scene.idea.id);
    const rows = {
      "milestones.0.id": milestones[0].id,
      "milestones.0.title": "Hijacked",
      "milestones.0.month": "1",
      "milestones.0.year": "2027",
      "milestones.0.status": "done",
      "milestones.0.progress": "100",
    };
    expect(
      (await run(() => milestonesAction(args(post(`${scene.path}/milestones`, rows, outsider), params)))).status,
    ).toBe(403);

    // The team member posts; the outsider cannot edit what was posted.
    const team = await cookieFor(scene.member.id);
    const posted = await run(() =>
      newUpdateAction(args(post(`${scene.path}/updates/new`, { ...fields, title: "Ours" }, team), params)),
    );
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${scene.path}/updates/1`);
    const edit = await run(() =>
      editUpdateAction(
        args(post(`${scene.path}/updates/1/edit`, { ...fields, intent: "save", title: "Defaced" }, outsider), {
          ...params,
          update: "1",
        }),
      ),
    );
    expect(edit.status).toBe(403);
    const [update] = await db.select().from(projectUpdates);
    expect(update.title).toBe("Ours");
    expect((await milestonesOf(scene.idea.id))[0].title).toBe("Workshops");

    // The lead edits: the update is marked edited.
    const lead = await cookieFor(scene.lead.id);
    const saved = await run(() =>
      editUpdateAction(
        args(post(`${scene.path}/updates/1/edit`, { ...fields, intent: "save", title: "Ours, corrected" }, lead), {
          ...params,
          update: "1",
        }),
      ),
    );
    expect(saved.status).toBe(303);
    const [edited] = await db.select().from(projectUpdates);
    expect(edited.title).toBe("Ours, corrected");
    expect(edited.editedAt).not.toBeNull();
  });

  it("keeps a final report's outcomes required and the milestone status rules", async () => {
    const scene = await fundedProject();
    const params = { round: scene.round.slug, idea: scene.idea.slug };
    const team = await cookieFor(scene.lead.id);
    const [m] = await milestonesOf(scene.idea.id);
    const result = await run(() =>
      newUpdateAction(
        args(
          post(
            `${scene.path}/updates/new`,
            {
              intent: "publish",
              kind: "final_report",
              title: "The end",
              bodyMd: "Done.",
              [`change.${m.id}.status`]: "dropped",
            },
            team,
          ),
          params,
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      outcomesMd: expect.any(String),
      [`change.${m.id}.reason`]: "Say why the milestone is dropped.",
    });
    expect(result.data.values.title).toBe("The end");
  });
});

async function text(response: Response | Promise<Response>) {
  return (await response).text();
}

describe("a final report", () => {
  it("carries outcomes and output links, completes the project, and is found by the final-report and status filters", async () => {
    const scene = await fundedProject();
    const params = { round: scene.round.slug, idea: scene.idea.slug };
    const team = await cookieFor(scene.lead.id);
    const fields = {
      intent: "publish",
      kind: "final_report",
      title: "What we achieved",
      bodyMd: "It worked.",
      outcomesMd: "- Waits fell by **half**",
      outputLinks: "Toolkit for clinics https://example.org/toolkit\nhttps://example.org/paper.pdf",
    };
    const bad = await run(() =>
      newUpdateAction(
        args(
          post(`${scene.path}/updates/new`, { ...fields, outputLinks: "Toolkit javascript:alert(1)" }, team),
          params,
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.outputLinks).toMatch(/web address/);
    const posted = await run(() => newUpdateAction(args(post(`${scene.path}/updates/new`, fields, team), params)));
    expect(posted.status).toBe(303);
    const page = await run(() =>
      updateLoader(args(get(posted.location!), { ...params, update: posted.location!.split("/").at(-1)! })),
    );
    expect(page.data.update.outputLinks).toEqual([
      { title: "Toolkit for clinics", url: "https://example.org/toolkit" },
      { title: "https://example.org/paper.pdf", url: "https://example.org/paper.pdf" },
    ]);
    expect(page.data.update.outcomesHtml).toContain("<strong>half</strong>");
    const [project] = await db.select().from(projects).where(eq(projects.ideaId, scene.idea.id));
    expect(project.status).toBe("completed");
    for (const query of [`round=${scene.round.slug}&report=yes`, `round=${scene.round.slug}&status=completed`]) {
      const list = await run(() => projectsLoader(args(get(`/projects?${query}`), {})));
      expect(
        list.data.projects.map((p: { title: string; hasFinalReport: boolean }) => [p.title, p.hasFinalReport]),
      ).toEqual([[scene.idea.title, true]]);
    }
    const inProgress = await run(() =>
      projectsLoader(args(get(`/projects?round=${scene.round.slug}&status=in_progress`), {})),
    );
    expect(inProgress.data.total).toBe(0);
  });
});

describe("drafts are invisible everywhere public", () => {
  it("hides a draft from the project page, its own page, /projects search, /updates and every feed until it is published", async () => {
    const scene = await fundedProject();
    const params = { round: scene.round.slug, idea: scene.idea.slug };
    const follower = await createUser({ name: "Follower" });
    await db.insert(follows).values({ ideaId: scene.idea.id, userId: follower.id, createdAt: now() });
    const [m] = await milestonesOf(scene.idea.id);
    const team = await cookieFor(scene.member.id);
    const draft = await run(() =>
      newUpdateAction(
        args(
          post(
            `${scene.path}/updates/new`,
            {
              intent: "save-draft",
              kind: "update",
              title: "Zanzibar plans",
              bodyMd: "The word quokkaberry is secret.",
              [`change.${m.id}.status`]: "on_track",
              [`change.${m.id}.progress`]: "30",
            },
            team,
          ),
          params,
        ),
      ),
    );
    expect(draft.location).toBe(`${scene.path}/updates/1`);
    expect((await milestonesOf(scene.idea.id))[0].status).toBe("not_started");

    const hidden = async () => {
      const page = await run(() => ideaLoader(args(get(scene.path), params)));
      expect(page.data.project.updates).toEqual([]);
      expect(page.data.project.drafts).toEqual([]);
      expect(
        (await run(() => updateLoader(args(get(`${scene.path}/updates/1`), { ...params, update: "1" })))).status,
      ).toBe(404);
      for (const q of ["quokkaberry", "Zanzibar"]) {
        const list = await run(() => projectsLoader(args(get(`/projects?q=${q}`), {})));
        expect(list.data.total).toBe(0);
      }
      const stream = await run(() => updatesLoader(args(get("/updates"), {})));
      expect(stream.data.updates.map((u: { title: string }) => u.title)).not.toContain("Zanzibar plans");
      const feeds = [
        await text(allRss()),
        await text(allAtom()),
        await text(allJson()),
        await text(roundRss(args(get(`/rounds/${scene.round.slug}/updates/feed.rss`), { round: scene.round.slug }))),
        await text(projectAtom(args(get(`${scene.path}/updates/feed.atom`), params))),
        await text(projectJson(args(get(`${scene.path}/updates/feed.json`), params))),
      ];
      for (const feed of feeds) expect(feed).not.toMatch(/quokkaberry|Zanzibar/);
      return feeds;
    };
    await hidden();
    // The team sees its draft.
    const own = await run(() => ideaLoader(args(get(scene.path, team), params)));
    expect(own.data.project.drafts.map((d: { title: string }) => d.title)).toEqual(["Zanzibar plans"]);

    const published = await run(() =>
      editUpdateAction(
        args(
          post(
            `${scene.path}/updates/1/edit`,
            {
              intent: "publish",
              kind: "update",
              title: "Zanzibar plans",
              bodyMd: "The word quokkaberry is secret.",
              [`change.${m.id}.status`]: "on_track",
              [`change.${m.id}.progress`]: "30",
            },
            team,
          ),
          { ...params, update: "1" },
        ),
      ),
    );
    expect(published.status).toBe(303);
    const [moved] = await milestonesOf(scene.idea.id);
    expect([moved.status, moved.progress]).toEqual(["on_track", 30]);
    const page = await run(() => updateLoader(args(get(`${scene.path}/updates/1`), { ...params, update: "1" })));
    expect(page.data.update.changes).toMatchObject([
      { title: "Workshops", fromStatus: "not_started", fromProgress: 0, toStatus: "on_track", toProgress: 30 },
    ]);
    expect((await run(() => projectsLoader(args(get("/projects?q=quokkaberry"), {})))).data.total).toBe(1);
    expect((await run(() => updatesLoader(args(get("/updates"), {})))).data.updates[0].title).toBe("Zanzibar plans");
    const rss = await text(allRss());
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).toContain("Zanzibar plans");
    expect(rss).toMatch(new RegExp(`<link>https?://[^<]+${scene.path}/updates/1</link>`));
    const json = JSON.parse(await text(projectJson(args(get(`${scene.path}/updates/feed.json`), params))));
    expect(json.items.map((i: { title: string }) => i.title)).toEqual(["Zanzibar plans"]);
    // The follower hears about it (the author does not).
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "project_update"), eq(notifications.ideaId, scene.idea.id)));
    expect(told.map((n) => n.userId).sort()).toEqual([follower.id, scene.lead.id].sort());
  });

  it("puts comments on an update in the update's own thread, and refuses them on a draft", async () => {
    const scene = await fundedProject();
    const draft = await createUpdate(scene.lead, {
      ideaId: scene.idea.id,
      fields: { kind: "update", title: "Draft", bodyMd: "Soon", outcomesMd: "", outputLinks: [] },
      changes: [],
      publish: false,
    });
    await expect(
      postComment(scene.outsider, { ideaId: scene.idea.id, body: "Early!", updateId: draft.id }),
    ).rejects.toThrow("There is no such update.");
    const update = await createUpdate(scene.lead, {
      ideaId: scene.idea.id,
      fields: { kind: "update", title: "Live", bodyMd: "Now", outcomesMd: "", outputLinks: [] },
      changes: [],
      publish: true,
    });
    await postComment(scene.outsider, { ideaId: scene.idea.id, body: "Well done", updateId: update.id });
    const params = { round: scene.round.slug, idea: scene.idea.slug };
    const updatePage = await run(() => updateLoader(args(get(`${scene.path}/updates/2`), { ...params, update: "2" })));
    expect(updatePage.data.conversation.count).toBe(1);
    const ideaPage = await run(() => ideaLoader(args(get(scene.path), params)));
    expect(ideaPage.data.conversation.count).toBe(0);
    expect(await db.select().from(comments).where(eq(comments.updateId, update.id))).toHaveLength(1);
  });
});

describe("reminders", () => {
  it("emails the team once per quiet period, again the next period, and starts counting again after an update", async () => {
    const start = new Date("2027-01-10T09:00:00Z");
    // Earlier tests' projects in this file's database are finished, so only this one is counted.
    await db.update(projects).set({ status: "completed" });
    setClock(() => start);
    const scene = await fundedProject();
    const reminders = () => db.select().from(outbox).where(like(outbox.dedupeKey, "project-reminder:%"));
    const at = (days: number) => setClock(() => new Date(start.getTime() + days * DAY));

    at(59);
    expect(await sendProjectReminders(60)).toBe(0);
    at(60);
    // Two servers noticing at once still send one reminder.
    const [a, b] = await Promise.all([sendProjectReminders(60), sendProjectReminders(60)]);
    expect(a + b).toBe(1);
    expect((await reminders()).map((r) => r.toAddress).sort()).toEqual([scene.lead.email, scene.member.email].sort());
    at(100);
    expect(await sendProjectReminders(60)).toBe(0);
    at(120);
    expect(await sendProjectReminders(60)).toBe(1);
    expect(await reminders()).toHaveLength(4);

    at(130);
    await createUpdate(scene.lead, {
      ideaId: scene.idea.id,
      fields: { kind: "update", title: "Back", bodyMd: "Sorry", outcomesMd: "", outputLinks: [] },
      changes: [],
      publish: true,
    });
    at(180);
    expect(await sendProjectReminders(60)).toBe(0);
    at(190);
    expect(await sendProjectReminders(60)).toBe(1);
    const latest = (await reminders()).filter((r) => r.toAddress === scene.lead.email);
    expect(latest).toHaveLength(3);
    expect(latest.at(-1)!.subject).toContain(scene.idea.title);
    expect(latest.at(-1)!.textBody).toContain(`${scene.path}/updates/new`);
  });

  it("does not remind a completed project", async () => {
    const scene = await fundedProject();
    await db
      .update(projects)
      .set({ status: "completed" })
      .where(and(eq(projects.ideaId, scene.idea.id)));
    setClock(() => new Date(Date.now() + 90 * DAY));
    expect(await sendProjectReminders(60)).toBe(0);
  });
});
