import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { ProposalSections } from "~/components/ideas/proposal-sections";
import { StateBadge } from "~/components/ideas/state-badge";
import { SubmitButton } from "~/components/submit-button";
import { env } from "~/lib/env.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { formatLondonDate } from "~/lib/time";
import { getUser, requireUser } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import { ideaPage } from "~/modules/ideas/idea-queries.server";
import { publishIdea } from "~/modules/ideas/publish-idea.server";
import { closedReason, ideaFromParams, ideaSlugParam, notFound, roundFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { toggleSupport } from "~/modules/ideas/toggle-support.server";
import { VersionSchema } from "~/modules/ideas/validation.server";
import { ideaView, proposalView, teamView } from "~/modules/ideas/views.server";

const SUPPORTABLE = ["published", "submitted", "shortlisted", "not_shortlisted", "funded", "not_funded"];
const EDITABLE = ["draft", "published", "submitted"];

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
    viewer: {
      signedIn: Boolean(user),
      role,
      supported: page.supported,
      canSupport: isMember(user) && (!role || page.supported) && SUPPORTABLE.includes(idea.state) && supportClosed === null,
      supportNote: !user ? null : role ? "You are on the team, so you cannot support your own idea." : !isMember(user) ? "Only members can support ideas." : null,
      supportOpen: SUPPORTABLE.includes(idea.state) && supportClosed === null,
      canEdit: Boolean(role) && EDITABLE.includes(idea.state) && closedReason(round, "editIdea", user) === null,
      canPublish: Boolean(role) && idea.state === "draft" && closedReason(round, "publishIdea", user) === null,
      canWithdraw: role === "lead" && ["submitted", "shortlisted", "not_shortlisted"].includes(idea.state) && closedReason(round, "withdrawProposal", user) === null,
      canWorkOnProposal: Boolean(role) && (idea.state === "published" || idea.state === "submitted") && closedReason(round, "submitProposal", user) === null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  const form = await readForm(request);
  const intent = form.get("intent");
  const path = ideaPath(round.slug, idea.slug);
  try {
    if (intent === "support" || intent === "unsupport") {
      const { supported } = await toggleSupport(user, { ideaId: idea.id, support: intent === "support" });
      return redirectWithFlash(path, supported ? "You support this idea. Thank you." : "You no longer support this idea.");
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
  const { round, idea, team, topics, proposal, revisions, viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/rounds/${round.slug}/ideas/${idea.slug}`;
  return (
    <div>
      <Breadcrumbs items={ideaCrumbs(round, idea)} />
      <p className="caption">{idea.categoryName}</p>
      <h1>{idea.title}</h1>
      <p className="idea-state">
        <StateBadge state={idea.state} />
      </p>
      {idea.summary ? <p className="lede">{idea.summary}</p> : null}
      <ErrorSummary errors={result?.errors} />
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
          <section className="section">
            <h2>The challenge</h2>
            {idea.challengeHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: idea.challengeHtml }} /> : <p className="text-muted">Not written yet.</p>}
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
        </div>

        <aside className="with-sidebar__aside" aria-label="About this idea">
          <dl className="idea-facts">
            <div>
              <dt>Stage</dt>
              <dd>
                <StateBadge state={idea.state} />
              </dd>
            </div>
            <div>
              <dt>Category</dt>
              <dd>{idea.categoryName}</dd>
            </div>
            {idea.publishedAt ? (
              <div>
                <dt>Published</dt>
                <dd>{formatLondonDate(new Date(idea.publishedAt))}</dd>
              </div>
            ) : null}
            {idea.submittedAt ? (
              <div>
                <dt>Proposal submitted</dt>
                <dd>{formatLondonDate(new Date(idea.submittedAt))}</dd>
              </div>
            ) : null}
            {idea.withdrawnAt ? (
              <div>
                <dt>Withdrawn</dt>
                <dd>{formatLondonDate(new Date(idea.withdrawnAt))}</dd>
              </div>
            ) : null}
            <div>
              <dt>Last updated</dt>
              <dd>{formatLondonDate(new Date(idea.updatedAt))}</dd>
            </div>
            <div>
              <dt>Supporters</dt>
              <dd>{idea.supportCount}</dd>
            </div>
          </dl>
          <SupportBox viewer={viewer} back={base} />
          <h2 className="sidebar-heading">More</h2>
          <ul className="link-list">
            {revisions > 0 ? (
              <li>
                <Link to={`${base}/history`}>See the history of changes ({revisions} {revisions === 1 ? "version" : "versions"})</Link>
              </li>
            ) : null}
            {viewer.canEdit ? (
              <li>
                <Link to={`${base}/edit`}>Edit the idea</Link>
              </li>
            ) : null}
            {viewer.role ? (
              <li>
                <Link to={`${base}/team`}>{viewer.role === "lead" ? "Manage the team" : "The team"}</Link>
              </li>
            ) : null}
            {viewer.canWorkOnProposal ? (
              <li>
                <Link to={`${base}/proposal`}>{idea.state === "submitted" ? "Change the proposal" : "Write the proposal"}</Link>
              </li>
            ) : null}
            {viewer.canWithdraw ? (
              <li>
                <Link to={`${base}/withdraw`}>Withdraw the proposal</Link>
              </li>
            ) : null}
            <li>
              <Link to={`/rounds/${round.slug}/ideas`}>All ideas in {round.title}</Link>
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}

type Viewer = ReturnType<typeof useLoaderData<typeof loader>>["viewer"];

function SupportBox({ viewer, back }: { viewer: Viewer; back: string }) {
  if (!viewer.supportOpen) return null;
  if (!viewer.signedIn) {
    return (
      <p>
        <Link to={`/sign-in?redirectTo=${encodeURIComponent(back)}`}>Sign in</Link> to support this idea.
      </p>
    );
  }
  if (!viewer.canSupport) return viewer.supportNote ? <p className="text-muted">{viewer.supportNote}</p> : null;
  return (
    <Form method="post" className="support-form">
      {viewer.supported ? (
        <>
          <p>You support this idea.</p>
          <SubmitButton name="intent" value="unsupport" variant="secondary" pendingText="Updating…">
            Take back your support
          </SubmitButton>
        </>
      ) : (
        <SubmitButton name="intent" value="support" pendingText="Adding your support…">
          Support this idea
        </SubmitButton>
      )}
    </Form>
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
  ];
};
