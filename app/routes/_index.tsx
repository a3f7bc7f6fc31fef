import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { now } from "~/lib/clock";
import { formatLondon, formatRelative } from "~/lib/time";
import { getUser } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import { PHASE_LABELS } from "~/modules/rounds/model";
import { currentRound } from "~/modules/rounds/queries.server";
import { nextDeadline } from "~/modules/rounds/timeline";
import { ROLE_NAMES, whatsOn, type Role } from "~/modules/rounds/whats-on";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await currentRound();
  const at = now();
  // Team leads and reviewers are known only once ideas and panels exist; until then a person is
  // shown as the broadest role we can tell.
  const you: Role = !user ? "visitor" : user.isAdmin ? "admin" : isMember(user) ? "member" : "account";
  const next = round ? nextDeadline(round, at) : null;
  return {
    signedIn: Boolean(user),
    member: isMember(user),
    pending: user?.membership === "pending",
    you,
    round: round
      ? {
          slug: round.slug,
          title: round.title,
          phase: PHASE_LABELS[round.phase],
          next: next ? { label: next.label, at: formatLondon(next.at), relative: formatRelative(next.at, at) } : null,
          guidance: whatsOn(round, at).map((g) => ({
            role: g.role,
            who: ROLE_NAMES[g.role],
            can: g.can,
            by: g.by ? `${formatLondon(g.by)} (${formatRelative(g.by, at)})` : null,
            next: g.next,
          })),
        }
      : null,
  };
}

export default function Home() {
  const { signedIn, member, pending, you, round } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="prose">
        <h1>Q Exchange</h1>
        <p className="lede">
          Q Exchange is how the Q community funds its own ideas for improving health and care. Members post ideas,
          everyone can join the conversation, a panel shortlists, members vote, and funded teams share what they learn
          in public.
        </p>
        <h2>What's on now</h2>
      </div>
      {round ? (
        <>
          <p className="lede">
            <Link to={`/rounds/${round.slug}`}>{round.title}</Link> is in its {round.phase.toLowerCase()} phase.
            {round.next ? (
              <>
                {" "}
                {round.next.label} at {round.next.at} ({round.next.relative}).
              </>
            ) : null}
          </p>
          <ul className="card-list whats-on">
            {round.guidance.map((g) => (
              <li key={g.role} className={g.role === you ? "card whats-on__you" : "card"}>
                <h3 className="card__title">
                  {g.who}
                  {g.role === you ? (
                    <>
                      {" "}
                      <span className="badge badge--accent">You</span>
                    </>
                  ) : null}
                </h3>
                <p>{g.can}</p>
                {g.by ? <p className="text-muted">By {g.by}</p> : null}
                <p className="whats-on__next">
                  {g.next.href ? <Link to={g.next.href}>{g.next.text}</Link> : <strong>{g.next.text}</strong>}
                </p>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/rounds">All funding rounds</Link>
          </p>
        </>
      ) : (
        <div className="prose">
          <p>
            No funding round is open at the moment. When one opens, you will find it here with what you can do and by
            when.
          </p>
          <h2>Get ready</h2>
          {!signedIn ? (
            <p>
              <Link to="/join" className="button">
                Create an account
              </Link>{" "}
              or <Link to="/sign-in">sign in</Link>. Members of the Q community can lead ideas and vote; anyone with an
              account can comment.
            </p>
          ) : member ? (
            <p>You are a member, so you will be able to post ideas, support them and vote when the next round opens.</p>
          ) : pending ? (
            <p>
              Your membership request is with the programme team. Meanwhile, you will be able to comment when a round
              opens.
            </p>
          ) : (
            <p>
              You can comment once a round opens. To lead ideas and vote, <Link to="/me">apply to be a member</Link>.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Q Exchange – community funding for health and care improvement" },
  {
    name: "description",
    content: "Post improvement ideas, discuss them, vote, and follow funded projects in the Q community.",
  },
];
