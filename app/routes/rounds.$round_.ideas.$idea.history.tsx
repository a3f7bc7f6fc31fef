import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { DiffView } from "~/components/ideas/diff-view";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { getUser } from "~/modules/accounts/auth.server";
import { comparison, revisionsOf } from "~/modules/ideas/history.server";
import { isOnTeam } from "~/modules/ideas/permissions";
import { ideaFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";

const version = (v: string | null) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  const onTeam = isOnTeam(user, idea.team);
  const revisions = await revisionsOf(idea.id, onTeam);
  const search = new URL(request.url).searchParams;
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    onTeam,
    revisions: revisions.map((r) => ({
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      authorName: r.authorName,
      authorHandle: r.authorHandle,
      isPublic: r.isPublic,
    })),
    compared: comparison(revisions, version(search.get("from")), version(search.get("to"))),
  };
}

export default function History() {
  const { round, idea, onTeam, revisions, compared } = useLoaderData<typeof loader>();
  const base = `${ideaPath(round.slug, idea.slug)}/history`;
  const label = (v: { version: number; createdAt: string }) =>
    `Version ${v.version}, ${formatLondon(new Date(v.createdAt))}`;
  return (
    <div>
      <Breadcrumbs items={ideaCrumbs(round, idea, "History")} />
      <p className="caption">{idea.title}</p>
      <h1>History of changes</h1>
      <p className="lede">
        Every saved change to a published idea is kept, so anyone can see how it grew with feedback.
        {onTeam ? " As a team member you also see the versions saved while it was a draft." : ""}
      </p>
      {revisions.length === 0 ? (
        <p>There are no public versions yet.</p>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-labelledby="versions-caption" tabIndex={0}>
            <table className="table">
              <caption id="versions-caption">Versions, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Version
                  </th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {revisions.map((r, i) => (
                  <tr key={r.version}>
                    <td className="num">
                      {r.version}
                      {r.isPublic ? "" : " (draft)"}
                    </td>
                    <td>{formatLondon(new Date(r.createdAt))}</td>
                    <td>
                      {r.authorName && r.authorHandle ? (
                        <Link to={`/people/${r.authorHandle}`}>{r.authorName}</Link>
                      ) : (
                        "Former member"
                      )}
                    </td>
                    <td>
                      {i > 0 ? (
                        <Link to={`${base}?from=${revisions[i - 1].version}&to=${r.version}`}>
                          Compare with the version before<span className="visually-hidden"> (version {r.version})</span>
                        </Link>
                      ) : (
                        "First version"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {revisions.length > 1 ? (
            <form method="get" action={base} className="filters" aria-label="Choose two versions to compare">
              <div className="filters__row">
                <VersionSelect
                  name="from"
                  label="Compare version"
                  revisions={revisions}
                  value={compared?.from}
                  format={label}
                />
                <VersionSelect
                  name="to"
                  label="with version"
                  revisions={revisions}
                  value={compared?.to}
                  format={label}
                />
                <button type="submit" className="button">
                  Compare
                </button>
              </div>
            </form>
          ) : null}
          {compared ? (
            <section className="section" aria-labelledby="diff-heading">
              <h2 id="diff-heading">
                Changes from version {compared.from} to version {compared.to}
              </h2>
              <DiffView fields={compared.fields} />
            </section>
          ) : (
            <p>There is only one version so far, so there is nothing to compare.</p>
          )}
        </>
      )}
      <p>
        <Link to={ideaPath(round.slug, idea.slug)}>Back to the idea</Link>
      </p>
    </div>
  );
}

function VersionSelect(props: {
  name: string;
  label: string;
  revisions: { version: number; createdAt: string }[];
  value?: number;
  format: (v: { version: number; createdAt: string }) => string;
}) {
  const id = `field-${props.name}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <select className="select" id={id} name={props.name} defaultValue={props.value}>
        {props.revisions.map((r) => (
          <option key={r.version} value={r.version}>
            {props.format(r)}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `History: ${data.idea.title}` : "History");
