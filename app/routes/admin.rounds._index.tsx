import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "~/components/phase-badge";
import { now } from "~/lib/clock";
import { title } from "~/lib/meta";
import { formatLondon, formatRelative } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { listRoundsForAdmin } from "~/modules/rounds/queries.server";
import { nextDeadline } from "~/modules/rounds/timeline";
import { hasReached } from "~/modules/rounds/rules";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const at = now();
  const rounds = await listRoundsForAdmin();
  return {
    rounds: rounds.map((round) => {
      const next = nextDeadline(round, at);
      return {
        slug: round.slug,
        title: round.title,
        phase: round.phase,
        categoryCount: round.categoryCount,
        next: next ? { label: next.label, at: formatLondon(next.at), relative: formatRelative(next.at, at) } : null,
      };
    }),
  };
}

export default function AdminRounds() {
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <div>
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }]} current="Funding rounds" />
      <h1>Funding rounds</h1>
      <p>
        Create a round, set its schedule and rules, and move it through its phases. A new round stays a draft, seen only
        by the programme team, until you open it.
      </p>
      <p>
        <Link to="/admin/rounds/new" className="button">
          Create a round
        </Link>
      </p>
      {rounds.length === 0 ? (
        <div className="empty-state">
          <p>There are no rounds yet. Create the first one to open it for ideas.</p>
        </div>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="rounds-caption" tabIndex={0}>
          <table className="table">
            <caption id="rounds-caption">All rounds, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Phase</th>
                <th scope="col">Next scheduled change</th>
                <th scope="col">Manage</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.slug}>
                  <th scope="row">
                    {round.phase === "draft" ? round.title : <Link to={`/rounds/${round.slug}`}>{round.title}</Link>}
                    <div className="text-muted small">
                      /{round.slug} · {round.categoryCount} {round.categoryCount === 1 ? "category" : "categories"}
                    </div>
                  </th>
                  <td>
                    <PhaseBadge phase={round.phase} />
                  </td>
                  <td>
                    {round.next ? (
                      <>
                        {round.next.label}: {round.next.at} ({round.next.relative})
                      </>
                    ) : (
                      "None scheduled"
                    )}
                  </td>
                  <td>
                    <ul className="inline-links">
                      <li>
                        <Link to={`/admin/rounds/${round.slug}`}>
                          Dashboard<span className="visually-hidden"> of {round.title}</span>
                        </Link>
                      </li>
                      <li>
                        <Link to={`/admin/rounds/${round.slug}/edit`}>
                          Settings<span className="visually-hidden"> of {round.title}</span>
                        </Link>
                      </li>
                      <li>
                        <Link to={`/admin/rounds/${round.slug}/phase`}>
                          Phase<span className="visually-hidden"> of {round.title}</span>
                        </Link>
                      </li>
                      {round.phase === "draft" ? (
                        <>
                          <li>
                            <Link to={`/rounds/${round.slug}`}>
                              Preview<span className="visually-hidden"> {round.title}</span>
                            </Link>
                          </li>
                          <li>
                            <Link to={`/admin/rounds/${round.slug}/delete`}>
                              Delete<span className="visually-hidden"> {round.title}</span>
                            </Link>
                          </li>
                        </>
                      ) : (
                        <>
                          <li>
                            <Link to={`/admin/rounds/${round.slug}/panel`}>
                              Panel<span className="visually-hidden"> of {round.title}</span>
                            </Link>
                          </li>
                          <li>
                            <Link to={`/admin/rounds/${round.slug}/shortlist`}>
                              Shortlist<span className="visually-hidden"> of {round.title}</span>
                            </Link>
                          </li>
                          {round.phase === "voting" ? (
                            <li>
                              <Link to={`/admin/rounds/${round.slug}/paper-ballots`}>
                                Paper ballots<span className="visually-hidden"> for {round.title}</span>
                              </Link>
                            </li>
                          ) : null}
                          {hasReached(round.phase, "results") ? (
                            <li>
                              <Link to={`/admin/rounds/${round.slug}/results`}>
                                Results<span className="visually-hidden"> of {round.title}</span>
                              </Link>
                            </li>
                          ) : null}
                        </>
                      )}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Funding rounds");
