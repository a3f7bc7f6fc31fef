import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PROJECT_STATUS_LABELS } from "~/components/delivery/labels";
import { Field } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { formatPence } from "~/lib/money";
import { title } from "~/lib/meta";
import { formatLondonDate } from "~/lib/time";
import { PROJECT_SORTS, parseProjectParams, projectsHref } from "~/modules/delivery/list-params";
import { feedLinks } from "~/modules/delivery/paths";
import { listProjects, projectFilterOptions, PROJECTS_PAGE_SIZE } from "~/modules/delivery/queries.server";
import { ideaPath } from "~/modules/ideas/paths";
import { PROJECT_STATUSES } from "~/modules/delivery/states";
import { SelectField } from "~/components/select-field";

// Public: every funded project, whoever asks; drafts never reach the list or its search.
export async function loader({ request }: LoaderFunctionArgs) {
  const options = await projectFilterOptions();
  const search = parseProjectParams(new URL(request.url).searchParams, {
    rounds: options.rounds.map((r) => r.slug),
    categories: options.categories,
    topics: options.topics,
  });
  const { items, total } = await listProjects(search);
  return {
    options,
    search,
    total,
    pageSize: PROJECTS_PAGE_SIZE,
    round: options.rounds.find((r) => r.slug === search.round) ?? null,
    projects: items.map((p) => ({ ...p, lastUpdateAt: p.lastUpdateAt?.toISOString() ?? null })),
  };
}

export default function Projects() {
  const { options, search, total, pageSize, projects } = useLoaderData<typeof loader>();
  const filtered = Boolean(
    search.q || search.round || search.category || search.topic || search.status || search.report,
  );
  return (
    <div>
      <h1>Funded projects</h1>
      <p className="lede">
        Every project Q Exchange has funded, and what it has done with the money. Search their proposals, updates and
        final reports. <Link to="/updates">Read the newest updates</Link>.
      </p>
      <form method="get" action="/projects" className="filters" role="search" aria-label="Search and filter projects">
        <div className="filters__row">
          <Field label="Search projects and their updates" name="q" type="search" defaultValue={search.q} />
        </div>
        <div className="filters__row">
          <SelectField
            label="Round"
            name="round"
            value={search.round}
            all="All rounds"
            options={options.rounds.map((r) => ({ value: r.slug, label: r.title }))}
          />
          <SelectField
            label="Category"
            name="category"
            value={search.category}
            all="All categories"
            options={options.categories.map((c) => ({ value: c, label: c }))}
          />
          <SelectField
            label="Topic"
            name="topic"
            value={search.topic}
            all="All topics"
            options={options.topics.map((t) => ({ value: t, label: t }))}
          />
          <SelectField
            label="Status"
            name="status"
            value={search.status}
            all="Any status"
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))}
          />
          <SelectField
            label="Sort by"
            name="sort"
            value={search.sort}
            options={[
              ...(search.q ? [{ value: "relevance", label: "Best match" }] : []),
              ...Object.entries(PROJECT_SORTS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </div>
        <div className="filters__row">
          <div className="checkbox">
            <input
              className="checkbox__input"
              type="checkbox"
              id="field-report"
              name="report"
              value="yes"
              defaultChecked={search.report}
            />
            <label className="checkbox__label" htmlFor="field-report">
              Only projects with a final report
            </label>
          </div>
          <button type="submit" className="button">
            Show projects
          </button>
        </div>
        {filtered ? (
          <p className="filters__clear">
            <Link to="/projects">Clear search and filters</Link>
          </p>
        ) : null}
      </form>

      {projects.length === 0 ? (
        <div className="empty-state">
          <h2>No projects found</h2>
          {filtered ? (
            <p>
              Nothing matches this search. Try fewer words or other filters, or{" "}
              <Link to="/projects">see every project</Link>.
            </p>
          ) : (
            <p>No projects have been funded yet. They appear here when a round publishes its results.</p>
          )}
        </div>
      ) : (
        <>
          <Pagination
            page={search.page}
            pageSize={pageSize}
            total={total}
            noun="projects"
            nounSingular="project"
            makeHref={(page) => projectsHref(search, { page })}
          />
          <ul className="card-list">
            {projects.map((p) => (
              <li key={p.id}>
                <article className="card project-card">
                  <h2 className="card__title">
                    <Link to={ideaPath(p.roundSlug, p.ideaSlug)}>{p.title}</Link>
                  </h2>
                  <p className="card__summary">{p.summary}</p>
                  <p className="card__meta small">
                    <span className={`badge ${p.status === "completed" ? "badge--success" : "badge--accent"}`}>
                      {PROJECT_STATUS_LABELS[p.status]}
                    </span>{" "}
                    {p.hasFinalReport ? <span className="badge badge--success">Final report</span> : null}{" "}
                    {p.roundTitle} · {p.categoryName} · led by {p.leadName} · {formatPence(p.awardPence)} ·{" "}
                    {p.updateCount === 1 ? "1 update" : `${p.updateCount} updates`}
                    {p.lastUpdateAt ? `, the last on ${formatLondonDate(new Date(p.lastUpdateAt))}` : ""}
                  </p>
                </article>
              </li>
            ))}
          </ul>
          {total > pageSize ? (
            <Pagination
              page={search.page}
              pageSize={pageSize}
              total={total}
              noun="projects"
              nounSingular="project"
              makeHref={(page) => projectsHref(search, { page })}
              label="Pagination (bottom)"
            />
          ) : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...title("Funded projects"),
  ...(data?.round
    ? feedLinks({ kind: "round", roundSlug: data.round.slug }, `${data.round.title}: project updates`)
    : feedLinks({ kind: "all" }, "Q Exchange: project updates")),
];
