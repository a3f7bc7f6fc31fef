import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { chairedRounds, reviewerQueue } from "~/modules/panel/queue.server";

const STATE_BADGES: Record<string, string> = {
  "to do": "badge--warning",
  draft: "badge--neutral",
  done: "badge--success",
  recused: "badge--neutral",
  blocked: "badge--danger",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [rows, chaired] = await Promise.all([reviewerQueue(user.id), chairedRounds(user.id)]);
  const rounds = [...new Map(rows.map((r) => [r.roundSlug, r.roundTitle])).entries()].map(([slug, title]) => ({
    slug,
    title,
  }));
  return {
    chaired,
    rounds,
    rows: rows.map((r) => ({ ...r, deadline: formatLondon(r.deadline) })),
  };
}

export default function PanelQueue() {
  const { rows, rounds, chaired } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Your reviews</h1>
      {chaired.map((r) => (
        <p key={r.slug}>
          You chair the panel for {r.title}:{" "}
          <Link to={`/admin/rounds/${r.slug}/shortlist`}>see the ranking and confirm the shortlist</Link>.
        </p>
      ))}
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>
            You have no proposals to review. The programme team assigns them when a round's panel starts shortlisting.
          </p>
        </div>
      ) : (
        <>
          <p>
            Scores are due before voting opens. Other reviewers' scores show on a proposal once you have submitted your
            own.
          </p>
          <div className="table-wrap" role="region" aria-labelledby="queue-caption" tabIndex={0}>
            <table className="table">
              <caption id="queue-caption">Proposals assigned to you, by deadline</caption>
              <thead>
                <tr>
                  <th scope="col">Proposal</th>
                  <th scope="col">Round</th>
                  <th scope="col">Category</th>
                  <th scope="col">State</th>
                  <th scope="col">Due by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.roundSlug}/${r.ideaSlug}`}>
                    <td>
                      {r.canOpen ? <Link to={`/panel/${r.roundSlug}/ideas/${r.ideaSlug}`}>{r.title}</Link> : r.title}
                    </td>
                    <td>{r.roundTitle}</td>
                    <td>{r.category}</td>
                    <td>
                      <span className={`badge ${STATE_BADGES[r.state]}`}>
                        {r.state === "to do" ? "To do" : r.state.charAt(0).toUpperCase() + r.state.slice(1)}
                      </span>
                    </td>
                    <td>{r.deadline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Panel packs</h2>
          <ul>
            {rounds.map((r) => (
              <li key={r.slug}>
                <Link to={`/panel/${r.slug}/pack`}>Print your proposals for {r.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Your reviews");
