// The rows of each export. Public exports select public fields only, by name: a column added to
// a table later never leaks into them. Large sets are read as an ordered list of ids first, then
// a batch at a time (see respond.server.ts), a fixed number of queries per batch.
import { env } from "~/lib/env.server";
import { Forbidden } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { formatPence } from "~/lib/money";
import { ideaPath } from "~/modules/ideas/paths";
import { weightedTotal } from "~/modules/panel/scoring";
import type { RoundWithDetails } from "~/modules/rounds/queries.server";
import {
  DATASET_INFO,
  OPEN_DATA_LICENCE,
  OPEN_DATA_LICENCE_URL,
  type AdminDataset,
  type ExportFormat,
  type PublicDataset,
} from "./datasets";
import { exportResponse, inBatches, type Column, type Row } from "./respond.server";
import { fromJson, selectRows } from "./sql.server";

type Source = { columns: Column[]; rows: AsyncIterable<Row>; extra?: Record<string, unknown> };

// Ids travel as one JSON parameter: the same text works on postgres.js and PGlite.
const IN_BATCH = (column: string) => `${column} in (select (jsonb_array_elements_text($1::jsonb))::uuid)`;
const json = <T>(value: unknown, fallback: T) => fromJson<T>(value, fallback);
const money = (value: unknown) => (typeof value === "number" ? formatPence(value) : "");

async function ids(text: string, roundId: string): Promise<string[]> {
  return (await selectRows<{ id: string }>(text, [roundId])).map((r) => String(r.id));
}

async function ideasSource(round: RoundWithDetails): Promise<Source> {
  const base = env().APP_URL;
  const list = await ids(
    `select id from ideas where round_id = $1 and state <> 'draft' order by published_at, id`,
    round.id,
  );
  const rows = inBatches(list, async (batch) => {
    const found = await selectRows<Row>(
      `select i.id, i.slug, i.title, i.summary, c.name as category, i.state::text as state, i.challenge_md,
         i.published_at, i.submitted_at, i.withdrawn_at, i.support_count as supports, i.comment_count as comments,
         (select coalesce(json_agg(t.name order by t.name), '[]'::json)
            from idea_topics it join round_topics t on t.id = it.topic_id where it.idea_id = i.id) as topics,
         (select coalesce(json_agg(u.name order by m.role = 'lead' desc, m.joined_at, u.name), '[]'::json)
            from idea_team_members m join users u on u.id = m.user_id where m.idea_id = i.id) as team,
         p.idea_id is not null as has_proposal, p.aims_md, p.delivery_md, p.learning_md, p.contribute_md,
         (select coalesce(json_agg(json_build_object('title', ms.title, 'month', to_char(ms.target_month, 'YYYY-MM')) order by ms.position), '[]'::json)
            from proposal_milestones ms where ms.idea_id = p.idea_id) as milestones,
         (select sum(b.amount_pence)::float8 from proposal_budget_lines b where b.idea_id = p.idea_id) as budget_total
       from ideas i
       join round_categories c on c.id = i.category_id
       -- The proposal is public once submitted, as on the idea's page.
       left join proposals p on p.idea_id = i.id and i.submitted_at is not null
       where ${IN_BATCH("i.id")}`,
      [JSON.stringify(batch)],
    );
    return found.map((r) => ({
      ...r,
      url: `${base}${ideaPath(round.slug, String(r.slug))}`,
      topics: json<string[]>(r.topics, []),
      team: json<string[]>(r.team, []),
      milestones: r.has_proposal ? json<Array<{ title: string; month: string }>>(r.milestones, []) : null,
      budget_total_pence: r.has_proposal ? Number(r.budget_total ?? 0) : null,
    }));
  });
  return {
    rows,
    columns: [
      { key: "slug" },
      { key: "url" },
      { key: "title" },
      { key: "summary" },
      { key: "category" },
      { key: "topics" },
      { key: "state" },
      { key: "challenge_md" },
      { key: "team" },
      { key: "published_at" },
      { key: "submitted_at" },
      { key: "withdrawn_at" },
      { key: "supports" },
      { key: "comments" },
      { key: "aims_md" },
      { key: "delivery_md" },
      { key: "learning_md" },
      { key: "contribute_md" },
      {
        key: "milestones",
        csv: (v) =>
          Array.isArray(v) ? v.map((m: { title: string; month: string }) => `${m.month} ${m.title}`).join("; ") : "",
      },
      { key: "budget_total_pence" },
    ],
  };
}

