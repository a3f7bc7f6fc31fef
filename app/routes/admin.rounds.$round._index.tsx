import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { BarChart } from "~/components/charts/bar-chart";
import { NoData } from "~/components/charts/chart-frame";
import { ColumnChart } from "~/components/charts/column-chart";
import { PhaseBadge } from "~/components/phase-badge";
import { title } from "~/lib/meta";
import { formatPence } from "~/lib/money";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { ideaPath } from "~/modules/ideas/paths";
import { roundDashboard } from "~/modules/reporting/dashboard.server";
import {
  ADMIN_DATASETS,
  adminExportPath,
  DATASET_INFO,
  EXPORT_FORMATS,
  PUBLIC_DATASETS,
  publicExportPath,
} from "~/modules/reporting/datasets";
import { busiestDay, shortDay } from "~/modules/reporting/series";
import { roundFromParams } from "~/modules/rounds/queries.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  const dashboard = await roundDashboard(round);
  return { round: { slug: round.slug, title: round.title, phase: round.phase }, dashboard };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : "—");

export default function RoundDashboard() {
  const { round, dashboard: d } = useLoaderData<typeof loader>();
  const t = d.totals;
  const stages = [
    { label: "Ideas", key: "ideas" },
    { label: "Proposals", key: "proposals" },
    { label: "Shortlisted", key: "shortlisted" },
    { label: "Funded", key: "funded" },
  ] as const;
  const ideaPeak = busiestDay(d.ideasPerDay);
  const commentPeak = busiestDay(d.commentsPerDay);
  const reviewsAssigned = d.reviewers.reduce((s, r) => s + r.assigned, 0);
  const reviewsSubmitted = d.reviewers.reduce((s, r) => s + r.submitted, 0);
  const anyScores = d.scores.some((c) => c.counts.some((n) => n > 0));
  return (
    <div className="dashboard">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
        ]}
        current={round.title}
      />
      <span className="caption">Round dashboard</span>
      <h1>{round.title}</h1>
      <p>
        <PhaseBadge phase={round.phase} /> The round so far, in numbers and charts. Each chart has its data in a table
        below it.
      </p>
      <ul className="inline-links">
        <li>
          <Link to={`/admin/rounds/${round.slug}/edit`}>Settings</Link>
        </li>
        <li>
          <Link to={`/admin/rounds/${round.slug}/phase`}>Phase</Link>
        </li>
        {round.phase !== "draft" ? (
          <>
            <li>
              <Link to={`/admin/rounds/${round.slug}/panel`}>Panel</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.slug}/shortlist`}>Shortlist</Link>
            </li>
            <li>
              <Link to={`/rounds/${round.slug}`}>Public page</Link>
            </li>
          </>
        ) : null}
      </ul>

      <h2 className="visually-hidden">Key numbers</h2>
      <ul className="card-grid">
        <Stat value={t.ideas.toLocaleString("en-GB")} label="ideas published" />
        <Stat value={t.proposals.toLocaleString("en-GB")} label="proposals received" />
        <Stat value={t.shortlisted.toLocaleString("en-GB")} label="shortlisted" />
        <Stat value={t.funded.toLocaleString("en-GB")} label="funded" />
        <Stat value={t.comments.toLocaleString("en-GB")} label="comments shown" />
        <Stat value={t.supports.toLocaleString("en-GB")} label="supports" />
        <Stat
          value={d.voters.toLocaleString("en-GB")}
          label={d.eligible ? `voters (${percent(d.voters, d.eligible)} turnout)` : "voters"}
        />
        <Stat value={formatPence(t.requestedPence)} label={`requested of a ${formatPence(d.potPence)} pot`} />
      </ul>

      <section className="section" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">From ideas to funding</h2>
        {t.ideas === 0 ? (
          <NoData title="Funnel by category">No ideas have been published in this round yet.</NoData>
        ) : (
          <BarChart
            id="funnel"
            title="Ideas, proposals, shortlisted and funded, by category"
            description={`${plural(t.ideas, "idea")}, ${plural(t.proposals, "proposal")}, ${t.shortlisted.toLocaleString("en-GB")} shortlisted and ${t.funded.toLocaleString("en-GB")} funded, split by category.`}
            labelName="Stage"
            series={d.funnel.map((c) => ({ name: c.name }))}
            rows={stages.map((s) => ({ label: s.label, values: d.funnel.map((c) => c[s.key]) }))}
          />
        )}
      </section>

      <section className="section" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Activity over time</h2>
        <p className="text-muted">
          By London day.{ideaPeak ? ` Most ideas were published on ${shortDay(ideaPeak.day)} (${ideaPeak.count}).` : ""}
          {commentPeak ? ` The busiest day for comments was ${shortDay(commentPeak.day)} (${commentPeak.count}).` : ""}
        </p>
        {d.ideasPerDay.length === 0 ? (
          <NoData title="Ideas published per day">No ideas have been published yet.</NoData>
        ) : (
          <ColumnChart
            id="ideas-per-day"
            title="Ideas published per day"
            description={`${plural(t.ideas, "idea")} published over ${plural(d.ideasPerDay.length, "day")}${ideaPeak ? `; the most, ${ideaPeak.count}, on ${shortDay(ideaPeak.day)}` : ""}.`}
            labelName="Day"
            valueName="Ideas published"
            points={d.ideasPerDay.map((p) => ({ label: p.day, short: shortDay(p.day), value: p.count }))}
          />
        )}
        {d.commentsPerDay.length === 0 ? (
          <NoData title="Comments per day">Nobody has commented yet.</NoData>
        ) : (
          <ColumnChart
            id="comments-per-day"
            title="Comments per day"
            tone="accent"
            description={`${plural(t.comments, "comment")} over ${plural(d.commentsPerDay.length, "day")}${commentPeak ? `; the most, ${commentPeak.count}, on ${shortDay(commentPeak.day)}` : ""}.`}
            labelName="Day"
            valueName="Comments"
            points={d.commentsPerDay.map((p) => ({ label: p.day, short: shortDay(p.day), value: p.count }))}
          />
        )}
      </section>

      <section className="section" aria-labelledby="engagement-heading">
        <h2 id="engagement-heading">Supports and engagement</h2>
        {d.topIdeas.length === 0 ? (
          <NoData title="Most engaged ideas">No idea has a support or a comment yet.</NoData>
        ) : (
          <>
            <BarChart
              id="engagement"
              title="The ten ideas with the most supports and comments"
              description={`Top idea: ${d.topIdeas[0].title}, with ${plural(d.topIdeas[0].supports, "support")} and ${plural(d.topIdeas[0].comments, "comment")}.`}
              labelName="Idea"
              series={[{ name: "Supports" }, { name: "Comments", tone: "accent" }]}
              rows={d.topIdeas.map((i) => ({ label: i.title, values: [i.supports, i.comments] }))}
            />
            <div className="table-wrap" role="region" aria-labelledby="engagement-caption" tabIndex={0}>
              <table className="table">
                <caption id="engagement-caption">
                  Engagement of the most engaged ideas, including the team&apos;s replies
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Idea</th>
                    <th scope="col" className="num">
                      Supports
                    </th>
                    <th scope="col" className="num">
                      Comments
                    </th>
                    <th scope="col" className="num">
                      Team replies
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.topIdeas.map((i) => (
                    <tr key={i.slug}>
                      <th scope="row">
                        <Link to={ideaPath(round.slug, i.slug)}>{i.title}</Link>
                      </th>
                      <td className="num">{i.supports}</td>
                      <td className="num">{i.comments}</td>
                      <td className="num">{i.teamReplies === 0 ? "None" : i.teamReplies}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="panel-heading">
        <h2 id="panel-heading">Panel</h2>
        {d.reviewers.length === 0 ? (
          <NoData title="Reviewer progress">Nobody is on this round&apos;s panel yet.</NoData>
        ) : (
          <BarChart
            id="reviewers"
            title="Reviews submitted and still to do, per reviewer"
            description={`${reviewsSubmitted} of ${plural(reviewsAssigned, "assigned review")} submitted by ${plural(d.reviewers.length, "reviewer")}.`}
            labelName="Reviewer"
            series={[
              { name: "Submitted", tone: "success" },
              { name: "Still to do", tone: "warning" },
            ]}
            rows={d.reviewers.map((r) => ({
              label: r.isChair ? `${r.name} (chair)` : r.name,
              values: [r.submitted, Math.max(0, r.assigned - r.submitted)],
            }))}
          />
        )}
        {!anyScores ? (
          <NoData title="Score distributions">No review has been submitted yet, so there are no scores to show.</NoData>
        ) : (
          <div className="chart-grid">
            {d.scores.map((c, i) => (
              <ColumnChart
                key={c.criterion}
                id={`scores-${i}`}
                title={`Scores for “${c.criterion}”`}
                description={`How many submitted reviews gave each score from 1 to 5: ${c.counts.map((n, s) => `${s + 1}: ${n}`).join(", ")}.`}
                labelName="Score"
                valueName="Reviews"
                points={c.counts.map((n, s) => ({ label: String(s + 1), value: n }))}
              />
            ))}
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="turnout-heading">
        <h2 id="turnout-heading">Voting turnout</h2>
        {d.turnout.length === 0 ? (
          <NoData title="Turnout over the voting window">Nobody has voted yet.</NoData>
        ) : (
          <ColumnChart
            id="turnout"
            kind="line"
            tone="success"
            title="Members who had voted, by day"
            description={`${plural(d.voters, "member")} voted${d.eligible ? ` of ${d.eligible.toLocaleString("en-GB")} eligible (${percent(d.voters, d.eligible)})` : ""}. A voter counts from the day of their first ballot.`}
            labelName="Day"
            valueName="Voters so far"
            points={d.turnout.map((p) => ({ label: p.day, short: shortDay(p.day), value: p.total }))}
          />
        )}
      </section>

      <section className="section" aria-labelledby="money-heading">
        <h2 id="money-heading">Money requested and the pot</h2>
        {t.proposals === 0 ? (
          <NoData title="Money requested">No proposal has been submitted yet, so nothing has been requested.</NoData>
        ) : (
          <>
            <p>
              Proposals ask for {formatPence(t.requestedPence)} from a pot of {formatPence(d.potPence)} (
              {percent(t.requestedPence, d.potPence)} of it).
              {t.funded > 0 ? ` Funded so far: ${formatPence(t.fundedPence)}.` : ""}
            </p>
            <BarChart
              id="money"
              title="Money requested by submitted proposals, by category, against the pot"
              description={`${formatPence(t.requestedPence)} requested in total against a pot of ${formatPence(d.potPence)}.`}
              labelName="Category"
              format={formatPence}
              reference={{ value: d.potPence, label: `Pot ${formatPence(d.potPence)}` }}
              series={[{ name: "Requested" }]}
              rows={[
                ...d.funnel.map((c) => ({ label: c.name, values: [c.requestedPence] })),
                { label: "All categories", values: [t.requestedPence] },
              ]}
            />
          </>
        )}
      </section>

      <section className="section" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Downloads</h2>
        <p>
          CSV files open in a spreadsheet; JSON is for programs. The <Link to="/data">open data page</Link> explains
          what each holds.
        </p>
        <ul>
          {ADMIN_DATASETS.map((dataset) => (
            <li key={dataset}>
              {DATASET_INFO[dataset].title} (programme team only):{" "}
              {EXPORT_FORMATS.map((format, i) => (
                <span key={format}>
                  {i > 0 ? ", " : ""}
                  <a href={adminExportPath(round.slug, dataset, format)} download>
                    {format.toUpperCase()}
                    <span className="visually-hidden"> of {DATASET_INFO[dataset].title.toLowerCase()}</span>
                  </a>
                </span>
              ))}
            </li>
          ))}
          {round.phase !== "draft"
            ? PUBLIC_DATASETS.filter((dataset) => dataset !== "results").map((dataset) => (
                <li key={dataset}>
                  {DATASET_INFO[dataset].title} (public):{" "}
                  {EXPORT_FORMATS.map((format, i) => (
                    <span key={format}>
                      {i > 0 ? ", " : ""}
                      <a href={publicExportPath(round.slug, dataset, format)} download>
                        {format.toUpperCase()}
                        <span className="visually-hidden"> of {DATASET_INFO[dataset].title.toLowerCase()}</span>
                      </a>
                    </span>
                  ))}
                </li>
              ))
            : null}
        </ul>
      </section>
    </div>
  );
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <li className="card card--stat">
      <span className="card__number">{value}</span>
      <span className="card__label">{label}</span>
    </li>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Dashboard of ${data.round.title}` : "Round dashboard");
