// Query discipline (issue 10): no page sends queries in proportion to what it lists (no N+1),
// every list page shows at most one page, and on a large data set every query a list page sends
// is answered through an index, not by reading a large table from end to end.
//
// The SQL is counted and kept by tests/support/query-count.ts (the app's `db` swapped for one
// over the same database whose logger records every query). Each page's loader is called as
// Remix calls it, with a real Request and, where the page needs one, a session cookie.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase, useDb as installDb, type DatabaseHandle } from "../../db/client";
import {
  auditLog,
  comments,
  ideaRevisions,
  ideas,
  ideaTeamMembers,
  ledgerSeals,
  panelAssignments,
  projects,
  projectUpdates,
  proposalBudgetLines,
  proposals,
  resultLines,
  roundResults,
  users,
  type User,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as roundLoader } from "../../app/routes/rounds.$round._index";
import { loader as ideasLoader } from "../../app/routes/rounds.$round_.ideas._index";
import { loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { loader as projectsLoader } from "../../app/routes/projects._index";
import { loader as updatesLoader } from "../../app/routes/updates._index";
import { loader as resultsLoader } from "../../app/routes/rounds.$round_.results._index";
import { loader as feedLoader } from "../../app/routes/updates.feed[.]rss";
import { loader as roundFeedLoader } from "../../app/routes/rounds.$round_.updates.feed[.]rss";
import { loader as adminUsersLoader } from "../../app/routes/admin.users._index";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { loader as packLoader } from "../../app/routes/panel.$round.pack";
import { PAGE_SIZE as IDEAS_PAGE_SIZE } from "../../app/modules/ideas/list-ideas.server";
import { PROJECTS_PAGE_SIZE, UPDATES_PAGE_SIZE } from "../../app/modules/delivery/queries.server";
import { FEED_SIZE } from "../../app/modules/delivery/feed-data.server";
import { THREADS_PER_PAGE } from "../../app/modules/conversation/thread.server";
import { context, cookieFor, get, run } from "../support/http";
import { recordQueries, type QueryRecorder, type RecordedQuery } from "../support/query-count";
import { withDatabase } from "../support/test-database";

const ADMIN_USERS_PAGE_SIZE = 25; // app/routes/admin.users._index.tsx
const AUDIT_PAGE_SIZE = 50; // app/routes/admin.audit.tsx

/** A page as the test calls it: its loader with a Request, and how many items it listed. */
type Page = {
  name: string;
  path: string;
  params?: Record<string, string>;
  as?: "visitor" | "member" | "admin" | "reviewer";
  call: (args: {
    request: Request;
    params: Record<string, string>;
    context: ReturnType<typeof context>;
  }) => Promise<unknown>;
  /** Items listed (null for pages that list nothing), and the most one page may show. */
  listed: (answer: Awaited<ReturnType<typeof run>>) => number | null;
  pageSize: number | null;
};

const loaderOf = (fn: (...args: never[]) => unknown) => fn as unknown as Page["call"];
const items = (body: string) => (body.match(/<item>/g) ?? []).length;

function pages(slugs: { ideas: string; idea: string; past: string; panel: string }, categoryId?: string): Page[] {
  return [
    { name: "home", path: "/", call: loaderOf(homeLoader), listed: () => null, pageSize: null },
    {
      name: "round page",
      path: `/rounds/${slugs.ideas}`,
      params: { round: slugs.ideas },
      call: loaderOf(roundLoader),
      listed: () => null,
      pageSize: null,
    },
    {
      name: "ideas list",
      path: `/rounds/${slugs.ideas}/ideas`,
      params: { round: slugs.ideas },
      as: "member",
      call: loaderOf(ideasLoader),
      listed: (a) => a.data.ideas.length,
      pageSize: IDEAS_PAGE_SIZE,
    },
    ...(categoryId
      ? [
          {
            name: "ideas list, filtered, sorted, page 2",
            path: `/rounds/${slugs.ideas}/ideas?category=${categoryId}&sort=discussed&page=2`,
            params: { round: slugs.ideas },
            call: loaderOf(ideasLoader),
            listed: (a: Awaited<ReturnType<typeof run>>) => a.data.ideas.length,
            pageSize: IDEAS_PAGE_SIZE,
          },
          {
            name: "ideas list, search",
            path: `/rounds/${slugs.ideas}/ideas?q=dementia+support`,
            params: { round: slugs.ideas },
            call: loaderOf(ideasLoader),
            listed: (a: Awaited<ReturnType<typeof run>>) => a.data.ideas.length,
            pageSize: IDEAS_PAGE_SIZE,
          },
        ]
      : []),
    {
      name: "idea page (comments)",
      path: `/rounds/${slugs.ideas}/ideas/${slugs.idea}`,
      params: { round: slugs.ideas, idea: slugs.idea },
      as: "member",
      call: loaderOf(ideaLoader),
      listed: (a) => a.data.conversation.tree.length,
      pageSize: THREADS_PER_PAGE,
    },
    {
      name: "projects list",
      path: "/projects",
      call: loaderOf(projectsLoader),
      listed: (a) => a.data.projects.length,
      pageSize: PROJECTS_PAGE_SIZE,
    },
    {
      name: "updates list",
      path: "/updates",
      call: loaderOf(updatesLoader),
      listed: (a) => a.data.updates.length,
      pageSize: UPDATES_PAGE_SIZE,
    },
    // A round's results list its shortlist, which the round's settings bound: not paged.
    {
      name: "results",
      path: `/rounds/${slugs.past}/results`,
      params: { round: slugs.past },
      call: loaderOf(resultsLoader),
      listed: () => null,
      pageSize: null,
    },
    {
      name: "feed of all updates (RSS)",
      path: "/updates/feed.rss",
      call: loaderOf(feedLoader),
      listed: (a) => items(a.data),
      pageSize: FEED_SIZE,
    },
    {
      name: "feed of a round's updates (RSS)",
      path: `/rounds/${slugs.past}/updates/feed.rss`,
      params: { round: slugs.past },
      call: loaderOf(roundFeedLoader),
      listed: (a) => items(a.data),
      pageSize: FEED_SIZE,
    },
    {
      name: "admin: people",
      path: "/admin/users",
      as: "admin",
      call: loaderOf(adminUsersLoader),
      listed: (a) => a.data.people.length,
      pageSize: ADMIN_USERS_PAGE_SIZE,
    },
    {
      name: "admin: audit log",
      path: "/admin/audit",
      as: "admin",
      call: loaderOf(auditLoader),
      listed: (a) => a.data.entries.length,
      pageSize: AUDIT_PAGE_SIZE,
    },
    // The pack is every proposal assigned to the reviewer (the panel's workload bounds it): not paged.
    {
      name: "panel pack",
      path: `/panel/${slugs.panel}/pack`,
      params: { round: slugs.panel },
      as: "reviewer",
      call: loaderOf(packLoader),
      listed: (a) => a.data.proposals.length,
      pageSize: null,
    },
  ];
}

type Visitors = Record<NonNullable<Page["as"]>, string | undefined>;

/** Calls the page once to warm it (a session's first use writes, caches fill), then again recording. */
async function visit(recorder: QueryRecorder, page: Page, cookies: Visitors) {
  const call = () =>
    run(() =>
      page.call({
        request: get(page.path, cookies[page.as ?? "visitor"]),
        params: page.params ?? {},
        context: context(),
      }),
    );
  const warm = await call();
  expect(warm.status, `${page.name} answers`).toBe(200);
  const { result, queries } = await recorder.during(call);
  expect(result.status, `${page.name} answers`).toBe(200);
  return { answer: result, queries };
}

// ---------------------------------------------------------------------------------------------
// A small world that grows: every list gets `n` more items each time.

const SMALL = 5;
// Larger than every page size here (50 at most), so each paged list has to stop at a page.
const LARGE = 60;

type World = {
  member: User;
  admin: User;
  reviewer: User;
  ideasRound: RoundFixture;
  pastRound: RoundFixture;
  panelRound: RoundFixture;
  busyIdea: { id: string; slug: string };
  grown: number;
};

async function buildWorld(): Promise<World> {
  const admin = await createUser({ name: "Admin Person", isAdmin: true });
  const member = await createUser({ name: "Member Person" });
  const reviewer = await createUser({ name: "Reviewer Person", organisation: "Reviewers Inc" });
  const ideasRound = await createRound({ phase: "ideas", slug: "qd-ideas" });
  const pastRound = await createRound({ phase: "delivery", slug: "qd-past" });
  const panelRound = await createRound({ phase: "shortlisting", slug: "qd-panel" });
  const busyIdea = await insertIdea({ round: ideasRound, lead: member, slug: "busy-idea", title: "A busy idea" });
  const at = new Date(Date.now() - 86_400_000);
  await db
    .insert(ledgerSeals)
    .values({ roundId: pastRound.id, root: "0".repeat(64), entries: 0, ballots: 0, eligible: 3, sealedAt: at });
  await db.insert(roundResults).values({
    roundId: pastRound.id,
    tallies: {},
    ballots: 0,
    eligible: 3,
    spentPence: 0,
    computedAt: at,
    publishedAt: at,
    publishedById: admin.id,
  });
  return { member, admin, reviewer, ideasRound, pastRound, panelRound, busyIdea, grown: 0 };
}

/** Adds n of everything the pages list: people, ideas, comments, funded projects with an update and a result line, audit entries, assigned proposals. */
async function grow(world: World, n: number) {
  const base = world.grown;
  world.grown += n;
  const at = new Date(Date.now() - 3_600_000);
  const range = Array.from({ length: n }, (_, j) => base + j);
  const people = await db
    .insert(users)
    .values(
      range.map((i) => ({
        email: `qd-person-${i}@example.org`,
        passwordHash: "x",
        name: `Listed Person ${i}`,
        organisation: `Org ${i}`,
        handle: `qd-person-${i}`,
        membership: "approved" as const,
        emailVerifiedAt: at,
        membershipDecidedAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning();
  const ideaRows = (round: RoundFixture, prefix: string, state: "published" | "funded" | "submitted") =>
    range.map((i, j) => ({
      roundId: round.id,
      categoryId: round.categories[i % 2].id,
      slug: `${prefix}-${i}`,
      title: `Dementia support idea ${prefix} ${i}`,
      summary: "A summary.",
      challengeMd: "The challenge.",
      challengeHtml: "<p>The challenge.</p>",
      state,
      leadId: people[j].id,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      publishedAt: at,
      submittedAt: state === "published" ? null : at,
      commentCount: i % 7,
    }));
  const insertIdeas = async (rows: ReturnType<typeof ideaRows>) => {
    const made = await db
      .insert(ideas)
      .values(rows)
      .returning({ id: ideas.id, leadId: ideas.leadId, title: ideas.title, categoryId: ideas.categoryId });
    await db
      .insert(ideaTeamMembers)
      .values(made.map((r) => ({ ideaId: r.id, userId: r.leadId, role: "lead" as const, joinedAt: at })));
    await db.insert(ideaRevisions).values(
      made.map((r) => ({
        ideaId: r.id,
        version: 1,
        title: r.title,
        summary: "A summary.",
        challengeMd: "The challenge.",
        isPublic: true,
        authorId: r.leadId,
        createdAt: at,
      })),
    );
    return made;
  };
  const proposalRows = (made: Array<{ id: string }>) =>
    made.map((r) => ({
      ideaId: r.id,
      aimsMd: "Aims.",
      aimsHtml: "<p>Aims.</p>",
      deliveryMd: "Delivery.",
      deliveryHtml: "<p>Delivery.</p>",
      learningMd: "Learning.",
      learningHtml: "<p>Learning.</p>",
      contributeMd: "Contribute.",
      contributeHtml: "<p>Contribute.</p>",
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    }));

  await insertIdeas(ideaRows(world.ideasRound, "idea", "published"));
  await db.insert(comments).values(
    range.map((i, j) => ({
      ideaId: world.busyIdea.id,
      authorId: people[j].id,
      depth: 1,
      bodyMd: `Comment ${i}`,
      bodyHtml: `<p>Comment ${i}</p>`,
      createdAt: new Date(at.getTime() + i * 1000),
    })),
  );

  const funded = await insertIdeas(ideaRows(world.pastRound, "funded", "funded"));
  await db.insert(proposals).values(proposalRows(funded));
  await db
    .insert(proposalBudgetLines)
    .values(funded.map((r) => ({ ideaId: r.id, description: "Staff", amountPence: 1_000_000, position: 0 })));
  await db.insert(resultLines).values(
    funded.map((r, j) => ({
      roundId: world.pastRound.id,
      ideaId: r.id,
      categoryId: r.categoryId,
      votes: 100 - j,
      rank: base + j + 1,
      roundRank: base + j + 1,
      requestedPence: 1_000_000,
      recommendedFunded: true,
      funded: true,
      explanation: "Funded.",
    })),
  );
  const started = await db
    .insert(projects)
    .values(
      funded.map((r) => ({
        ideaId: r.id,
        roundId: world.pastRound.id,
        awardPence: 1_000_000,
        startedAt: at,
        lastUpdateAt: at,
      })),
    )
    .returning();
  await db.insert(projectUpdates).values(
    started.map((p, j) => ({
      projectId: p.id,
      number: 1,
      status: "published" as const,
      title: `Update ${base + j}`,
      bodyMd: "News.",
      bodyHtml: "<p>News.</p>",
      authorId: funded[j].leadId,
      createdAt: at,
      updatedAt: at,
      publishedAt: new Date(at.getTime() + j * 1000),
    })),
  );

  await db.insert(auditLog).values(
    range.map((i, j) => ({
      at: new Date(at.getTime() + i * 1000),
      actorId: world.admin.id,
      action: "membership.approved",
      subjectType: "user",
      subjectId: people[j].id,
    })),
  );

  const submitted = await insertIdeas(ideaRows(world.panelRound, "proposal", "submitted"));
  await db.insert(proposals).values(proposalRows(submitted));
  await db
    .insert(proposalBudgetLines)
    .values(submitted.map((r) => ({ ideaId: r.id, description: "Staff", amountPence: 1_500_000, position: 0 })));
  await db.insert(panelAssignments).values(
    submitted.map((r) => ({
      roundId: world.panelRound.id,
      ideaId: r.id,
      reviewerId: world.reviewer.id,
      assignedAt: at,
    })),
  );
}

describe("query discipline on a small data set that grows", () => {
  let world: World;
  let recording: Awaited<ReturnType<typeof recordQueries>>;
  let cookies: Visitors;
  let list: Page[];
  const counts = new Map<string, number[]>();
  const shown = new Map<string, Array<number | null>>();

  beforeAll(async () => {
    const handle = databaseHandle();
    const config = inject("database");
    let url: string | undefined;
    if (config.kind === "postgres") {
      const [{ name }] = await handle.query<{ name: string }>("select current_database() as name");
      url = withDatabase(config.url, name);
    }
    recording = await recordQueries(handle, { url, max: 5 });
    world = await buildWorld();
    cookies = {
      visitor: undefined,
      member: await cookieFor(world.member.id),
      admin: await cookieFor(world.admin.id),
      reviewer: await cookieFor(world.reviewer.id),
    };
    list = pages({
      ideas: world.ideasRound.slug,
      idea: world.busyIdea.slug,
      past: world.pastRound.slug,
      panel: world.panelRound.slug,
    });
    for (const size of [SMALL, LARGE]) {
      await grow(world, size - world.grown);
      for (const page of list) {
        const { answer, queries } = await visit(recording.recorder, page, cookies);
        counts.set(page.name, [...(counts.get(page.name) ?? []), queries.length]);
        shown.set(page.name, [...(shown.get(page.name) ?? []), page.listed(answer)]);
      }
    }
  });

  afterAll(async () => {
    await recording?.restore();
  });

  it("no page sends more queries when it lists more (5 items, then 60: the same number of queries)", () => {
    const report = Object.fromEntries([...counts].map(([name, [small, large]]) => [name, `${small} → ${large}`]));
    const growing = [...counts].filter(([, [small, large]]) => large !== small).map(([name]) => name);
    expect(growing, JSON.stringify(report, null, 2)).toEqual([]);
    // The counter sees the queries at all: every page reads something.
    for (const [name, [small]] of counts) expect(small, name).toBeGreaterThan(0);
  });

  it("every page lists what there is, and a paged list stops at its page size", () => {
    for (const page of list) {
      const [small, large] = shown.get(page.name)!;
      if (small === null) continue;
      // With 5 items each list shows them (the audit log and people list hold a few of their own too).
      expect(small, `${page.name} with ${SMALL} items`).toBeGreaterThanOrEqual(SMALL);
      if (page.pageSize === null) {
        expect(large, `${page.name} (not paged) with ${LARGE} items`).toBe(LARGE);
      } else {
        expect(large, `${page.name} with ${LARGE} items shows one page of ${page.pageSize}`).toBe(page.pageSize);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Indexes: the bench seed at a small scale, analysed, and every query of every list page explained.

/**
 * Tables that grow with the community: reading one of these whole is a scan we must not make.
 * (Counting a whole list for its "n results" still reads every row, through an index when one
 * fits: that is the price of showing a total, and not flagged here.)
 */
const LARGE_TABLES = new Set([
  "ideas",
  "comments",
  "users",
  "ballots",
  "ballot_ledger",
  "ballot_submissions",
  "project_updates",
  "audit_log",
  "notifications",
  "supports",
  "follows",
  "idea_revisions",
  "idea_team_members",
  "idea_topics",
  "sessions",
  "comment_reports",
]);

/**
 * Exceptions, each a (page, table) pair with the reason. The test fails when an exception is no
 * longer needed, so that it is removed when its cause is.
 */
const EXCEPTIONS: Array<{ page: string; table: string; reason: string }> = [];

type PlanNode = { "Node Type": string; "Relation Name"?: string; Filter?: string; Plans?: PlanNode[] };
const seqScans = (node: PlanNode): PlanNode[] => [
  ...(node["Node Type"] === "Seq Scan" ? [node] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

const SCALE = 5;
const run_ = promisify(execFile);

describe("every list page's queries use indexes on a large data set (PostgreSQL)", () => {
  // PGlite has no server for the bench seed (a separate process) to write into, and a planner
  // decision on PGlite's in-process copy would say nothing about production.
  it.skipIf(inject("database").kind === "pglite")(
    `no sequential scan over a large table (bench seed at scale ${SCALE}, analysed)`,
    async () => {
      const config = inject("database");
      if (config.kind !== "postgres") return;
      const name = `qx_qd_${crypto.randomBytes(4).toString("hex")}`;
      const original = databaseHandle();
      let bench: DatabaseHandle | undefined;
      let recording: Awaited<ReturnType<typeof recordQueries>> | undefined;
      const admin = postgres(config.url, { max: 1, onnotice: () => {} });
      try {
        await run_(
          process.execPath,
          ["--import", "tsx", "scripts/bench-seed.ts", "--scale", String(SCALE), "--database", name],
          {
            env: { ...process.env, DATABASE_URL: config.url },
            maxBuffer: 16 * 1024 * 1024,
          },
        );
        const url = withDatabase(config.url, name);
        bench = await openDatabase({ kind: "postgres", url, max: 2 });
        // A reviewer (member 1) assigned to the voting round's shortlist, for the panel pack.
        await bench.query(`insert into panel_assignments (round_id, idea_id, reviewer_id, assigned_at)
        select i.round_id, i.id, md5('u1')::uuid, now() from ideas i where i.round_id = md5('r8')::uuid and i.state = 'shortlisted'
          and i.lead_id <> md5('u1')::uuid`);
        await bench.query("analyze");
        recording = await recordQueries(bench, { url, max: 5 });
        const cookies: Visitors = {
          visitor: undefined,
          member: await cookieFor((await bench.query<{ id: string }>("select md5('u2')::uuid as id"))[0].id),
          admin: await cookieFor((await bench.query<{ id: string }>("select md5('admin')::uuid as id"))[0].id),
          reviewer: await cookieFor((await bench.query<{ id: string }>("select md5('u1')::uuid as id"))[0].id),
        };
        const [{ id: category }] = await bench.query<{ id: string }>("select md5('c9-1')::uuid as id");
        const list = pages({ ideas: "r2027", idea: "popular-idea", past: "r2025", panel: "r2026" }, category);
        // One connection, so the setting holds for every EXPLAIN. With sequential scans priced out,
        // a Seq Scan left in a plan means no index can serve that read at all: what would read the
        // whole table at scale 100, whatever the planner picks for this small copy.
        const explainer = postgres(url, { max: 1, onnotice: () => {} });
        await explainer`set enable_seqscan = off`;
        const found: string[] = [];
        const used = new Set<(typeof EXCEPTIONS)[number]>();
        let explained = 0;
        try {
          for (const page of list) {
            const { queries } = await visit(recording.recorder, page, cookies);
            for (const q of queries as RecordedQuery[]) {
              if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
              const [row] = await explainer.unsafe(`explain (format json) ${q.sql}`, q.params as never[]);
              const plan = (row["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0].Plan;
              explained++;
              for (const scan of seqScans(plan)) {
                const table = scan["Relation Name"]!;
                const excepted = EXCEPTIONS.find((e) => e.page === page.name && e.table === table);
                if (excepted) used.add(excepted);
                if (!LARGE_TABLES.has(table) || excepted) continue;
                found.push(
                  `${page.name}: Seq Scan on ${table}${scan.Filter ? ` (Filter: ${scan.Filter})` : ""}\n    in: ${q.sql.slice(0, 400)}`,
                );
              }
            }
          }
        } finally {
          await explainer.end();
        }
        expect(explained).toBeGreaterThan(list.length);
        expect(found, found.join("\n")).toEqual([]);
        expect(
          EXCEPTIONS.filter((e) => !used.has(e)).map((e) => `${e.page} / ${e.table}: no longer needed, remove it`),
        ).toEqual([]);
      } finally {
        await recording?.restore();
        // restore() put back the bench handle it replaced; the file's own database comes back here.
        installDb(original);
        await bench?.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    },
    300_000,
  );
});
