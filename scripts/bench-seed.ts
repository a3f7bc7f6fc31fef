// A large, realistic data set for the benchmarks, written straight into PostgreSQL with set-based
// inserts (generate_series), not one request per row.
//   npm run bench:seed -- --scale 100            -> database qx_bench_100 on DATABASE_URL's server
//   npm run bench:seed -- --scale 10 --database my_db
// Scale 100 is a hundred times Q's size: 50,000 members, 20,000 ideas over 10 rounds, 500,000
// comments (one idea per round with 350), 50,000 ballots in the ledger, 2,000 project updates on
// the past rounds' funded projects (see bench-seed-delivery.ts).
// Ids are derived from numbers (md5(…)::uuid), so the benchmark knows them without asking.
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { withDatabase } from "../tests/support/test-database";
import { hashPassword } from "../app/modules/accounts/passwords.server";
import { defaultRubric } from "../app/modules/rounds/validation";
import { BENCH, benchDatabaseName, sizesFor } from "./bench-shape";
import { seedBenchVoting } from "./bench-seed-voting";
import { seedBenchDelivery } from "./bench-seed-delivery";

const { values } = parseArgs({ options: { scale: { type: "string", default: "100" }, database: { type: "string" } } });
const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale <= 0) throw new Error("--scale must be a positive number");
const server = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const name = values.database ?? benchDatabaseName(scale);
const size = sizesFor(scale);

