import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { insertRound, scheduleFor } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import * as home from "../../app/routes/_index";
import * as roundPage from "../../app/routes/rounds.$round._index";
import * as roundList from "../../app/routes/rounds._index";
import { context, cookieFor, get, run } from "../support/http";

const T = new Date("2026-11-27T12:00:00Z");
let adminCookie: string;
let memberCookie: string;
let accountCookie: string;

beforeAll(async () => {
  adminCookie = await cookieFor((await createUser({ isAdmin: true })).id);
  memberCookie = await cookieFor((await createUser()).id);
  accountCookie = await cookieFor((await createUser({ membership: "none", membershipDecidedAt: null })).id);
});
afterEach(() => resetClock());

const showRound = (slug: string, cookie?: string) =>
  run(() => roundPage.loader({ request: get(`/rounds/${slug}`, cookie), params: { round: slug }, context: context() }));

describe("the home page before any round is open", () => {
  it("says that no round is open", async () => {
    const page = await run(() => home.loader({ request: get("/"), params: {}, context: context() }));
    expect(page.status).toBe(200);
    expect(page.data.round).toBeNull();
  });
});

describe("round pages", () => {
  it("a draft round is a 404 for visitors, accounts and members, and visible to admins", async () => {
    const draft = await insertRound({ phase: "draft" });
    expect((await showRound(draft.slug)).status).toBe(404);
    expect((await showRound(draft.slug, accountCookie)).status).toBe(404);
    expect((await showRound(draft.slug, memberCookie)).status).toBe(404);
    const admin = await showRound(draft.slug, adminCookie);
    expect(admin.status).toBe(200);
    expect(admin.data.round.phase).toBe("draft");
  });

  it("an open round shows its money in pounds, its categories, and a timeline with the current phase and next deadline", async () => {
    setClock(() => T);
    const round = await insertRound({
      phase: "ideas",
      ideasOpensAt: new Date("2026-11-16T09:00:00Z"),
      proposalsOpensAt: new Date("2026-12-18T17:00:00Z"),
      shortlistingOpensAt: new Date("2027-02-05T17:00:00Z"),
      votingOpensAt: new Date("2027-03-15T09:00:00Z"),
      votingClosesAt: new Date("2027-03-29T16:00:00Z"),
      closesAt: null,
      potPence: 50_000_000,
      themeMd: "Care **closer to home**.",
      categories: ["Improving care for people with long-term conditions", "Working with communities"],
    });
    const page = await showRound(round.slug);
    expect(page.status).toBe(200);
    expect(page.data.round).toMatchObject({
      pot: "£500,000",
      maxAward: "£30,000",
      themeHtml: "<p>Care <strong>closer to home</strong>.</p>\n",
    });
    expect(page.data.round.categories.map((c: { name: string }) => c.name)).toEqual([
      "Improving care for people with long-term conditions",
      "Working with communities",
    ]);
    expect(page.data.timeline.map((i: { phase: string; state: string }) => `${i.phase}:${i.state}`)).toEqual([
      "ideas:current",
      "proposals:upcoming",
      "shortlisting:upcoming",
      "voting:upcoming",
      "results:upcoming",
      "delivery:upcoming",
      "closed:upcoming",
    ]);
    expect(page.data.timeline[0].dates).toBe(
      "Monday 16 November 2026, 9:00am GMT to Friday 18 December 2026, 5:00pm GMT",
    );
    expect(page.data.timeline[3].dates).toBe("Monday 15 March 2027, 9:00am GMT to Monday 29 March 2027, 5:00pm BST");
    expect(page.data.next).toEqual({
      label: "Ideas close",
      at: "Friday 18 December 2026, 5:00pm GMT",
      iso: "2026-12-18T17:00:00.000Z",
      relative: "in 21 days",
    });
  });

  it("an unknown or malformed address is a 404", async () => {
    expect((await showRound("no-such-round")).status).toBe(404);
    expect((await showRound("Bad Slug!")).status).toBe(404);
  });
});

describe("the list of rounds and the home page", () => {
  // Each test below is set later than the one before, so its round is the newest on now.
  it("lists the round on now first, then earlier rounds by year, and never drafts", async () => {
    const at = new Date("2028-06-01T12:00:00Z");
    setClock(() => at);
    const old = await insertRound({ phase: "closed", ...scheduleFor("closed", at), title: "An old round" });
    const delivery = await insertRound({
      phase: "delivery",
      ...scheduleFor("delivery", at),
      title: "Last year's round",
    });
    const current = await insertRound({
      phase: "proposals",
      ...scheduleFor("proposals", at),
      title: "This year's round",
    });
    const draft = await insertRound({ phase: "draft", title: "A secret draft" });
    const page = await run(() => roundList.loader({ request: get("/rounds"), params: {}, context: context() }));
    expect(page.data.current.slug).toBe(current.slug);
    const listed = page.data.past.flatMap((g: { rounds: Array<{ slug: string }> }) => g.rounds.map((r) => r.slug));
    expect(listed).toEqual(expect.arrayContaining([delivery.slug, old.slug]));
    expect(listed.indexOf(delivery.slug)).toBeLessThan(listed.indexOf(old.slug));
    expect(listed).not.toContain(draft.slug);
    const years = page.data.past.map((g: { year: number }) => g.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it("the home page says what each kind of person can do now, with one next step each, and marks the reader", async () => {
    const at = new Date("2029-06-01T12:00:00Z");
    setClock(() => at);
    const round = await insertRound({ phase: "voting", ...scheduleFor("voting", at), title: "The newest round" });

    const visitor = await run(() => home.loader({ request: get("/"), params: {}, context: context() }));
    expect(visitor.data.round.slug).toBe(round.slug);
    expect(visitor.data.round.guidance.map((g: { role: string }) => g.role)).toEqual([
      "visitor",
      "account",
      "member",
      "teamLead",
      "reviewer",
      "admin",
    ]);
    expect(visitor.data.you).toBe("visitor");
    const member = visitor.data.round.guidance.find((g: { role: string }) => g.role === "member");
    expect(member.can).toMatch(/^Cast your ballot by .*: 3 picks in each category/);
    expect(member.by).toMatch(/\(in 7 days\)$/);
    expect(member.next.href).toBe(`/rounds/${round.slug}/vote`);
    for (const g of visitor.data.round.guidance) expect(g.next.text.length).toBeGreaterThan(0);

    // Sessions live for weeks, not years: sign in again at this later time.
    const admin = await cookieFor((await createUser({ isAdmin: true })).id);
    const account = await cookieFor((await createUser({ membership: "none", membershipDecidedAt: null })).id);
    const asAdmin = await run(() => home.loader({ request: get("/", admin), params: {}, context: context() }));
    expect(asAdmin.data.you).toBe("admin");
    expect(asAdmin.data.round.guidance.find((g: { role: string }) => g.role === "admin").next.href).toBe(
      `/admin/rounds/${round.slug}/phase`,
    );
    const asAccount = await run(() => home.loader({ request: get("/", account), params: {}, context: context() }));
    expect(asAccount.data.you).toBe("account");
  });
});
