import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "~/components/phase-badge";
import { now } from "~/lib/clock";
import { title } from "~/lib/meta";
import { formatLondon, formatRelative } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { adminAttention } from "~/modules/reporting/attention.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const at = now();
  const attention = await adminAttention(at);
  return {
    ...attention,
    rounds: attention.rounds.map((r) => ({
      ...r,
      nextChange: r.nextChange
        ? {
            label: r.nextChange.label,
            when: formatLondon(r.nextChange.at),
            relative: formatRelative(r.nextChange.at, at),
          }
        : null,
    })),
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export default function AdminHome() {
  const { rounds, pendingMembers, moderation, outbox } = useLoaderData<typeof loader>();
  const dueSoon = rounds.filter((r) => r.nextChange);
  const reviewing = rounds.filter((r) => r.reviews && r.reviews.outstanding > 0);
  return (
    <div>
      <h1>Admin</h1>
      <p>What needs the programme team's attention now.</p>
      <ul className="card-grid">
        <li className="card">
          <h2>
            <Link to="/admin/members">Membership requests</Link>
          </h2>
          <p className="card__number">{pendingMembers}</p>
          <p>{plural(pendingMembers, "person is", "people are")} waiting for a decision.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/moderation">Moderation</Link>
          </h2>
          <p className="card__number">{moderation}</p>
          <p>reported or hidden {plural(moderation, "comment", "comments")} to review.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/outbox">Outbox</Link>
          </h2>
          <p className="card__number">{outbox.failed}</p>
          <p>
            {plural(outbox.failed, "email", "emails")} failed; {outbox.retrying} being retried; {outbox.held} held for
            reading (no mail server).
          </p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/users">People</Link>
          </h2>
          <p>Search accounts, decide membership, make admins, suspend or restore.</p>
          <p>
            <Link to="/admin/audit">Audit log</Link>: every privileged action.
          </p>
          <p>
            <Link to="/admin/security">Sign-in security</Link>: require two-step sign-in of admins and reviewers.
          </p>
        </li>
      </ul>

      <h2>Due to change phase within 7 days</h2>
      {dueSoon.length === 0 ? (
        <p>No round changes phase in the next 7 days.</p>
      ) : (
        <ul className="link-list">
          {dueSoon.map((r) => (
            <li key={r.id}>
              <Link to={`/admin/rounds/${r.slug}/phase`}>{r.title}</Link>: {r.nextChange!.label.toLowerCase()}{" "}
              {r.nextChange!.relative} ({r.nextChange!.when}).
            </li>
          ))}
        </ul>
      )}

      <h2>Reviews outstanding</h2>
      {reviewing.length === 0 ? (
        <p>No round in shortlisting is waiting for reviews.</p>
      ) : (
        <ul className="link-list">
          {reviewing.map((r) => (
            <li key={r.id}>
              <Link to={`/admin/rounds/${r.slug}/panel`}>{r.title}</Link>: {r.reviews!.outstanding} of{" "}
              {r.reviews!.assigned} assigned {plural(r.reviews!.assigned, "review", "reviews")} not yet submitted.
            </li>
          ))}
        </ul>
      )}

      <h2>Every round</h2>
      <p>
        <Link to="/admin/rounds">Funding rounds</Link>: settings, phases, panels, shortlists and results.{" "}
        <Link to="/admin/rounds/new">Set up a round</Link>.
      </p>
      {rounds.length === 0 ? (
        <p>No rounds yet.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="rounds-caption" tabIndex={0}>
          <table className="table">
            <caption id="rounds-caption">Rounds, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Phase</th>
                <th scope="col">Next change (7 days)</th>
                <th scope="col">Reviews outstanding</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/rounds/${r.slug}`}>{r.title}</Link>
                  </th>
                  <td>
                    <PhaseBadge phase={r.phase} />
                  </td>
                  <td>{r.nextChange ? `${r.nextChange.label}: ${r.nextChange.when}` : "—"}</td>
                  <td>{r.reviews ? `${r.reviews.outstanding} of ${r.reviews.assigned}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Admin");
