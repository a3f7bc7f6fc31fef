// Everything the round dashboard shows, aggregated in the database: a fixed number of queries
// (six) whatever the size of the round. Returns plain numbers and labels; the page draws them.
import { now } from "~/lib/clock";
import type { RoundWithDetails } from "~/modules/rounds/queries.server";
import { fillDays, londonDay, runningTotals, type DayCount } from "./series";
import { selectRows } from "./sql.server";

export type CategoryFunnel = {
  categoryId: string;
  name: string;
  ideas: number;
  proposals: number;
  shortlisted: number;
  funded: number;
  /** Budget totals of the proposals received (submitted, whatever happened to them after). */
  requestedPence: number;
  fundedPence: number;
};

export type TopIdea = { slug: string; title: string; supports: number; comments: number; teamReplies: number };
export type ReviewerProgress = { name: string; isChair: boolean; assigned: number; submitted: number };
export type CriterionDistribution = { criterion: string; counts: [number, number, number, number, number] };

export type Dashboard = {
  funnel: CategoryFunnel[];
  totals: Omit<CategoryFunnel, "categoryId" | "name"> & { supports: number; comments: number };
  ideasPerDay: DayCount[];
  commentsPerDay: DayCount[];
  topIdeas: TopIdea[];
  reviewers: ReviewerProgress[];
  scores: CriterionDistribution[];
  /** Distinct voters by the London day of their first ballot, with running totals. */
  turnout: Array<DayCount & { total: number }>;
  voters: number;
  /** Members eligible to vote: as sealed, or approved members now while voting is open. */
  eligible: number | null;
  potPence: number;
};

// A proposal was received when it was submitted, whatever happened to it after (not a withdrawal).
const RECEIVED = `('submitted', 'shortlisted', 'not_shortlisted', 'funded', 'not_funded')`;
const SHORTLISTED = `('shortlisted', 'funded', 'not_funded')`;

