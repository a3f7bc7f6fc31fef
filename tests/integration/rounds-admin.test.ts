import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, roundCategories, rounds, roundTopics, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertRound, scheduleFor } from "../../db/seed/factories/rounds";
import { resetClock } from "../../app/lib/clock";
import { Forbidden } from "../../app/lib/errors";
import { createRound } from "../../app/modules/rounds/create-round.server";
import { deleteRound } from "../../app/modules/rounds/delete-round.server";
import { extendDeadline } from "../../app/modules/rounds/transition.server";
import { updateRound } from "../../app/modules/rounds/update-round.server";
import { RoundFormSchema, defaultRubric } from "../../app/modules/rounds/validation";
import * as list from "../../app/routes/admin.rounds._index";
import * as create from "../../app/routes/admin.rounds.new";
import * as edit from "../../app/routes/admin.rounds.$round.edit";
import * as remove from "../../app/routes/admin.rounds.$round.delete";
import * as phase from "../../app/routes/admin.rounds.$round.phase";
import { context, cookieFor, get, post, run } from "../support/http";

let admin: User;
let member: User;
let adminCookie: string;
let memberCookie: string;

beforeAll(async () => {
  admin = await createUser({ isAdmin: true });
  member = await createUser();
  adminCookie = await cookieFor(admin.id);
  memberCookie = await cookieFor(member.id);
});
afterEach(() => resetClock());

let slugs = 0;
/** The admin form as a browser posts it: flat names, string values, a future schedule. */
function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  slugs += 1;
  const form: Record<string, string> = {
    slug: `spring-${slugs}`,
    title: "Q Exchange spring round",
    themeMd: "Ideas that **reduce waiting** for care.",
    "categories.0.id": "",
    "categories.0.name": "Long-term conditions",
    "categories.0.description": "Living well with them.",
    "categories.1.id": "",
    "categories.1.name": "Communities",
    "categories.1.description": "",
    maxAward: "£30,000",
    pot: "500,000",
    "schedule.ideasOpensAt": "2030-03-01T09:00",
    "schedule.proposalsOpensAt": "2030-03-22T17:00",
    "schedule.shortlistingOpensAt": "2030-04-19T17:00",
    "schedule.votingOpensAt": "2030-05-17T09:00",
    "schedule.votingClosesAt": "2030-05-31T17:00",
    "schedule.closesAt": "",
    picksPerCategory: "3",
    allowOwnIdea: "false",
    "fundingRule.kind": "topFraction",
    "fundingRule.fraction": "2/3",
    "fundingRule.n": "",
    shortlistSize: "30",
    commentPolicy: "accounts",
    topics: "Digital\nCarers\n\ndigital",
    intent: "save",
  };
  defaultRubric().forEach((criterion, i) => {
    form[`rubric.${i}.name`] = criterion.name;
    form[`rubric.${i}.description`] = criterion.description;
    form[`rubric.${i}.weight`] = String(criterion.weight);
    criterion.anchors.forEach((anchor, point) => (form[`rubric.${i}.anchors.${point}`] = anchor));
  });
  return { ...form, ...overrides };
}

const settings = (overrides: Record<string, string> = {}) => RoundFormSchema.parse(validForm(overrides));
const bySlug = async (slug: string) => (await db.select().from(rounds).where(eq(rounds.slug, slug)))[0];
const categoriesOf = (roundId: string) =>
  db.select().from(roundCategories).where(eq(roundCategories.roundId, roundId)).orderBy(asc(roundCategories.position));

