import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { InvitationAnswer } from "~/components/ideas/invitation-answer";
import { StateBadge } from "~/components/ideas/state-badge";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondonDate } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { answerInvitation } from "~/modules/ideas/answer-invitation.server";
import { myIdeas, pendingInvitationsFor } from "~/modules/ideas/my-ideas.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [ideas, invitations] = [await myIdeas(user.id), await pendingInvitationsFor(user.email)];
  return {
    ideas: ideas.map((i) => ({
      slug: i.slug,
      title: i.title,
      state: i.state,
      role: i.role,
      updatedAt: i.updatedAt.toISOString(),
      roundSlug: i.roundSlug,
      roundTitle: i.roundTitle,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      ideaTitle: i.ideaTitle,
      ideaSlug: i.ideaSlug,
      ideaState: i.ideaState,
      roundSlug: i.roundSlug,
      roundTitle: i.roundTitle,
      inviterName: i.inviterName,
      createdAt: i.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return answerInvitation(user, await readForm(request), "/me/ideas");
}

export default function MyIdeas() {
  const { ideas, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const drafts = ideas.filter((i) => i.state === "draft");
  const others = ideas.filter((i) => i.state !== "draft");
  return (
    <div>
      <h1>Your ideas</h1>
      <ErrorSummary errors={result?.errors} />
      {invitations.length > 0 ? (
        <section className="section">
          <h2>Invitations to join a team</h2>
          <ul className="card-list">
            {invitations.map((i) => (
              <li key={i.id} className="card">
                <h3 className="card__title">
                  {i.ideaState === "draft" ? (
                    i.ideaTitle
                  ) : (
                    <Link to={`/rounds/${i.roundSlug}/ideas/${i.ideaSlug}`}>{i.ideaTitle}</Link>
                  )}
                </h3>
                <p>
                  {i.inviterName ?? "The lead"} invited you on {formatLondonDate(new Date(i.createdAt))} to join the
                  team for this idea in {i.roundTitle}.
                </p>
                <InvitationAnswer invitationId={i.id} ideaTitle={i.ideaTitle} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <IdeaTable id="drafts-caption" caption="Drafts (only your team can see these)" ideas={drafts} empty={null} />
      <IdeaTable
        id="published-caption"
        caption="Published ideas and proposals"
        ideas={others}
        empty={drafts.length === 0 ? <EmptyState /> : null}
      />
    </div>
  );
}

function EmptyState() {
  return (
    <div className="empty-state">
      <h2>You have no ideas yet</h2>
      <p>Ideas you lead or join appear here. Members can share an idea while a round is open for ideas.</p>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["ideas"][number];

function IdeaTable({
  id,
  caption,
  ideas,
  empty,
}: {
  id: string;
  caption: string;
  ideas: Row[];
  empty: React.ReactNode;
}) {
  if (ideas.length === 0) return <>{empty}</>;
  return (
    <div className="table-wrap section" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Idea</th>
            <th scope="col">Round</th>
            <th scope="col">Stage</th>
            <th scope="col">Your role</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {ideas.map((i) => (
            <tr key={`${i.roundSlug}/${i.slug}`}>
              <td>
                <Link to={`/rounds/${i.roundSlug}/ideas/${i.slug}`}>{i.title}</Link>
              </td>
              <td>{i.roundTitle}</td>
              <td>
                <StateBadge state={i.state} />
              </td>
              <td>{i.role === "lead" ? "Lead" : "Team member"}</td>
              <td>{formatLondonDate(new Date(i.updatedAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction = () => title("Your ideas");
