import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { LeadForms, LeaveForm } from "~/components/ideas/team-forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondonDate } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { handOverLead } from "~/modules/ideas/hand-over-lead.server";
import { pendingInvitationsOf } from "~/modules/ideas/idea-queries.server";
import { inviteMember } from "~/modules/ideas/invite-member.server";
import { roleOn } from "~/modules/ideas/permissions";
import { removeMember } from "~/modules/ideas/remove-member.server";
import { revokeInvitation } from "~/modules/ideas/revoke-invitation.server";
import { closedReason, forbidden, ideaFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import {
  HandOverSchema,
  InvitationChoiceSchema,
  InviteSchema,
  LeaveSchema,
  RemoveMemberSchema,
} from "~/modules/ideas/validation.server";
import { teamView } from "~/modules/ideas/views.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  const role = roleOn(user, idea.team);
  if (!role) throw forbidden("Only the idea's team can see this page.");
  return { user, round, idea, role };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round, idea, role } = await load(request, params);
  const invitations = await pendingInvitationsOf(idea.id);
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title, state: idea.state },
    role,
    me: user.id,
    team: teamView(idea),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt.toISOString() })),
    closed:
      idea.state === "withdrawn"
        ? "This idea has been withdrawn, so its team cannot change."
        : closedReason(round, "editIdea", user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const form = await readForm(request);
  const values = formValues(form);
  const back = `${ideaPath(round.slug, idea.slug)}/team`;
  const intent = form.get("intent");
  try {
    switch (intent) {
      case "invite": {
        const parsed = parseForm(InviteSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        await inviteMember(user, { ideaId: idea.id, email: parsed.data.email });
        return redirectWithFlash(
          back,
          `We have emailed an invitation to ${parsed.data.email}. It waits until they sign in with that address.`,
        );
      }
      case "revoke": {
        const parsed = parseForm(InvitationChoiceSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        const { email } = await revokeInvitation(user, { ideaId: idea.id, invitationId: parsed.data.invitationId });
        return redirectWithFlash(back, `The invitation to ${email} has been withdrawn.`);
      }
      case "remove": {
        const parsed = parseForm(RemoveMemberSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        const { name } = await removeMember(user, { ideaId: idea.id, userId: parsed.data.removeUserId });
        return redirectWithFlash(back, `${name} is no longer on the team.`);
      }
      case "leave": {
        const parsed = parseForm(LeaveSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        await removeMember(user, { ideaId: idea.id, userId: user.id });
        return redirectWithFlash("/me/ideas", `You have left the team for “${idea.title}”.`);
      }
      case "hand-over": {
        const parsed = parseForm(HandOverSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        const { name } = await handOverLead(user, { ideaId: idea.id, userId: parsed.data.leadUserId });
        return redirectWithFlash(back, `${name} now leads the idea. You are still on the team.`);
      }
    }
  } catch (error) {
    const field =
      intent === "hand-over"
        ? "leadUserId"
        : intent === "remove"
          ? "removeUserId"
          : intent === "invite"
            ? "email"
            : "form";
    return domainFailure(error, values, field);
  }
  return formFailure({ form: "Choose an action." }, values);
}

export default function TeamPage() {
  const { round, idea, role, me, team, invitations, closed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = result?.values ?? {};
  const others = team.filter((m) => m.role === "member");
  const lead = role === "lead";
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Team")} />
      <h1>{lead ? "Manage the team" : "The team"}</h1>
      <p className="lede">
        Team members edit the idea and its proposal with the lead. Anyone can join a team; only a member of Q Exchange
        can lead it.
      </p>
      <ErrorSummary errors={errors} />

      <div className="table-wrap" role="region" aria-labelledby="team-caption" tabIndex={0}>
        <table className="table">
          <caption id="team-caption">People on the team for “{idea.title}”</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.userId}>
                <td>
                  <Link to={`/people/${m.handle}`}>{m.name}</Link>
                  {m.userId === me ? " (you)" : ""}
                </td>
                <td>{m.role === "lead" ? "Lead" : m.isMember ? "Team member" : "Team member (not a Q member)"}</td>
                <td>{m.organisation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {invitations.length > 0 ? (
        <section className="section">
          <h2>Invitations waiting for an answer</h2>
          <ul className="invitation-list">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email}, invited {formatLondonDate(new Date(i.createdAt))}
                {lead ? (
                  <Form method="post" className="inline-actions">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="link-button" name="intent" value="revoke">
                      Withdraw<span className="visually-hidden"> the invitation to {i.email}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {closed ? (
        <p>{closed}</p>
      ) : lead ? (
        <LeadForms others={others} values={values} errors={errors} />
      ) : (
        <LeaveForm errors={errors} />
      )}
      <p>
        <Link to={ideaPath(round.slug, idea.slug)}>Back to the idea</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Team: ${data.idea.title}` : "Team");