async function commentsSource(round: RoundWithDetails): Promise<Source> {
  const list = await ids(
    `select c.id from comments c join ideas i on i.id = c.idea_id
     where i.round_id = $1 and i.state <> 'draft' and c.deleted_at is null and c.hidden_at is null
     order by c.created_at, c.id`,
    round.id,
  );
  const rows = inBatches(list, (batch) =>
    selectRows<Row>(
      `select c.id, c.parent_id, i.slug as idea_slug, i.title as idea_title, c.depth,
         coalesce(u.name, 'Former member') as author,
         exists (select 1 from idea_team_members m where m.idea_id = c.idea_id and m.user_id = c.author_id) as team,
         c.body_md, c.created_at, c.edited_at
       from comments c join ideas i on i.id = c.idea_id left join users u on u.id = c.author_id
       where ${IN_BATCH("c.id")}`,
      [JSON.stringify(batch)],
    ),
  );
  return {
    rows,
    columns: [
      { key: "id" },
      { key: "parent_id" },
      { key: "idea_slug" },
      { key: "idea_title" },
      { key: "depth" },
      { key: "author" },
      { key: "team" },
      { key: "body_md" },
      { key: "created_at" },
      { key: "edited_at" },
    ],
  };
}

/** Null until the results are published. */
export async function publishedResults(
  roundId: string,
): Promise<{ ballots: number; eligible: number; spentPence: number; publishedAt: Date } | null> {
  const [row] = await selectRows<Row>(
    `select ballots, eligible, spent_pence, published_at from round_results where round_id = $1 and published_at is not null`,
    [roundId],
  );
  return row
    ? {
        ballots: Number(row.ballots),
        eligible: Number(row.eligible),
        spentPence: Number(row.spent_pence),
        publishedAt: new Date(row.published_at as string),
      }
    : null;
}

async function resultsSource(round: RoundWithDetails): Promise<Source> {
  const published = await publishedResults(round.id);
  const lines = published
    ? await selectRows<Row>(
        `select i.slug, i.title, c.name as category, l.votes, l.rank, l.round_rank, l.requested_pence,
           l.recommended_funded, l.funded, l.explanation, l.override_reason
         from result_lines l join ideas i on i.id = l.idea_id join round_categories c on c.id = l.category_id
         where l.round_id = $1
         order by c.position, l.rank, i.title`,
        [round.id],
      )
    : [];
  return {
    rows: (async function* () {
      yield* lines;
    })(),
    extra: published
      ? {
          ballots: published.ballots,
          eligible: published.eligible,
          spent_pence: published.spentPence,
          published_at: published.publishedAt.toISOString(),
        }
      : {},
    columns: [
      { key: "slug" },
      { key: "title" },
      { key: "category" },
      { key: "votes" },
      { key: "rank" },
      { key: "round_rank" },
      { key: "requested_pence" },
      { key: "recommended_funded" },
      { key: "funded" },
      { key: "explanation" },
      { key: "override_reason" },
    ],
  };
}

async function scoresSource(round: RoundWithDetails): Promise<Source> {
  // Reviewers are numbered by their first review in the round: the same reviewer is always the
  // same number, and a reviewer added later never renumbers the others.
  const reviews = await selectRows<Row>(
    `with firsts as (select reviewer_id, min(created_at) as first_at from panel_reviews where round_id = $1 group by reviewer_id),
          numbered as (select reviewer_id, row_number() over (order by first_at, reviewer_id)::int as n from firsts)
     select i.slug, i.title, c.name as category, n.n as reviewer, r.scores, r.submitted_at
     from panel_reviews r
     join numbered n on n.reviewer_id = r.reviewer_id
     join ideas i on i.id = r.idea_id
     join round_categories c on c.id = i.category_id
     where r.round_id = $1 and r.status = 'submitted'
     order by c.position, i.title, n.n`,
    [round.id],
  );
  const criteria = round.rubric.map((c, i) => ({ id: String(i), name: c.name, weight: c.weight }));
  const rows = reviews.map((r) => {
    const scores = json<Array<{ criterionId: string; score: number }>>(r.scores, []);
    const byName: Record<string, number | null> = {};
    for (const c of criteria) byName[c.name] = scores.find((s) => s.criterionId === c.id)?.score ?? null;
    const complete = scores.length === criteria.length && Object.values(byName).every((v) => v !== null);
    return {
      proposal_slug: r.slug,
      proposal_title: r.title,
      category: r.category,
      reviewer: `Reviewer ${r.reviewer}`,
      scores: byName,
      ...Object.fromEntries(criteria.map((c) => [`score:${c.id}`, byName[c.name]])),
      weighted_total: complete ? Math.round(weightedTotal(criteria, scores) * 100) / 100 : null,
      submitted_at: r.submitted_at,
    };
  });
  return {
    rows: (async function* () {
      yield* rows;
    })(),
    extra: { criteria: criteria.map((c) => ({ name: c.name, weight: c.weight })) },
    columns: [
      { key: "proposal_slug" },
      { key: "proposal_title" },
      { key: "category" },
      { key: "reviewer" },
      { key: "scores", only: "json" as const },
      ...criteria.map((c) => ({ key: `score:${c.id}`, header: c.name, only: "csv" as const })),
      { key: "weighted_total" },
      { key: "submitted_at" },
    ],
  };
}

