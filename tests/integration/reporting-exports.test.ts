import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  auditLog,
  ballotLedger,
  ballots,
  comments,
  ideas,
  ledgerSeals,
  panelAssignments,
  panelMembers,
  panelReviews,
  resultLines,
  roundResults,
  type Idea,
  type User,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { submittedReview } from "../../db/seed/factories/panel";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { londonDay } from "../../app/modules/reporting/series";
import { loader as publicExport } from "../../app/routes/rounds.$round_.data.$file";
import { loader as adminExport } from "../../app/routes/admin.rounds.$round.data.$file";
import { loader as dashboardLoader } from "../../app/routes/admin.rounds.$round._index";
import { loader as openDataLoader } from "../../app/routes/data";
import { context, cookieFor, get, run } from "../support/http";

const DAY = 86_400_000;
const CRITERIA = 5; // the factory round's default rubric

// Values that must never appear in a public export, whatever the field.
const SECRET = {
  budgetLine: "SECRET-BUDGET-LINE Coordinator",
  draftTitle: "SECRET-DRAFT-IDEA title",
  hiddenComment: "SECRET-HIDDEN-COMMENT text",
  deletedComment: "SECRET-DELETED-COMMENT text",
  panelNote: "SECRET-PANEL-NOTE about the team",
  feedback: "SECRET-APPLICANT-FEEDBACK",
  voterRef: "SECRET-VOTER-REF-1",
};
// Keys that must never appear in a public export's rows or header.
const FORBIDDEN_KEYS = [
  "email",
  "lead_email",
  "budget_lines",
  "amount_pence",
  "description",
  "panel_comment",
  "applicant_feedback",
  "scores",
  "voter",
  "voter_id",
  "voter_ref",
  "picks",
  "receipt_code",
  "password_hash",
  "organisation",
  "hidden_reason",
  "author_id",
  "user_id",
];

let round: RoundFixture;
let admin: User,
  lead: User,
  teammate: User,
  otherLead: User,
  commenter: User,
  voter: User,
  reviewerOne: User,
  reviewerTwo: User,
  member: User;
let funded: Idea, published: Idea, draft: Idea, notShortlisted: Idea;
let at: (days: number, hours?: number) => Date;