const started = Date.now();
const step = async (label: string, work: () => Promise<unknown>) => {
  const t = Date.now();
  await work();
  console.log(`  ${label.padEnd(44)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();
const url = withDatabase(server, name);
const handle = await openDatabase({ kind: "postgres", url, max: 1 });
await handle.migrate();
await handle.close();
const sql = postgres(url, { max: 1, onnotice: () => {} });

console.log(`Seeding ${name} at scale ${scale}: ${JSON.stringify(size)}`);
const passwordHash = await hashPassword(BENCH.password);
const rubric = JSON.stringify(defaultRubric());
const YEAR0 = 2018;

await step(`${size.members.toLocaleString("en-GB")} members and an admin`, async () => {
  await sql`
    insert into users (id, email, email_verified_at, password_hash, name, organisation, handle, membership, membership_decided_at, created_at, updated_at)
    select md5('u' || i)::uuid, 'member' || i || '@bench.example', now(), ${passwordHash},
           (array['Ada','Grace','Alan','Mary','Florence','Edward','Rosalind','Joseph','Aneurin','Cicely'])[1 + i % 10] || ' ' ||
           (array['Lovelace','Hopper','Turing','Seacole','Nightingale','Jenner','Franklin','Lister','Bevan','Saunders'])[1 + (i / 10) % 10] || ' ' || i,
           (array['Leeds Teaching Hospitals','NHS Highland','Bristol Health Partners','Belfast Trust','Cardiff and Vale UHB'])[1 + i % 5],
           'member-' || i, 'approved', now(), now() - (i || ' minutes')::interval, now()
    from generate_series(1, ${size.members}) as i`;
  await sql`
    insert into users (id, email, email_verified_at, password_hash, name, organisation, handle, membership, is_admin, created_at, updated_at)
    values (md5('admin')::uuid, ${BENCH.adminEmail}, now(), ${passwordHash}, 'Bench Admin', 'Q Exchange', 'bench-admin', 'approved', true, now(), now())`;
});

await step("10 rounds with categories and topics", async () => {
  for (let k = 0; k < 10; k++) {
    const phase = BENCH.roundPhases[k];
    // Past rounds ran in their year; the voting round closes in a month, the ideas round is open now.
    const offsetDays = phase === "voting" ? -84 : phase === "ideas" ? -7 : -365 * (9 - k) - 120;
    await sql`
      insert into rounds (id, slug, title, theme_md, theme_html, phase, ideas_opens_at, proposals_opens_at, shortlisting_opens_at,
        voting_opens_at, voting_closes_at, closes_at, max_award_pence, pot_pence, picks_per_category, allow_own_idea, funding_rule,
        shortlist_size, comment_policy, rubric, phase_changed_at)
      values (md5(${"r" + k})::uuid, ${BENCH.roundSlug(k)}, ${`Q Exchange ${YEAR0 + k}`}, 'Ideas that make care better.', '<p>Ideas that make care better.</p>',
        ${phase}, now() + ${offsetDays + " days"}::interval, now() + ${offsetDays + 21 + " days"}::interval,
        now() + ${offsetDays + 49 + " days"}::interval, now() + ${offsetDays + 77 + " days"}::interval,
        now() + ${offsetDays + 77 + (phase === "voting" ? 37 : 14) + " days"}::interval, null,
        3000000, 60000000, 3, false, ${sql.json({ kind: "topFraction", fraction: 2 / 3 })}, 30, 'accounts', ${rubric}::jsonb, now())`;
    await sql`
      insert into round_categories (id, round_id, position, name, description)
      values (md5(${"c" + k + "-0"})::uuid, md5(${"r" + k})::uuid, 0, 'Improving care', ''),
             (md5(${"c" + k + "-1"})::uuid, md5(${"r" + k})::uuid, 1, 'Working with communities', '')`;
    await sql`
      insert into round_topics (id, round_id, name)
      select md5('t' || ${k} || '-' || j)::uuid, md5(${"r" + k})::uuid,
             (array['Mental health','Primary care','Digital','Workforce','Patient safety'])[j + 1]
      from generate_series(0, 4) as j`;
  }
});

// An idea's state by round phase and its number n within the round. Past rounds start shortlisted;
// the voting seed counts their votes and sets funded / not funded.
const stateSql = sql`case
  when r.phase = 'ideas' then case when n % 10 = 9 then 'draft' else 'published' end
  when r.phase = 'voting' then case when n < ${BENCH.shortlisted} then 'shortlisted' when n < ${size.proposals} then 'not_shortlisted' else 'published' end
  else case when n < ${BENCH.shortlisted} then 'shortlisted'
            when n < ${size.proposals} then 'not_shortlisted' else 'published' end
end::idea_state`;

await step(`${size.ideas.toLocaleString("en-GB")} ideas with teams, topics and revisions`, async () => {
  await sql`
    insert into ideas (id, round_id, category_id, slug, title, summary, challenge_md, challenge_html, state, lead_id,
                       created_at, updated_at, published_at, submitted_at, last_activity_at)
    select md5('i' || k || '-' || n)::uuid, r.id, md5('c' || k || '-' || (n % 2))::uuid,
           case when n = 0 then 'popular-idea' else 'idea-' || n end,
           initcap(w1) || ' ' || w2 || ' for ' || w3 || ' ' || w4 || ' (' || n || ')',
           'A ' || w2 || ' approach to ' || w3 || ' ' || w4 || ' that people can use at home and in clinic.',
           repeat('We want to make ' || w3 || ' ' || w4 || ' better with ' || w1 || ' ' || w2 || '. ', 24),
           '<p>' || repeat('We want to make ' || w3 || ' ' || w4 || ' better with ' || w1 || ' ' || w2 || '. ', 24) || '</p>',
           ${stateSql}, md5('u' || (1 + (k * ${size.ideasPerRound} + n) % ${size.members}))::uuid,
           r.ideas_opens_at + (n % 500 || ' minutes')::interval, r.ideas_opens_at + (n % 500 || ' minutes')::interval,
           r.ideas_opens_at + (n % 500 || ' minutes')::interval,
           case when n < ${size.proposals} and r.phase <> 'ideas' then r.proposals_opens_at + (n % 500 || ' minutes')::interval end,
           r.ideas_opens_at + (n % 500 || ' minutes')::interval
    from generate_series(0, 9) as k
    join rounds r on r.id = md5('r' || k)::uuid
    cross join generate_series(0, ${size.ideasPerRound - 1}) as n
    cross join lateral (select
      (array['digital','community','shared','simple','peer','local','joined-up','safer','faster','kinder'])[1 + n % 10] as w1,
      (array['clinic','pathway','toolkit','network','service','register','app','forum','checklist','hub'])[1 + (n / 10) % 10] as w2,
      (array['mental','maternity','dementia','diabetes','stroke','kidney','frailty','cancer','asthma','sepsis'])[1 + (n / 100) % 10] as w3,
      (array['care','support','screening','referrals','discharge','prevention','rehabilitation','waiting lists','outcomes','recovery'])[1 + (n * 7) % 10] as w4
    ) words`;
  await sql`insert into idea_team_members (idea_id, user_id, role, joined_at) select id, lead_id, 'lead', created_at from ideas`;
  await sql`insert into idea_topics (idea_id, topic_id)
            select i.id, md5('t' || k || '-' || (n % 5))::uuid
            from generate_series(0, 9) as k cross join generate_series(0, ${size.ideasPerRound - 1}) as n
            join ideas i on i.id = md5('i' || k || '-' || n)::uuid`;
  await sql`insert into idea_revisions (idea_id, version, title, summary, challenge_md, is_public, author_id, created_at)
            select id, 1, title, summary, challenge_md, state <> 'draft', lead_id, created_at from ideas`;
});

await step("proposals with milestones and budgets", async () => {
  await sql`
    insert into proposals (idea_id, aims_md, aims_html, delivery_md, delivery_html, learning_md, learning_html, contribute_md, contribute_html,
                           created_at, updated_at, submitted_at)
    select id, 'We aim to halve waiting times.', '<p>We aim to halve waiting times.</p>',
           'A small team over 12 months.', '<p>A small team over 12 months.</p>',
           'Monthly public updates and an open toolkit.', '<p>Monthly public updates and an open toolkit.</p>',
           'Tell us what works where you are.', '<p>Tell us what works where you are.</p>',
           submitted_at, submitted_at, submitted_at
    from ideas where submitted_at is not null`;
  await sql`
    insert into proposal_milestones (idea_id, title, target_month, position)
    select p.idea_id, (array['Plan and recruit','Pilot in two sites','Share what we learned'])[j + 1],
           (date_trunc('month', p.submitted_at) + ((j + 1) * 4 || ' months')::interval)::date, j
    from proposals p cross join generate_series(0, 2) as j`;
  await sql`
    insert into proposal_budget_lines (idea_id, description, amount_pence, position)
    select p.idea_id, (array['Staff time','Equipment','Events and travel'])[j + 1], (array[1500000, 600000, 300000])[j + 1], j
    from proposals p cross join generate_series(0, 2) as j`;
});

await step(
  `${size.comments.toLocaleString("en-GB")} comments (one idea per round with ${BENCH.popularComments})`,
  async () => {
    // The popular idea of each round first, then the rest spread over the round's public ideas; a
    // comment on the same idea one layer earlier is its parent, so replies nest to depth 2.
    await sql`
    insert into comments (id, idea_id, parent_id, author_id, depth, body_md, body_html, created_at)
    select md5('p' || k || '-' || c)::uuid, md5('i' || k || '-0')::uuid,
           case when c % 3 = 2 then md5('p' || k || '-' || (c - 1))::uuid end,
           md5('u' || (1 + (k * 7919 + c * 31) % ${size.members}))::uuid, case when c % 3 = 2 then 2 else 1 end,
           'Thank you for this. We tried something similar in ' || (array['Leeds','Glasgow','Cardiff','Belfast','Bristol'])[1 + c % 5] || ' and **it helped**.',
           '<p>Thank you for this. We tried something similar in ' || (array['Leeds','Glasgow','Cardiff','Belfast','Bristol'])[1 + c % 5] || ' and <strong>it helped</strong>.</p>',
           r.ideas_opens_at + (c || ' minutes')::interval
    from generate_series(0, 9) as k join rounds r on r.id = md5('r' || k)::uuid
    cross join generate_series(0, ${BENCH.popularComments - 1}) as c`;
    const perRound = Math.floor((size.comments - 10 * BENCH.popularComments) / 10);
    const publicIdeas = size.ideasPerRound - 1; // idea 0 is the popular one; drafts get none (n % 10 = 9 in the ideas round are skipped below)
    await sql`
    insert into comments (id, idea_id, parent_id, author_id, depth, body_md, body_html, created_at)
    select md5('m' || k || '-' || c)::uuid, md5('i' || k || '-' || (1 + c % ${publicIdeas}))::uuid,
           case when (c / ${publicIdeas}) % 2 = 1 then md5('m' || k || '-' || (c - ${publicIdeas}))::uuid end,
           md5('u' || (1 + (k * 104729 + c * 17) % ${size.members}))::uuid,
           case when (c / ${publicIdeas}) % 2 = 1 then 2 else 1 end,
           'Have you talked to the ' || (array['pharmacy','GP practice','ward team','carers group','council'])[1 + c % 5] || ' about this?',
           '<p>Have you talked to the ' || (array['pharmacy','GP practice','ward team','carers group','council'])[1 + c % 5] || ' about this?</p>',
           r.ideas_opens_at + (c / 10 || ' minutes')::interval
    from generate_series(0, 9) as k join rounds r on r.id = md5('r' || k)::uuid
    cross join generate_series(0, ${perRound - 1}) as c
    where not (r.phase = 'ideas' and (1 + c % ${publicIdeas}) % 10 = 9)`;
  },
);

await step("supports and follows", async () => {
  await sql`
    insert into supports (idea_id, user_id, created_at)
    select distinct on (i.id, u) i.id, md5('u' || u)::uuid, i.published_at
    from ideas i cross join generate_series(1, ${BENCH.supportsPerIdea}) as s
    cross join lateral (select 1 + (abs(hashtext(i.id::text)::bigint) + s * 7877) % ${size.members} as u) pick
    where i.state <> 'draft'
    on conflict do nothing`;
  await sql`insert into follows (idea_id, user_id, active, created_at) select id, lead_id, true, created_at from ideas`;
});

await step("denormalised counts", async () => {
  await sql`update ideas i set comment_count = c.n from (select idea_id, count(*)::int as n from comments group by idea_id) c where c.idea_id = i.id`;
  await sql`update ideas i set support_count = s.n from (select idea_id, count(*)::int as n from supports group by idea_id) s where s.idea_id = i.id`;
});

await step(`${size.ballots.toLocaleString("en-GB")} ballots in the ledger, seals and results`, () =>
  seedBenchVoting(sql, size),
);

await step(`${size.updates.toLocaleString("en-GB")} project updates, update comments, audit`, async () => {
  const made = await seedBenchDelivery(sql, size);
  console.log(`    ${made.projects} projects, ${made.updates} updates, ${made.updateComments} comments on updates`);
});

// Autovacuum may be off (it is off on this machine), and the count updates above left a dead copy of
// every idea: vacuum so that plans and index-only scans see the table as production would.
await step("vacuum (analyze)", () => sql`vacuum (analyze)`);
await sql.end();
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s. DATABASE_URL=${url}`);
