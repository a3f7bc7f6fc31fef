import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Conversation, commentFailure } from "~/components/conversation/comment-thread";
import { ProjectSection } from "~/components/delivery/project-section";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { ProposalSections } from "~/components/ideas/proposal-sections";
import { IdeaSidebar } from "~/components/ideas/idea-sidebar";
import { StateBadge } from "~/components/ideas/state-badge";
import { SubmitButton } from "~/components/submit-button";
import { env } from "~/lib/env.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { getUser, requireUser } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import { conversationAction, conversationData } from "~/modules/conversation/idea-page.server";
import { projectSection } from "~/modules/delivery/idea-page.server";
import { feedLinks } from "~/modules/delivery/paths";
import { ideaPage } from "~/modules/ideas/idea-queries.server";
import { EDITABLE_STATES, inStates, SUPPORTABLE_STATES, WITHDRAWABLE_STATES } from "~/modules/ideas/limits";
import { publishIdea } from "~/modules/ideas/publish-idea.server";
import {
  closedReason,
  ideaFromParams,
  ideaSlugParam,
  notFound,
  roundFromParams,
} from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { toggleSupport } from "~/modules/ideas/toggle-support.server";
import { VersionSchema } from "~/modules/ideas/validation.server";
import { ideaView, proposalView, teamView } from "~/modules/ideas/views.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params, user);
  const page = await ideaPage(round.id, ideaSlugParam(params), user);
  if (!page) throw notFound("There is no idea at this address.");
  const { idea, role } = page;
  const supportClosed = closedReason(round, "support", user);
  const path = ideaPath(round.slug, idea.slug);
  return {
    round: { slug: round.slug, title: round.title, maxAwardPence: round.maxAwardPence },
    idea: ideaView(idea),
    team: teamView(idea),
    topics: page.topics.map((t) => t.name),
    proposal: page.proposal ? proposalView(page.proposal) : null,
    revisions: page.revisions,
    url: `${env().APP_URL}${path}`,
    path,
    conversation: await conversationData(request, round, idea, user),
    project: await projectSection(round, idea, role, user),
    viewer: {
      signedIn: Boolean(user),
      role,
      supported: page.supported,
      canSupport:
        isMember(user) &&
        (!role || page.supported) &&
        inStates(SUPPORTABLE_STATES, idea.state) &&
        supportClosed === null,
      supportNote: !user
        ? null
        : role
          ? "You are on the team, so you cannot support your own idea."
          : !isMember(user)
            ? "Only members can support ideas."
            : null,
      supportOpen: inStates(SUPPORTABLE_STATES, idea.state) && supportClosed === null,
      canEdit: Boolean(role) && inStates(EDITABLE_STATES, idea.state) && closedReason(round, "editIdea", user) === null,
      canPublish: Boolean(role) && idea.state === "draft" && closedReason(round, "publishIdea", user) === null,
      canWithdraw:
        role === "lead" &&
        inStates(WITHDRAWABLE_STATES, idea.state) &&
        closedReason(round, "withdrawProposal", user) === null,
      canWorkOnProposal:
        Boolean(role) &&
        (idea.state === "published" || idea.state === "submitted") &&
        closedReason(round, "submitProposal", user) === null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  const form = await readForm(request);
  const intent = form.get("intent");
  const path = ideaPath(round.slug, idea.slug);
  const conversation = await conversationAction(user, idea, path, form);
  if (conversation) return conversation;
  try {
    if (intent === "support" || intent === "unsupport") {
      const { supported } = await toggleSupport(user, { ideaId: idea.id, support: intent === "support" });
      return redirectWithFlash(
        path,
        supported ? "You support this idea. Thank you." : "You no longer support this idea.",
      );
    }
    if (intent === "publish") {
      const parsed = parseForm(VersionSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, {});
      await publishIdea(user, { ideaId: idea.id, version: parsed.data.version });
      return redirectWithFlash(path, "Your idea is published. Everyone can now read, support and comment on it.");
    }
  } catch (error) {
    return domainFailure(error, {});
  }
  return formFailure({ form: "Choose an action." }, {});
}

export default function IdeaPage() {
  const { round, idea, team, topics, proposal, revisions, viewer, conversation, path, project } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <Breadcrumbs items={ideaCrumbs(round, idea)} />
      <p className="caption">{idea.categoryName}</p>
      <h1>{idea.title}</h1>
      <p className="idea-state">
        <StateBadge state={idea.state} />
      </p>
      {idea.summary ? <p className="lede">{idea.summary}</p> : null}
      {/* Comment forms show their own errors beside the text. */}
      <ErrorSummary errors={commentFailure(result) ? undefined : result?.errors} />
      {idea.state === "draft" ? (
        <div className="card idea-draft-note">
          <h2 className="card__title">This is a draft</h2>
          <p>Only your team can see it. Publish it when it is ready for everyone to read, support and comment on.</p>
          {viewer.canPublish ? (
            <Form method="post">
              <input type="hidden" name="version" value={idea.version} />
              <SubmitButton name="intent" value="publish" pendingText="Publishing…">
                Publish idea
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      ) : null}

      <div className="with-sidebar">
        <div className="with-sidebar__main">
          {project ? <ProjectSection project={project} round={round} idea={idea} /> : null}
          <section className="section">
            <h2>The challenge</h2>
            {idea.challengeHtml ? (
              <div className="prose" dangerouslySetInnerHTML={{ __html: idea.challengeHtml }} />
            ) : (
              <p className="text-muted">Not written yet.</p>
            )}
          </section>
          {topics.length > 0 ? (
            <section className="section">
              <h2>Topics</h2>
              <ul className="topic-list">
                {topics.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {proposal ? (
            <div className="idea-proposal">
              <h2 className="idea-proposal__title">The proposal</h2>
              <ProposalSections proposal={proposal} maxAwardPence={round.maxAwardPence} />
            </div>
          ) : null}
          <section className="section">
            <h2>Meet the team</h2>
            <ul className="team-list">
              {team.map((m) => (
                <li key={m.handle}>
                  <Link to={`/people/${m.handle}`}>{m.name}</Link>
                  {m.role === "lead" ? <strong> (lead)</strong> : null}
                  <div className="text-muted small">{[m.jobTitle, m.organisation].filter(Boolean).join(", ")}</div>
                </li>
              ))}
            </ul>
          </section>
          {idea.state !== "draft" ? (
            <Conversation data={conversation} path={path} failure={commentFailure(result)} />
          ) : null}
        </div>

        <IdeaSidebar round={round} idea={idea} revisions={revisions} viewer={viewer} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Idea not found – Q Exchange" }];
  const description = data.idea.summary || `An idea in ${data.round.title} on Q Exchange.`;
  return [
    { title: `${data.idea.title} – Q Exchange` },
    { name: "description", content: description },
    { property: "og:type", content: "article" },
    { property: "og:title", content: data.idea.title },
    { property: "og:description", content: description },
    { property: "og:url", content: data.url },
    { property: "og:site_name", content: "Q Exchange" },
    { name: "twitter:card", content: "summary" },
    ...(data.idea.state === "draft" ? [{ name: "robots", content: "noindex" }] : []),
    ...(data.project
      ? feedLinks(
          { kind: "project", roundSlug: data.round.slug, ideaSlug: data.idea.slug },
          `${data.idea.title}: updates`,
        )
      : []),
  ];
};
