// The delivery part of the benchmark data, after the voting seed has marked the past rounds'
// funded ideas: one project per funded idea (as start-projects.server.ts makes them when results
// are published: the award is the proposal's budget, the milestones its timeline), published
// updates spread over the projects (the last one of each project in a closed round is its final
// report, which completes the project), comments under some updates, and the audit trail an
// admin reads (one "membership approved" and one "results published" entry per round). All
// set-based SQL.
import type { Sql } from "postgres";
import type { BenchSizes } from "./bench-shape";

/** One update in UPDATE_COMMENT_EVERY gets UPDATE_COMMENTS comments. */
const UPDATE_COMMENT_EVERY = 4;
const UPDATE_COMMENTS = 5;

export async function seedBenchDelivery(
  sql: Sql,
  size: BenchSizes,
): Promise<{ projects: number; updates: number; updateComments: number }> {
  // Projects start when the results are published: a week after voting closed.
  await sql`
    insert into projects (id, idea_id, round_id, award_pence, status, started_at)
    select md5('project-' || i.id)::uuid, i.id, i.round_id,
           coalesce((select sum(b.amount_pence)::int from proposal_budget_lines b where b.idea_id = i.id), 0),
           'in_progress', r.voting_closes_at + interval '7 days'
    from ideas i join rounds r on r.id = i.round_id
    where i.state = 'funded'`;
  await sql`
    insert into project_milestones (project_id, title, due_month, status, progress, position, updated_at)
    select p.id, m.title, m.target_month,
           case when r.phase = 'closed' then 'done' when m.position = 0 then 'on_track' else 'not_started' end::milestone_status,
           case when r.phase = 'closed' then 100 when m.position = 0 then 50 else 0 end,
           m.position, p.started_at
    from projects p join proposal_milestones m on m.idea_id = p.idea_id join rounds r on r.id = p.round_id`;

  // Update u (0-based) goes to project u % P as its number u / P + 1, a month or so apart, never
  // later than yesterday.
  await sql`
    with numbered as (select p.*, row_number() over (order by p.round_id, p.id) - 1 as k, count(*) over () as total from projects p)
    insert into project_updates (id, project_id, number, kind, status, title, body_md, body_html, author_id, created_at, updated_at, published_at)
    select md5('update-' || u)::uuid, p.id, u / p.total + 1, 'update', 'published',
           (array['Recruiting the team','First pilot site live','What we learned in month three','Halfway there','Sharing our toolkit',
                  'A difficult month','Patients tell us what works','Scaling to a second site'])[1 + (u / p.total) % 8] || ' (' || (u / p.total + 1) || ')',
           'This month we ' || (array['met the ward teams','ran two workshops','tested the checklist','wrote up our findings','welcomed new volunteers'])[1 + u % 5] ||
             '. **Next** we will share what we learned with the community.',
           '<p>This month we ' || (array['met the ward teams','ran two workshops','tested the checklist','wrote up our findings','welcomed new volunteers'])[1 + u % 5] ||
             '. <strong>Next</strong> we will share what we learned with the community.</p>',
           i.lead_id, at, at, at
    from generate_series(0, ${size.updates - 1}) as u
    join numbered p on p.k = u % p.total
    join ideas i on i.id = p.idea_id
    cross join lateral (select least(p.started_at + ((u / p.total + 1) * 30 || ' days')::interval + (u % 600 || ' minutes')::interval,
                                     now() - interval '1 day' - (u || ' seconds')::interval) as at) t`;
  // A closed round's projects have ended: their newest update is the final report.
  await sql`
    update project_updates pu set kind = 'final_report',
      outcomes_md = 'We halved the waiting time at both sites and published the toolkit.',
      outcomes_html = '<p>We halved the waiting time at both sites and published the toolkit.</p>',
      output_links = '[{"title":"The toolkit","url":"https://example.org/toolkit"}]'::jsonb
    from projects p join rounds r on r.id = p.round_id
    where pu.project_id = p.id and r.phase = 'closed'
      and pu.number = (select max(number) from project_updates x where x.project_id = p.id)`;
  await sql`
    update projects p set last_update_at = u.last,
      status = case when u.reports > 0 then 'completed' else 'in_progress' end::project_status
    from (select project_id, max(published_at) as last, count(*) filter (where kind = 'final_report') as reports
          from project_updates where status = 'published' group by project_id) u
    where u.project_id = p.id`;

  // Comments under some updates (they belong to the idea, with update_id set).
  const [{ n: updateComments }] = await sql<Array<{ n: number }>>`
    with inserted as (
      insert into comments (id, idea_id, parent_id, author_id, depth, body_md, body_html, created_at, update_id)
      select md5('uc-' || pu.id || '-' || c)::uuid, p.idea_id, null,
             md5('u' || (1 + (abs(hashtext(pu.id::text)::bigint) + c * 7919) % ${size.members}))::uuid, 1,
             'Thanks for sharing this. How did the ' || (array['patients','staff','carers','volunteers','managers'])[1 + c % 5] || ' find it?',
             '<p>Thanks for sharing this. How did the ' || (array['patients','staff','carers','volunteers','managers'])[1 + c % 5] || ' find it?</p>',
             pu.published_at + (c || ' hours')::interval, pu.id
      from project_updates pu join projects p on p.id = pu.project_id
      cross join generate_series(0, ${UPDATE_COMMENTS - 1}) as c
      where pu.number % ${UPDATE_COMMENT_EVERY} = 1
      returning 1)
    select count(*)::int as n from inserted`;
  await sql`
    update ideas i set comment_count = (select count(*)::int from comments c where c.idea_id = i.id and c.deleted_at is null and c.hidden_at is null)
    where i.id in (select idea_id from projects)`;

  // The audit trail: each member's approval, and each past round's results publication.
  await sql`
    insert into audit_log (at, actor_id, action, subject_type, subject_id, round_id, details)
    select u.created_at + interval '1 hour', md5('admin')::uuid, 'membership.approved', 'user', u.id::text, null, '{}'::jsonb
    from users u where u.membership = 'approved' and not u.is_admin`;
  await sql`
    insert into audit_log (at, actor_id, action, subject_type, subject_id, round_id, details)
    select rr.published_at, md5('admin')::uuid, 'results.published', 'round', rr.round_id::text, rr.round_id, '{}'::jsonb
    from round_results rr where rr.published_at is not null`;

  const [{ projects, updates }] = await sql<Array<{ projects: number; updates: number }>>`
    select (select count(*)::int from projects) as projects, (select count(*)::int from project_updates) as updates`;
  return { projects, updates, updateComments };
}
