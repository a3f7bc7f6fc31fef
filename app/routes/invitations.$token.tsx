import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { InvitationAnswer } from "~/components/ideas/invitation-answer";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { answerInvitation } from "~/modules/ideas/answer-invitation.server";
import { invitationByToken } from "~/modules/ideas/my-ideas.server";
import { notFound } from "~/modules/ideas/route-context.server";

const NOT_FOUND = "This invitation link is not valid. Check you copied the whole link from the email.";

async function load(request: Request, token: string | undefined) {
  // Signed-out visitors go to sign in (or join) and come back here.
  const user = await requireUser(request);
  const invitation = token && /^[a-z2-7]{20,80}$/.test(token) ? await invitationByToken(token) : null;
  if (!invitation) throw notFound(NOT_FOUND);
  return { user, invitation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, invitation } = await load(request, params.token);
  return {
    invitation: {
      id: invitation.id,
      status: invitation.status,
      ideaTitle: invitation.ideaTitle,
      ideaPath: `/rounds/${invitation.roundSlug}/ideas/${invitation.ideaSlug}`,
      roundTitle: invitation.roundTitle,
      inviterName: invitation.inviterName,
    },
    // The invitation belongs to an address; only someone signed in with it may answer.
    forYou: invitation.email === user.email.toLowerCase(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await load(request, params.token);
  return answerInvitation(user, await readForm(request), "/me/ideas");
}

const ANSWERED = {
  accepted: "This invitation has already been accepted.",
  declined: "This invitation was declined.",
  revoked: "The lead has withdrawn this invitation.",
} as const;

export default function Invitation() {
  const { invitation, forYou } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="ideas-narrow">
      <h1>Join the team for “{invitation.ideaTitle}”</h1>
      <ErrorSummary errors={result?.errors} />
      <p>
        {invitation.inviterName ?? "The lead"} invited you to join the team for this idea in {invitation.roundTitle}.
        Team members edit the idea and its proposal with the lead, and are shown on the idea's page.
      </p>
      {invitation.status !== "pending" ? (
        <p>
          {ANSWERED[invitation.status]} <Link to="/me/ideas">See your ideas</Link>.
        </p>
      ) : !forYou ? (
        <p>
          This invitation was sent to a different email address. Sign out and sign in (or join) with the address the
          email was sent to, then open the link again.
        </p>
      ) : (
        <InvitationAnswer invitationId={invitation.id} ideaTitle={invitation.ideaTitle} />
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Invitation to join a team");