beforeAll(async () => {
  round = await createRound({ phase: "results", potPence: 10_000_000 });
  at = (days, hours = 12) => new Date(round.ideasOpensAt.getTime() + days * DAY + hours * 3_600_000);
  admin = await createUser({ isAdmin: true, name: "Ada Admin" });
  lead = await createUser({ name: "Lena Lead" });
  teammate = await createUser({ name: "Tom Teammate" });
  otherLead = await createUser({ name: "Olive Other" });
  commenter = await createUser({ name: "Cora Commenter" });
  voter = await createUser({ name: "Vera Voter-Secret" });
  reviewerOne = await createUser({ name: "Rita Reviewer-Secret" });
  reviewerTwo = await createUser({ name: "Rob Reviewer-Secret" });
  member = await createUser({ name: "Mo Member" });
  const [first, second] = round.categories;

  funded = await insertIdea({
    round,
    lead,
    members: [teammate],
    state: "funded",
    categoryId: first.id,
    title: "Calmer waiting rooms",
    at: at(1),
    topicIds: [round.topics[0].id],
    supporters: [member, commenter],
    proposal: {
      budget: [
        { description: SECRET.budgetLine, amountPence: 1_500_000 },
        { description: "Vouchers", amountPence: 250_000 },
      ],
    },
  });
  published = await insertIdea({
    round,
    lead: member,
    state: "published",
    categoryId: second.id,
    title: '=HYPERLINK("x") sneaky title',
    at: at(2),
  });
  notShortlisted = await insertIdea({
    round,
    lead: otherLead,
    state: "not_shortlisted",
    categoryId: second.id,
    title: "Better handovers",
    at: at(2, 20),
    proposal: {},
  });
  draft = await insertIdea({ round, lead, state: "draft", categoryId: first.id, title: SECRET.draftTitle, at: at(3) });

  await db.insert(comments).values([
    {
      ideaId: funded.id,
      authorId: commenter.id,
      bodyMd: "Visible question, with a comma",
      bodyHtml: "<p>Visible</p>",
      createdAt: at(4),
    },
    { ideaId: funded.id, authorId: teammate.id, bodyMd: "Team answer", bodyHtml: "<p>Team</p>", createdAt: at(4, 14) },
    {
      ideaId: published.id,
      authorId: null,
      bodyMd: "Written by someone who left",
      bodyHtml: "<p>Left</p>",
      createdAt: at(5),
    },
    {
      ideaId: funded.id,
      authorId: commenter.id,
      bodyMd: SECRET.hiddenComment,
      bodyHtml: "<p>h</p>",
      createdAt: at(5),
      hiddenAt: at(6),
      hiddenReason: "Reported",
    },
    {
      ideaId: funded.id,
      authorId: commenter.id,
      bodyMd: SECRET.deletedComment,
      bodyHtml: "<p>d</p>",
      createdAt: at(5),
      deletedAt: at(6),
    },
    { ideaId: draft.id, authorId: teammate.id, bodyMd: "On a draft", bodyHtml: "<p>x</p>", createdAt: at(5) },
  ]);
  await db.update(ideas).set({ commentCount: 2 }).where(eq(ideas.id, funded.id));
  await db.update(ideas).set({ commentCount: 1 }).where(eq(ideas.id, published.id));

  for (const r of [reviewerOne, reviewerTwo])
    await db.insert(panelMembers).values({ roundId: round.id, userId: r.id, addedAt: at(40) });
  await db.insert(panelAssignments).values([
    { roundId: round.id, ideaId: funded.id, reviewerId: reviewerOne.id, assignedAt: at(50) },
    { roundId: round.id, ideaId: notShortlisted.id, reviewerId: reviewerOne.id, assignedAt: at(50) },
    { roundId: round.id, ideaId: funded.id, reviewerId: reviewerTwo.id, assignedAt: at(50) },
  ]);
  await submittedReview(round.id, funded.id, reviewerOne.id, 4, CRITERIA, {
    panelComment: SECRET.panelNote,
    applicantFeedback: SECRET.feedback,
  });
  await db.insert(panelReviews).values({
    roundId: round.id,
    ideaId: funded.id,
    reviewerId: reviewerTwo.id,
    status: "draft",
    createdAt: at(51),
    updatedAt: at(51),
    scores: [{ criterionId: "0", score: 1 }],
    panelComment: SECRET.panelNote,
  });

  // Two voters: one replaces their ballot a day later (still one voter), the other votes that day.
  const open = round.votingOpensAt.getTime();
  await db.insert(ballots).values({
    roundId: round.id,
    voterId: voter.id,
    version: 2,
    idempotencyKey: "k",
    receiptCode: "RCPT-1",
    firstCastAt: new Date(open + DAY),
    castAt: new Date(open + 2 * DAY),
  });
  await db.insert(ballotLedger).values([
    {
      roundId: round.id,
      voterRef: SECRET.voterRef,
      version: 1,
      picks: [funded.id],
      at: new Date(open + DAY + 3_600_000),
      source: "online",
      entryHash: "h1",
      receiptCode: "RCPT-0",
    },
    {
      roundId: round.id,
      voterRef: SECRET.voterRef,
      version: 2,
      picks: [funded.id],
      at: new Date(open + 2 * DAY + 3_600_000),
      source: "online",
      entryHash: "h2",
      receiptCode: "RCPT-1",
    },
    {
      roundId: round.id,
      voterRef: "paper-2",
      version: 1,
      picks: [funded.id],
      at: new Date(open + 2 * DAY + 7_200_000),
      source: "paper",
      entryHash: "h3",
      receiptCode: "RCPT-2",
    },
  ]);
  await db
    .insert(ledgerSeals)
    .values({ roundId: round.id, root: "root", entries: 3, ballots: 2, eligible: 8, sealedAt: round.votingClosesAt });
  await db.insert(resultLines).values({
    roundId: round.id,
    ideaId: funded.id,
    categoryId: first.id,
    votes: 2,
    rank: 1,
    roundRank: 1,
    requestedPence: 1_750_000,
    recommendedFunded: true,
    funded: true,
    explanation: "In the top two-thirds of its category.",
  });
  await db.insert(roundResults).values({
    roundId: round.id,
    tallies: { [funded.id]: 2 },
    ballots: 2,
    eligible: 8,
    spentPence: 1_750_000,
    computedAt: round.votingClosesAt,
  });
});

