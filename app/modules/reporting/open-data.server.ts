// What the open-data page lists: each public round with the size of each export, in one query.
import { selectRows } from "./sql.server";
import type { Phase } from "~/modules/rounds/rules";

export type OpenDataRound = {
  slug: string;
  title: string;
  phase: Phase;
  ideas: number;
  comments: number;
  resultLines: number;
  resultsPublished: boolean;
  /** The ballot ledger is sealed: its anonymised download exists. */
  sealed: boolean;
  /** For the programme team's section. */
  proposals: number;
  reviews: number;
};

/** Rounds past draft, newest first; with `includeDrafts` (admins) drafts too. */
export async function openDataRounds(includeDrafts: boolean): Promise<OpenDataRound[]> {
  const rows = await selectRows<Record<string, unknown>>(
    `select r.slug, r.title, r.phase::text as phase,
       (select count(*) from ideas i where i.round_id = r.id and i.state <> 'draft')::int as ideas,
       (select count(*) from comments c join ideas i on i.id = c.idea_id
         where i.round_id = r.id and i.state <> 'draft' and c.deleted_at is null and c.hidden_at is null)::int as comments,
       (select count(*) from result_lines l where l.round_id = r.id)::int as result_lines,
       exists (select 1 from round_results rr where rr.round_id = r.id and rr.published_at is not null) as results_published,
       exists (select 1 from ledger_seals s where s.round_id = r.id) as sealed,
       (select count(*) from ideas i join proposals p on p.idea_id = i.id where i.round_id = r.id)::int as proposals,
       (select count(*) from panel_reviews pr where pr.round_id = r.id and pr.status = 'submitted')::int as reviews
     from rounds r
     where $1 or r.phase <> 'draft'
     order by r.ideas_opens_at desc`,
    [includeDrafts],
  );
  return rows.map((r) => ({
    slug: String(r.slug),
    title: String(r.title),
    phase: r.phase as Phase,
    ideas: Number(r.ideas),
    comments: Number(r.comments),
    resultLines: Number(r.result_lines),
    resultsPublished: Boolean(r.results_published),
    sealed: Boolean(r.sealed),
    proposals: Number(r.proposals),
    reviews: Number(r.reviews),
  }));
}
