import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { title } from "~/lib/meta";
import { formatLondonDate } from "~/lib/time";
import { plainExcerpt } from "~/modules/delivery/excerpt";
import { pageParam } from "~/modules/delivery/list-params";
import { feedLinks, feedPath, updatePath } from "~/modules/delivery/paths";
import { publishedUpdates, UPDATES_PAGE_SIZE } from "~/modules/delivery/queries.server";
import { ideaPath } from "~/modules/ideas/paths";

// Public: the newest published updates across every project.
export async function loader({ request }: LoaderFunctionArgs) {
  const page = pageParam(new URL(request.url).searchParams);
  const { items, total } = await publishedUpdates({}, UPDATES_PAGE_SIZE, (page - 1) * UPDATES_PAGE_SIZE);
  return {
    page,
    total,
    pageSize: UPDATES_PAGE_SIZE,
    updates: items.map((u) => ({
      key: `${u.roundSlug}/${u.ideaSlug}/${u.number}`,
      href: updatePath(u.roundSlug, u.ideaSlug, u.number),
      projectHref: ideaPath(u.roundSlug, u.ideaSlug),
      title: u.title,
      kind: u.kind,
      projectTitle: u.projectTitle,
      roundTitle: u.roundTitle,
      authorName: u.authorName,
      excerpt: plainExcerpt(u.bodyMd),
      publishedAt: u.publishedAt.toISOString(),
      edited: u.editedAt !== null,
    })),
  };
}

export default function Updates() {
  const { page, total, pageSize, updates } = useLoaderData<typeof loader>();
  const scope = { kind: "all" as const };
  return (
    <div>
      <h1>Project updates</h1>
      <p className="lede">
        What funded teams are doing and learning, newest first. See <Link to="/projects">every funded project</Link>, or
        follow the updates with <a href={feedPath(scope, "rss")}>RSS</a>, <a href={feedPath(scope, "atom")}>Atom</a> or{" "}
        <a href={feedPath(scope, "json")}>JSON Feed</a>.
      </p>
      {updates.length === 0 ? (
        <div className="empty-state">
          <h2>No updates yet</h2>
          <p>Funded teams publish updates here as their projects go on.</p>
        </div>
      ) : (
        <>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={total}
            noun="updates"
            nounSingular="update"
            makeHref={(p) => (p > 1 ? `/updates?page=${p}` : "/updates")}
          />
          <ol className="card-list update-stream">
            {updates.map((u) => (
              <li key={u.key}>
                <article className="card">
                  <h2 className="card__title">
                    <Link to={u.href}>{u.title}</Link>
                  </h2>
                  <p className="card__meta small">
                    {u.kind === "final_report" ? <span className="badge badge--success">Final report</span> : null}{" "}
                    <Link to={u.projectHref}>{u.projectTitle}</Link> ({u.roundTitle}) ·{" "}
                    {formatLondonDate(new Date(u.publishedAt))}
                    {u.authorName ? ` · ${u.authorName}` : ""}
                    {u.edited ? " · edited" : ""}
                  </p>
                  <p className="card__summary">{u.excerpt}</p>
                </article>
              </li>
            ))}
          </ol>
          {total > pageSize ? (
            <Pagination
              page={page}
              pageSize={pageSize}
              total={total}
              noun="updates"
              nounSingular="update"
              makeHref={(p) => (p > 1 ? `/updates?page=${p}` : "/updates")}
              label="Pagination (bottom)"
            />
          ) : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = () => [
  ...title("Project updates"),
  ...feedLinks({ kind: "all" }, "Q Exchange: project updates"),
];