async function proposalsSource(round: RoundWithDetails): Promise<Source> {
  const list = await ids(
    `select i.id from ideas i join proposals p on p.idea_id = i.id where i.round_id = $1 order by i.title, i.id`,
    round.id,
  );
  const rows = inBatches(list, async (batch) => {
    const found = await selectRows<Row>(
      `select i.id, i.slug, i.title, i.summary, c.name as category, i.state::text as state,
         lead.name as lead_name, lead.email as lead_email,
         (select coalesce(json_agg(json_build_object('name', u.name, 'email', u.email, 'organisation', u.organisation, 'role', m.role)
                   order by m.role = 'lead' desc, m.joined_at, u.name), '[]'::json)
            from idea_team_members m join users u on u.id = m.user_id where m.idea_id = i.id) as team,
         p.aims_md, p.delivery_md, p.learning_md, p.contribute_md, p.created_at, p.updated_at, p.submitted_at, p.withdrawn_at,
         (select coalesce(json_agg(json_build_object('title', ms.title, 'month', to_char(ms.target_month, 'YYYY-MM')) order by ms.position), '[]'::json)
            from proposal_milestones ms where ms.idea_id = i.id) as milestones,
         (select coalesce(json_agg(json_build_object('description', b.description, 'amount_pence', b.amount_pence) order by b.position), '[]'::json)
            from proposal_budget_lines b where b.idea_id = i.id) as budget_lines
       from ideas i
       join proposals p on p.idea_id = i.id
       join round_categories c on c.id = i.category_id
       left join users lead on lead.id = i.lead_id
       where ${IN_BATCH("i.id")}`,
      [JSON.stringify(batch)],
    );
    return found.map((r) => {
      const lines = json<Array<{ description: string; amount_pence: number }>>(r.budget_lines, []);
      return {
        ...r,
        team: json(r.team, []),
        milestones: json(r.milestones, []),
        budget_lines: lines,
        budget_total_pence: lines.reduce((s, l) => s + Number(l.amount_pence), 0),
      };
    });
  });
  return {
    rows,
    columns: [
      { key: "slug" },
      { key: "title" },
      { key: "summary" },
      { key: "category" },
      { key: "state" },
      { key: "lead_name" },
      { key: "lead_email" },
      {
        key: "team",
        csv: (v) =>
          (v as Array<{ name: string; email: string; role: string }>)
            .map((m) => `${m.name} <${m.email}> (${m.role})`)
            .join("; "),
      },
      { key: "aims_md" },
      { key: "delivery_md" },
      { key: "learning_md" },
      { key: "contribute_md" },
      {
        key: "milestones",
        csv: (v) => (v as Array<{ title: string; month: string }>).map((m) => `${m.month} ${m.title}`).join("; "),
      },
      {
        key: "budget_lines",
        csv: (v) =>
          (v as Array<{ description: string; amount_pence: number }>)
            .map((l) => `${l.description}: ${money(Number(l.amount_pence))}`)
            .join("; "),
      },
      { key: "budget_total_pence" },
      { key: "created_at" },
      { key: "updated_at" },
      { key: "submitted_at" },
      { key: "withdrawn_at" },
    ],
  };
}

const SOURCES: Record<PublicDataset | AdminDataset, (round: RoundWithDetails) => Promise<Source>> = {
  ideas: ideasSource,
  comments: commentsSource,
  results: resultsSource,
  scores: scoresSource,
  proposals: proposalsSource,
};

/** The export as a streamed download. Callers have already checked who may have it. */
export async function roundExport(
  round: RoundWithDetails,
  dataset: PublicDataset | AdminDataset,
  format: ExportFormat,
): Promise<Response> {
  const source = await SOURCES[dataset](round);
  const confidential = dataset === "scores" || dataset === "proposals";
  return exportResponse({
    filename: `q-exchange-${round.slug}-${dataset}.${format}`,
    format,
    confidential,
    columns: source.columns,
    rows: source.rows,
    envelope: {
      round: { slug: round.slug, title: round.title, phase: round.phase },
      dataset,
      title: DATASET_INFO[dataset].title,
      ...(confidential
        ? { notes: "Confidential: for the programme team only. Do not publish or share outside the programme team." }
        : { licence: OPEN_DATA_LICENCE, licence_url: OPEN_DATA_LICENCE_URL, notes: DATASET_INFO[dataset].about }),
      ...source.extra,
    },
  });
}

/** An admin-only export, audited: it carries reviewers' scores or people's email addresses. */
export async function adminRoundExport(
  actor: { id: string; isAdmin: boolean },
  round: RoundWithDetails,
  dataset: AdminDataset,
  format: ExportFormat,
): Promise<Response> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can download this.");
  await recordAudit({
    actorId: actor.id,
    action: "round.data_exported",
    subjectType: "round",
    subjectId: round.id,
    roundId: round.id,
    details: { dataset, format },
  });
  return roundExport(round, dataset, format);
}