describe("only the programme team manages rounds", () => {
  it("members get 403 on every admin rounds page and action; visitors are sent to sign in", async () => {
    const round = await insertRound();
    const params = { round: round.slug };
    const loaders: Array<() => Promise<unknown>> = [
      () => list.loader({ request: get("/admin/rounds", memberCookie), params: {}, context: context() }),
      () => create.loader({ request: get("/admin/rounds/new", memberCookie), params: {}, context: context() }),
      () => edit.loader({ request: get(`/admin/rounds/${round.slug}/edit`, memberCookie), params, context: context() }),
      () =>
        phase.loader({ request: get(`/admin/rounds/${round.slug}/phase`, memberCookie), params, context: context() }),
      () =>
        remove.loader({ request: get(`/admin/rounds/${round.slug}/delete`, memberCookie), params, context: context() }),
      () =>
        create.action({
          request: post("/admin/rounds/new", validForm(), memberCookie),
          params: {},
          context: context(),
        }),
      () =>
        edit.action({
          request: post(`/admin/rounds/${round.slug}/edit`, validForm(), memberCookie),
          params,
          context: context(),
        }),
      () =>
        phase.action({
          request: post(
            `/admin/rounds/${round.slug}/phase`,
            { intent: "advance", from: "draft", reason: "x" },
            memberCookie,
          ),
          params,
          context: context(),
        }),
      () =>
        remove.action({
          request: post(`/admin/rounds/${round.slug}/delete`, { confirm: "yes" }, memberCookie),
          params,
          context: context(),
        }),
    ];
    for (const call of loaders) expect((await run(call)).status).toBe(403);
    const visitor = await run(() => list.loader({ request: get("/admin/rounds"), params: {}, context: context() }));
    expect(visitor.status).toBe(302);
    expect(await bySlug(round.slug)).toBeDefined();
  });

  it("the use cases refuse anyone but an admin", async () => {
    const round = await insertRound();
    await expect(createRound(member, settings())).rejects.toBeInstanceOf(Forbidden);
    await expect(updateRound(member, round.id, settings())).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteRound(member, round.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      extendDeadline(member, round.id, "votingClosesAt", new Date("2040-01-01"), "x"),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("creating a round", () => {
  it("saves a draft with its categories in order, its topics and the default rubric, and audits it", async () => {
    const form = validForm();
    const result = await run(() =>
      create.action({ request: post("/admin/rounds/new", form, adminCookie), params: {}, context: context() }),
    );
    expect(result.status).toBe(303);
    expect(result.location).toBe("/admin/rounds");
    const round = await bySlug(form.slug);
    expect(round).toMatchObject({
      phase: "draft",
      potPence: 50_000_000,
      maxAwardPence: 3_000_000,
      picksPerCategory: 3,
    });
    expect(round.themeHtml).toBe("<p>Ideas that <strong>reduce waiting</strong> for care.</p>\n");
    expect(round.ideasOpensAt).toEqual(new Date("2030-03-01T09:00:00Z"));
    expect(round.rubric).toEqual(defaultRubric());
    expect((await categoriesOf(round.id)).map((c) => c.name)).toEqual(["Long-term conditions", "Communities"]);
    const topics = await db.select().from(roundTopics).where(eq(roundTopics.roundId, round.id));
    expect(topics.map((t) => t.name).sort()).toEqual(["Carers", "Digital"]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "round.created")));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(admin.id);
  });

  it("shows errors at each field with status 400 and keeps what was typed", async () => {
    const form = validForm({
      slug: "Not A Slug",
      "categories.0.name": "",
      pot: "lots",
      "schedule.proposalsOpensAt": "2030-02-01T09:00",
      "fundingRule.fraction": "3/2",
    });
    const result = await run(() =>
      create.action({ request: post("/admin/rounds/new", form, adminCookie), params: {}, context: context() }),
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual([
      "categories.0.name",
      "fundingRule.fraction",
      "pot",
      "schedule.proposalsOpensAt",
      "slug",
    ]);
    expect(result.data.errors["schedule.proposalsOpensAt"]).toMatch(/must be after the opening of ideas/);
    expect(result.data.values).toMatchObject({
      slug: "Not A Slug",
      title: "Q Exchange spring round",
      pot: "lots",
      "categories.1.name": "Communities",
    });
  });

  it("refuses a short name another round uses, at the slug field", async () => {
    const taken = await insertRound();
    const result = await run(() =>
      create.action({
        request: post("/admin/rounds/new", validForm({ slug: taken.slug }), adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(result.status).toBe(409);
    expect(result.data.errors.slug).toMatch(/already uses this short name/);
  });

  it("add, remove and move buttons show the form again with the change and everything typed", async () => {
    const typed = validForm({ title: "Half-typed title" });
    const added = await run(() =>
      create.action({
        request: post("/admin/rounds/new", { ...typed, intent: "add-category" }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(added.status).toBe(200);
    expect(added.data.errors).toEqual({});
    expect(added.data.values).toMatchObject({
      title: "Half-typed title",
      "categories.2.name": "",
      "categories.1.name": "Communities",
    });

    const moved = await run(() =>
      create.action({
        request: post("/admin/rounds/new", { ...typed, intent: "move-category-down.0" }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(moved.data.values).toMatchObject({
      "categories.0.name": "Communities",
      "categories.1.name": "Long-term conditions",
      "categories.1.description": "Living well with them.",
    });

    const removed = await run(() =>
      create.action({
        request: post("/admin/rounds/new", { ...typed, intent: "remove-criterion.0" }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(removed.data.values["rubric.0.name"]).toBe(defaultRubric()[1].name);
    expect(removed.data.values["rubric.4.name"]).toBeUndefined();
    expect(await bySlug(typed.slug)).toBeUndefined();
  });
});

describe("editing a round", () => {
  it("shows the stored settings in pounds and London time, and saves renames, additions, removals and topics", async () => {
    const created = await createRound(admin, settings({ topics: "Digital\nCarers" }));
    const params = { round: created.slug };
    const page = await run(() =>
      edit.loader({ request: get(`/admin/rounds/${created.slug}/edit`, adminCookie), params, context: context() }),
    );
    expect(page.status).toBe(200);
    expect(page.data.values).toMatchObject({
      pot: "500,000",
      maxAward: "30,000",
      "schedule.ideasOpensAt": "2030-03-01T09:00",
      "fundingRule.fraction": "2/3",
      topics: "Carers\nDigital",
    });
    const [first, second] = await categoriesOf(created.id);

    const form = {
      ...page.data.values,
      "categories.0.name": "Long-term conditions, renamed",
      "categories.1.id": "",
      "categories.1.name": "A new category",
      "categories.1.description": "",
      topics: "Digital\nPharmacy",
      intent: "save",
    };
    const saved = await run(() =>
      edit.action({
        request: post(`/admin/rounds/${created.slug}/edit`, form, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(saved.status).toBe(303);
    const categories = await categoriesOf(created.id);
    expect(categories.map((c) => c.name)).toEqual(["Long-term conditions, renamed", "A new category"]);
    expect(categories[0].id).toBe(first.id);
    expect(categories.some((c) => c.id === second.id)).toBe(false);
    const topics = await db.select().from(roundTopics).where(eq(roundTopics.roundId, created.id));
    expect(topics.map((t) => t.name).sort()).toEqual(["Digital", "Pharmacy"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, created.id), eq(auditLog.action, "round.updated")));
    expect(audit.details.changed).toEqual(expect.arrayContaining(["categories", "topics"]));
  });

  it("once the round has opened, its short name and the times that have passed cannot change", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", new Date()) });
    const params = { round: round.slug };
    const page = await run(() =>
      edit.loader({ request: get(`/admin/rounds/${round.slug}/edit`, adminCookie), params, context: context() }),
    );
    expect(page.data.locked.slug).toBe(true);
    expect(Object.keys(page.data.locked.passed)).toEqual(["ideasOpensAt"]);
    const form = {
      ...page.data.values,
      slug: "renamed-round",
      "schedule.ideasOpensAt": "2020-01-01T09:00",
      intent: "save",
    };
    const refused = await run(() =>
      edit.action({ request: post(`/admin/rounds/${round.slug}/edit`, form, adminCookie), params, context: context() }),
    );
    expect(refused.status).toBe(409);
    expect(refused.data.errors.slug).toMatch(/cannot change/);
    expect(refused.data.errors["schedule.ideasOpensAt"]).toMatch(/has passed/);

    // Unchanged history and a new title: saved, with the passed time kept to the millisecond.
    const ok = await run(() =>
      edit.action({
        request: post(
          `/admin/rounds/${round.slug}/edit`,
          { ...page.data.values, title: "Renamed", intent: "save" },
          adminCookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(ok.status).toBe(303);
    const after = await bySlug(round.slug);
    expect(after.title).toBe("Renamed");
    expect(after.ideasOpensAt).toEqual(round.ideasOpensAt);
  });

  it("an unknown round is a 404", async () => {
    const result = await run(() =>
      edit.loader({
        request: get("/admin/rounds/no-such-round/edit", adminCookie),
        params: { round: "no-such-round" },
        context: context(),
      }),
    );
    expect(result.status).toBe(404);
  });
});

describe("deleting a round", () => {
  it("a draft is deleted after the box is ticked, and the deletion is audited", async () => {
    const round = await insertRound();
    const params = { round: round.slug };
    const unticked = await run(() =>
      remove.action({
        request: post(`/admin/rounds/${round.slug}/delete`, {}, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(unticked.status).toBe(400);
    expect(unticked.data.errors.confirm).toMatch(/Tick the box/);
    const done = await run(() =>
      remove.action({
        request: post(`/admin/rounds/${round.slug}/delete`, { confirm: "yes" }, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(done.status).toBe(303);
    expect(await bySlug(round.slug)).toBeUndefined();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "round.deleted")));
    expect(audits[0].details).toMatchObject({ slug: round.slug });
  });

  it("a round that has opened is never deleted", async () => {
    const round = await insertRound({ phase: "ideas", ...scheduleFor("ideas", new Date()) });
    const result = await run(() =>
      remove.action({
        request: post(`/admin/rounds/${round.slug}/delete`, { confirm: "yes" }, adminCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(result.status).toBe(409);
    expect(result.data.errors.form).toMatch(/Only a round in draft/);
    expect(await bySlug(round.slug)).toBeDefined();
  });
});

describe("the phase page", () => {
  it("opens a draft with a reason, then extends a deadline, and lists both in the history", async () => {
    const round = await insertRound({ ...scheduleFor("draft", new Date()) });
    const params = { round: round.slug };
    const path = `/admin/rounds/${round.slug}/phase`;
    const noReason = await run(() =>
      phase.action({
        request: post(path, { intent: "advance", from: "draft", reason: "" }, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/Enter the reason/);

    const opened = await run(() =>
      phase.action({
        request: post(path, { intent: "advance", from: "draft", reason: "Launch day" }, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(opened.status).toBe(303);
    expect((await bySlug(round.slug)).phase).toBe("ideas");

    const stale = await run(() =>
      phase.action({
        request: post(path, { intent: "advance", from: "draft", reason: "Double click" }, adminCookie),
        params,
        context: context(),
      }),
    );
    expect(stale.status).toBe(409);
    expect((await bySlug(round.slug)).phase).toBe("ideas");

    const past = await run(() =>
      phase.action({
        request: post(
          path,
          { intent: "extend", deadline: "ideasOpensAt", newTime: "2099-01-01T09:00", extensionReason: "Oops" },
          adminCookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(past.status).toBe(409);
    expect(past.data.errors.deadline).toMatch(/can no longer be extended/);

    const badTime = await run(() =>
      phase.action({
        request: post(
          path,
          { intent: "extend", deadline: "votingClosesAt", newTime: "not a time", extensionReason: "" },
          adminCookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(badTime.status).toBe(400);
    expect(Object.keys(badTime.data.errors).sort()).toEqual(["extensionReason", "newTime"]);

    const closes = (await bySlug(round.slug)).votingClosesAt;
    const later = new Date(Math.floor(closes.getTime() / 60_000) * 60_000 + 24 * 3_600_000);
    const london = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Europe/London",
      dateStyle: "short",
      timeStyle: "short",
    })
      .format(later)
      .replace(" ", "T");
    const extended = await run(() =>
      phase.action({
        request: post(
          path,
          { intent: "extend", deadline: "votingClosesAt", newTime: london, extensionReason: "Bank holiday" },
          adminCookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(extended.status).toBe(303);
    expect((await bySlug(round.slug)).votingClosesAt).toEqual(later);

    const page = await run(() => phase.loader({ request: get(path, adminCookie), params, context: context() }));
    expect(page.data.history.map((h: { what: string }) => h.what)).toEqual([
      expect.stringMatching(/^The close of voting extended from/),
      "Moved from Draft to Ideas by the programme team",
    ]);
    expect(page.data.history[1]).toMatchObject({ who: admin.name, reason: "Launch day" });
  });

  it("says why the next phase cannot start instead of offering the button", async () => {
    const round = await insertRound({ phase: "shortlisting", ...scheduleFor("shortlisting", new Date()) });
    const page = await run(() =>
      phase.loader({
        request: get(`/admin/rounds/${round.slug}/phase`, adminCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(page.data.advance).toMatchObject({ to: "voting", ok: false });
    expect(page.data.advance.reason).toMatch(/fewer than the 3 picks/);
  });
});