export async function roundDashboard(round: RoundWithDetails): Promise<Dashboard> {
  const id = round.id;
  const [funnelRows, dayRows, topRows, reviewerRows, scoreRows, turnoutRows] = await Promise.all([
    selectRows<Record<string, unknown>>(
      `select c.id as category_id, c.name,
         count(i.id) filter (where i.state <> 'draft')::int as ideas,
         count(i.id) filter (where i.state in ${RECEIVED})::int as proposals,
         count(i.id) filter (where i.state in ${SHORTLISTED})::int as shortlisted,
         count(i.id) filter (where i.state = 'funded')::int as funded,
         coalesce(sum(b.total) filter (where i.state in ${RECEIVED}), 0)::float8 as requested,
         coalesce(sum(b.total) filter (where i.state = 'funded'), 0)::float8 as funded_pence,
         coalesce(sum(i.support_count) filter (where i.state <> 'draft'), 0)::int as supports
       from round_categories c
       left join ideas i on i.category_id = c.id
       left join (select idea_id, sum(amount_pence) as total from proposal_budget_lines group by idea_id) b on b.idea_id = i.id
       where c.round_id = $1
       group by c.id, c.name, c.position
       order by c.position`,
      [id],
    ),
    // London days: an idea published at 00:30 BST on the 1st belongs to the 1st.
    selectRows<{ kind: string; day: string; n: number }>(
      `select 'idea' as kind, to_char(i.published_at at time zone 'Europe/London', 'YYYY-MM-DD') as day, count(*)::int as n
         from ideas i where i.round_id = $1 and i.published_at is not null and i.state <> 'draft' group by 2
       union all
       select 'comment', to_char(c.created_at at time zone 'Europe/London', 'YYYY-MM-DD'), count(*)::int
         from comments c join ideas i on i.id = c.idea_id
         where i.round_id = $1 and i.state <> 'draft' and c.deleted_at is null and c.hidden_at is null group by 2`,
      [id],
    ),
    selectRows<Record<string, unknown>>(
      `select i.slug, i.title, i.support_count as supports, i.comment_count as comments,
         (select count(*) from comments c join idea_team_members t on t.idea_id = c.idea_id and t.user_id = c.author_id
           where c.idea_id = i.id and c.deleted_at is null and c.hidden_at is null)::int as team_replies
       from ideas i
       where i.round_id = $1 and i.state <> 'draft' and i.support_count + i.comment_count > 0
       order by i.support_count + i.comment_count desc, i.title
       limit 10`,
      [id],
    ),
    selectRows<Record<string, unknown>>(
      `select u.name, pm.is_chair,
         (select count(*) from panel_assignments a where a.round_id = pm.round_id and a.reviewer_id = pm.user_id)::int as assigned,
         (select count(*) from panel_reviews r where r.round_id = pm.round_id and r.reviewer_id = pm.user_id and r.status = 'submitted')::int as submitted
       from panel_members pm join users u on u.id = pm.user_id
       where pm.round_id = $1
       order by pm.is_chair desc, u.name`,
      [id],
    ),
    selectRows<{ criterion: string; score: number; n: number }>(
      `select s ->> 'criterionId' as criterion, (s ->> 'score')::int as score, count(*)::int as n
       from panel_reviews r cross join lateral jsonb_array_elements(r.scores) s
       where r.round_id = $1 and r.status = 'submitted'
       group by 1, 2`,
      [id],
    ),
    // A voter counts once, from their first ballot: replacing a ballot is not turning out again.
    selectRows<Record<string, unknown>>(
      `select f.day, count(*)::int as n,
         (select eligible from ledger_seals where round_id = $1) as sealed_eligible,
         (select count(*) from users where membership = 'approved' and suspended_at is null)::int as members
       from (select to_char(min(at) at time zone 'Europe/London', 'YYYY-MM-DD') as day
             from ballot_ledger where round_id = $1 group by voter_ref) f
       group by f.day
       order by f.day`,
      [id],
    ),
  ]);

  const funnel: CategoryFunnel[] = funnelRows.map((r) => ({
    categoryId: String(r.category_id),
    name: String(r.name),
    ideas: Number(r.ideas),
    proposals: Number(r.proposals),
    shortlisted: Number(r.shortlisted),
    funded: Number(r.funded),
    requestedPence: Number(r.requested),
    fundedPence: Number(r.funded_pence),
  }));
  const sum = (key: keyof Omit<CategoryFunnel, "categoryId" | "name">) =>
    funnel.reduce((total, c) => total + c[key], 0);

  const ideaDays = dayRows.filter((r) => r.kind === "idea").map((r) => ({ day: r.day, count: Number(r.n) }));
  const commentDays = dayRows.filter((r) => r.kind === "comment").map((r) => ({ day: r.day, count: Number(r.n) }));
  const today = londonDay(now());
  const ideasRange = { first: londonDay(round.ideasOpensAt), last: minDay(today, londonDay(round.proposalsOpensAt)) };

  const criteria = round.rubric.map((c) => c.name);
  const scores: CriterionDistribution[] = criteria.map((criterion, index) => {
    const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const row of scoreRows) {
      const score = Number(row.score);
      if (row.criterion === String(index) && score >= 1 && score <= 5) counts[score - 1] += Number(row.n);
    }
    return { criterion, counts };
  });

  const turnoutDays = turnoutRows.map((r) => ({ day: String(r.day), count: Number(r.n) }));
  const votingRange = { first: londonDay(round.votingOpensAt), last: minDay(today, londonDay(round.votingClosesAt)) };
  const turnout = runningTotals(fillDays(turnoutDays, votingRange));
  const sealedEligible = turnoutRows[0]?.sealed_eligible;
  const voters = turnoutDays.reduce((total, d) => total + d.count, 0);

  return {
    funnel,
    totals: {
      ideas: sum("ideas"),
      proposals: sum("proposals"),
      shortlisted: sum("shortlisted"),
      funded: sum("funded"),
      requestedPence: sum("requestedPence"),
      fundedPence: sum("fundedPence"),
      supports: funnelRows.reduce((total, r) => total + Number(r.supports), 0),
      comments: commentDays.reduce((total, d) => total + d.count, 0),
    },
    ideasPerDay: fillDays(ideaDays, ideasRange),
    commentsPerDay: fillDays(commentDays, {
      first: ideasRange.first,
      last: minDay(today, londonDay(round.votingClosesAt)),
    }),
    topIdeas: topRows.map((r) => ({
      slug: String(r.slug),
      title: String(r.title),
      supports: Number(r.supports),
      comments: Number(r.comments),
      teamReplies: Number(r.team_replies),
    })),
    reviewers: reviewerRows.map((r) => ({
      name: String(r.name),
      isChair: Boolean(r.is_chair),
      assigned: Number(r.assigned),
      submitted: Number(r.submitted),
    })),
    scores,
    turnout,
    voters,
    eligible:
      voters === 0 ? null : sealedEligible != null ? Number(sealedEligible) : Number(turnoutRows[0]?.members ?? 0),
    potPence: round.potPence,
  };
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