async function download(path: string, params: Record<string, string>, cookie?: string, fn = publicExport) {
  return run(() => fn({ request: get(path, cookie), params, context: context() }));
}

function publicPath(dataset: string, format: string) {
  return [
    `/rounds/${round.slug}/data/${dataset}.${format}`,
    { round: round.slug, file: `${dataset}.${format}` },
  ] as const;
}

function assertNothingPrivate(body: string) {
  for (const value of Object.values(SECRET)) expect(body).not.toContain(value);
  for (const person of [admin, lead, teammate, otherLead, commenter, voter, reviewerOne, reviewerTwo, member]) {
    expect(body).not.toContain(person.email);
    expect(body).not.toContain(person.id);
  }
  for (const name of [voter.name, reviewerOne.name, reviewerTwo.name]) expect(body).not.toContain(name);
  expect(body).not.toContain("Example NHS Trust");
}

function csvHeader(body: string): string[] {
  return body
    .replace(/^\uFEFF/, "")
    .split("\r\n")[0]
    .split(",");
}

describe("public exports hold exactly the public fields", () => {
  it("ideas.json: every published idea (no draft), public fields only, the budget total and not its lines", async () => {
    const res = await download(...publicPath("ideas", "json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="q-exchange-${round.slug}-ideas.json"`);
    assertNothingPrivate(res.data);
    const doc = JSON.parse(res.data);
    expect(doc.round.slug).toBe(round.slug);
    expect(doc.licence).toMatch(/CC BY 4\.0/);
    expect(typeof doc.generated_at).toBe("string");
    expect(doc.rows.map((r: { slug: string }) => r.slug).sort()).toEqual(
      [funded.slug, published.slug, notShortlisted.slug].sort(),
    );
    for (const row of doc.rows) {
      expect(Object.keys(row).sort()).toEqual([
        "aims_md",
        "budget_total_pence",
        "category",
        "challenge_md",
        "comments",
        "contribute_md",
        "delivery_md",
        "learning_md",
        "milestones",
        "published_at",
        "slug",
        "state",
        "submitted_at",
        "summary",
        "supports",
        "team",
        "title",
        "topics",
        "url",
        "withdrawn_at",
      ]);
      for (const key of FORBIDDEN_KEYS) expect(row).not.toHaveProperty(key);
    }
    const row = doc.rows.find((r: { slug: string }) => r.slug === funded.slug);
    expect(row).toMatchObject({
      title: "Calmer waiting rooms",
      category: round.categories[0].name,
      state: "funded",
      topics: [round.topics[0].name],
      team: ["Lena Lead", "Tom Teammate"],
      supports: 2,
      comments: 2,
      budget_total_pence: 1_750_000,
      milestones: [{ title: "Pilot starts", month: "2027-09" }],
      aims_md: "Fewer missed appointments and a calmer waiting room.",
    });
    expect(row.url).toMatch(new RegExp(`/rounds/${round.slug}/ideas/${funded.slug}$`));
    const idea = doc.rows.find((r: { slug: string }) => r.slug === published.slug);
    expect(idea).toMatchObject({ aims_md: null, milestones: null, budget_total_pence: null, submitted_at: null });
  });

  it("ideas.csv: a BOM, the same columns, one line per idea, and a formula in a title defused", async () => {
    const res = await download(...publicPath("ideas", "csv"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="q-exchange-${round.slug}-ideas.csv"`);
    const raw = new Uint8Array(
      await (
        (await publicExport({
          request: get(publicPath("ideas", "csv")[0]),
          params: publicPath("ideas", "csv")[1],
          context: context(),
        })) as Response
      ).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.data.startsWith("slug,url,title,")).toBe(true);
    assertNothingPrivate(res.data);
    const header = csvHeader(res.data);
    for (const key of FORBIDDEN_KEYS) expect(header).not.toContain(key);
    expect(res.data).toContain(`"'=HYPERLINK(""x"") sneaky title"`);
    expect(res.data).toContain("Lena Lead; Tom Teammate");
    expect(res.data.split("\r\n").filter(Boolean)).toHaveLength(4);
  });

  it("comments: only those shown on the site, the author's public name or 'Former member', team replies marked", async () => {
    for (const format of ["json", "csv"]) {
      const res = await download(...publicPath("comments", format));
      expect(res.status).toBe(200);
      assertNothingPrivate(res.data);
      expect(res.data).not.toContain("On a draft");
    }
    const doc = JSON.parse((await download(...publicPath("comments", "json"))).data);
    expect(
      doc.rows.map((r: { body_md: string; author: string; team: boolean }) => [r.body_md, r.author, r.team]),
    ).toEqual([
      ["Visible question, with a comma", "Cora Commenter", false],
      ["Team answer", "Tom Teammate", true],
      ["Written by someone who left", "Former member", false],
    ]);
    for (const row of doc.rows) for (const key of FORBIDDEN_KEYS) expect(row).not.toHaveProperty(key);
    const csv = (await download(...publicPath("comments", "csv"))).data;
    expect(csvHeader(csv)).toEqual([
      "id",
      "parent_id",
      "idea_slug",
      "idea_title",
      "depth",
      "author",
      "team",
      "body_md",
      "created_at",
      "edited_at",
    ]);
    expect(csv).toContain('"Visible question, with a comma"');
  });

  it("results: 404 until published, then the result lines without voter identities", async () => {
    const before = await download(...publicPath("results", "json"));
    expect(before.status).toBe(404);
    expect(before.data).toEqual({ message: "The results of this round are not published yet." });
    await db.update(roundResults).set({ publishedAt: round.votingClosesAt }).where(eq(roundResults.roundId, round.id));
    const res = await download(...publicPath("results", "json"));
    expect(res.status).toBe(200);
    assertNothingPrivate(res.data);
    const doc = JSON.parse(res.data);
    expect(doc).toMatchObject({ ballots: 2, eligible: 8, spent_pence: 1_750_000 });
    expect(doc.rows).toEqual([
      {
        slug: funded.slug,
        title: "Calmer waiting rooms",
        category: round.categories[0].name,
        votes: 2,
        rank: 1,
        round_rank: 1,
        requested_pence: 1_750_000,
        recommended_funded: true,
        funded: true,
        explanation: "In the top two-thirds of its category.",
        override_reason: null,
      },
    ]);
    const csv = await download(...publicPath("results", "csv"));
    expect(csvHeader(csv.data)).toEqual([
      "slug",
      "title",
      "category",
      "votes",
      "rank",
      "round_rank",
      "requested_pence",
      "recommended_funded",
      "funded",
      "explanation",
      "override_reason",
    ]);
  });

  it("a draft round has no public data, and an unknown file is a 404", async () => {
    const hidden = await createRound({ phase: "draft" });
    const res = await download(`/rounds/${hidden.slug}/data/ideas.csv`, { round: hidden.slug, file: "ideas.csv" });
    expect(res.status).toBe(404);
    expect(
      (await download(`/rounds/${round.slug}/data/scores.csv`, { round: round.slug, file: "scores.csv" })).status,
    ).toBe(404);
    expect(
      (await download(`/rounds/${round.slug}/data/ideas.xml`, { round: round.slug, file: "ideas.xml" })).status,
    ).toBe(404);
  });
});

describe("admin exports", () => {
  const adminPath = (dataset: string, format: string) =>
    [
      `/admin/rounds/${round.slug}/data/${dataset}.${format}`,
      { round: round.slug, file: `${dataset}.${format}` },
    ] as const;

  it("are refused to visitors (sign in) and to members (403)", async () => {
    for (const dataset of ["scores", "proposals"]) {
      const anonymous = await download(...adminPath(dataset, "csv"), undefined, adminExport);
      expect(anonymous.status).toBe(302);
      expect(anonymous.location).toMatch(/^\/sign-in/);
      const asMember = await download(...adminPath(dataset, "json"), await cookieFor(member.id), adminExport);
      expect(asMember.status).toBe(403);
      const asReviewer = await download(...adminPath(dataset, "json"), await cookieFor(reviewerOne.id), adminExport);
      expect(asReviewer.status).toBe(403);
    }
  });

  it("scores: reviewers as 'Reviewer n', the criterion scores and weighted total, no notes; the download is audited", async () => {
    const cookie = await cookieFor(admin.id);
    const res = await download(...adminPath("scores", "json"), cookie, adminExport);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    for (const secret of [
      reviewerOne.name,
      reviewerTwo.name,
      reviewerOne.email,
      reviewerOne.id,
      SECRET.panelNote,
      SECRET.feedback,
    ])
      expect(res.data).not.toContain(secret);
    const doc = JSON.parse(res.data);
    expect(doc.rows).toHaveLength(1);
    // Numbered by first review in the round: the second reviewer's draft came first, so the one
    // who submitted is Reviewer 2, and stays so whoever joins later.
    expect(doc.rows[0]).toMatchObject({ proposal_slug: funded.slug, reviewer: "Reviewer 2", weighted_total: 4 });
    expect(Object.values(doc.rows[0].scores)).toEqual([4, 4, 4, 4, 4]);
    const csv = await download(...adminPath("scores", "csv"), cookie, adminExport);
    expect(csvHeader(csv.data)).toHaveLength(4 + CRITERIA + 2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "round.data_exported")));
    expect(audits.map((a) => [a.actorId, a.details])).toEqual([
      [admin.id, { dataset: "scores", format: "json" }],
      [admin.id, { dataset: "scores", format: "csv" }],
    ]);
  });

  it("proposals: the full data, budget lines and team emails included", async () => {
    const res = await download(...adminPath("proposals", "json"), await cookieFor(admin.id), adminExport);
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.data);
    const row = doc.rows.find((r: { slug: string }) => r.slug === funded.slug);
    expect(row.lead_email).toBe(lead.email);
    expect(row.team.map((m: { email: string }) => m.email)).toEqual([lead.email, teammate.email]);
    expect(row.budget_lines).toEqual([
      { description: SECRET.budgetLine, amount_pence: 1_500_000 },
      { description: "Vouchers", amount_pence: 250_000 },
    ]);
    expect(row.budget_total_pence).toBe(1_750_000);
    const csv = await download(...adminPath("proposals", "csv"), await cookieFor(admin.id), adminExport);
    expect(csv.data).toContain(`${SECRET.budgetLine}: £15,000; Vouchers: £2,500`);
  });
});

describe("the round dashboard", () => {
  it("is for admins only", async () => {
    const res = await run(() =>
      dashboardLoader({
        request: get(`/admin/rounds/${round.slug}`, undefined),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(res.status).toBe(302);
    const member403 = await run(async () =>
      dashboardLoader({
        request: get(`/admin/rounds/${round.slug}`, await cookieFor(member.id)),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(member403.status).toBe(403);
  });

  it("its numbers match the data set", async () => {
    const res = await run(async () =>
      dashboardLoader({
        request: get(`/admin/rounds/${round.slug}`, await cookieFor(admin.id)),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(res.status).toBe(200);
    const d = res.data.dashboard;
    expect(
      d.funnel.map((c: Record<string, unknown>) => [
        c.name,
        c.ideas,
        c.proposals,
        c.shortlisted,
        c.funded,
        c.requestedPence,
        c.fundedPence,
      ]),
    ).toEqual([
      [round.categories[0].name, 1, 1, 1, 1, 1_750_000, 1_750_000],
      [round.categories[1].name, 2, 1, 0, 0, 1_750_000, 0],
    ]);
    expect(d.totals).toEqual({
      ideas: 3,
      proposals: 2,
      shortlisted: 1,
      funded: 1,
      requestedPence: 3_500_000,
      fundedPence: 1_750_000,
      supports: 2,
      comments: 3,
    });
    const ideaDays = d.ideasPerDay.filter((p: { count: number }) => p.count > 0);
    const expectedIdeaDays = new Map<string, number>();
    for (const when of [at(1), at(2), at(2, 20)])
      expectedIdeaDays.set(londonDay(when), (expectedIdeaDays.get(londonDay(when)) ?? 0) + 1);
    expect(ideaDays).toEqual([...expectedIdeaDays].map(([day, count]) => ({ day, count })));
    expect(d.ideasPerDay[0].day).toBe(londonDay(round.ideasOpensAt));
    expect(d.commentsPerDay.reduce((s: number, p: { count: number }) => s + p.count, 0)).toBe(3);
    expect(d.topIdeas).toEqual([
      { slug: funded.slug, title: "Calmer waiting rooms", supports: 2, comments: 2, teamReplies: 1 },
      { slug: published.slug, title: published.title, supports: 0, comments: 1, teamReplies: 0 },
    ]);
    expect(d.reviewers).toEqual([
      { name: reviewerOne.name, isChair: false, assigned: 2, submitted: 1 },
      { name: reviewerTwo.name, isChair: false, assigned: 1, submitted: 0 },
    ]);
    expect(d.scores).toHaveLength(CRITERIA);
    for (const c of d.scores) expect(c.counts).toEqual([0, 0, 0, 1, 0]);
    expect(d.voters).toBe(2);
    expect(d.eligible).toBe(8);
    const open = round.votingOpensAt.getTime();
    const turnoutByDay = Object.fromEntries(d.turnout.map((p: { day: string; total: number }) => [p.day, p.total]));
    expect(turnoutByDay[londonDay(round.votingOpensAt)]).toBe(0);
    expect(turnoutByDay[londonDay(new Date(open + DAY + 3_600_000))]).toBe(1);
    expect(d.turnout[d.turnout.length - 1].total).toBe(2);
    expect(d.turnout[d.turnout.length - 1].day).toBe(londonDay(round.votingClosesAt));
    expect(d.potPence).toBe(10_000_000);
  });

  it("a round with nothing in it yet has empty series, not errors", async () => {
    const empty = await createRound({ phase: "ideas" });
    const res = await run(async () =>
      dashboardLoader({
        request: get(`/admin/rounds/${empty.slug}`, await cookieFor(admin.id)),
        params: { round: empty.slug },
        context: context(),
      }),
    );
    const d = res.data.dashboard;
    expect([d.ideasPerDay, d.commentsPerDay, d.topIdeas, d.reviewers, d.turnout]).toEqual([[], [], [], [], []]);
    expect(d.totals.ideas).toBe(0);
    expect(d.eligible).toBeNull();
  });
});

describe("the open-data page", () => {
  it("lists public rounds with row counts; the ledger only for sealed rounds; drafts and admin exports only for admins", async () => {
    const unsealed = await createRound({ phase: "ideas" });
    const visitor = await run(() => openDataLoader({ request: get("/data"), params: {}, context: context() }));
    expect(visitor.data.isAdmin).toBe(false);
    const mine = visitor.data.rounds.find((r: { slug: string }) => r.slug === round.slug);
    expect(mine).toMatchObject({ ideas: 3, comments: 3, sealed: true, resultsPublished: true, resultLines: 1 });
    expect(visitor.data.rounds.find((r: { slug: string }) => r.slug === unsealed.slug)).toMatchObject({
      sealed: false,
      resultsPublished: false,
    });
    expect(visitor.data.rounds.every((r: { phase: string }) => r.phase !== "draft")).toBe(true);
    const asAdmin = await run(async () =>
      openDataLoader({ request: get("/data", await cookieFor(admin.id)), params: {}, context: context() }),
    );
    expect(asAdmin.data.isAdmin).toBe(true);
    expect(asAdmin.data.rounds.some((r: { phase: string }) => r.phase === "draft")).toBe(true);
  });
});
