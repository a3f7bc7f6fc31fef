import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { listMembershipRequests } from "~/modules/accounts/membership.server";
import { moderationCount } from "~/modules/conversation/moderation.server";
import { outboxCounts } from "~/modules/notifications/outbox.server";
import { roundCounts } from "~/modules/rounds/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [requests, outbox, rounds, moderation] = await Promise.all([listMembershipRequests(), outboxCounts(), roundCounts(), moderationCount()]);
  return { pendingMembers: requests.length, outbox, rounds, moderation };
}

export default function AdminHome() {
  const { pendingMembers, outbox, rounds, moderation } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Admin</h1>
      <p>What needs the programme team's attention now.</p>
      <ul className="card-grid">
        <li className="card">
          <h2>
            <Link to="/admin/rounds">Funding rounds</Link>
          </h2>
          <p className="card__number">{rounds.active}</p>
          <p>
            round{rounds.active === 1 ? "" : "s"} open; {rounds.draft} in draft.
          </p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/members">Membership requests</Link>
          </h2>
          <p className="card__number">{pendingMembers}</p>
          <p>{pendingMembers === 1 ? "person is" : "people are"} waiting for a decision.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/moderation">Moderation</Link>
          </h2>
          <p className="card__number">{moderation}</p>
          <p>reported or hidden comment{moderation === 1 ? "" : "s"} to review.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/outbox">Outbox</Link>
          </h2>
          <p className="card__number">{outbox.failed}</p>
          <p>
            email{outbox.failed === 1 ? "" : "s"} failed; {outbox.pending} waiting to send.
          </p>
        </li>
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => title("Admin");
