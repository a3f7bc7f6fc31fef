import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Conversation, commentFailure } from "~/components/conversation/comment-thread";
import { UPDATE_KIND_LABELS } from "~/components/delivery/labels";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { env } from "~/lib/env.server";
import { formFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon, formatLondonDate } from "~/lib/time";
import { getUser, requireUser } from "~/modules/accounts/auth.server";
import { conversationAction } from "~/modules/conversation/idea-page.server";
import { MILESTONE_STATUS_LABELS } from "~/modules/delivery/milestones";
import { editUpdatePath, feedLinks, updatePath } from "~/modules/delivery/paths";
import { updateFromParams, updatePage } from "~/modules/delivery/update-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await updatePage(request, params, user);
  const path = updatePath(page.round.slug, page.idea.slug, page.update.number);
  return { ...page, path, url: `${env().APP_URL}${path}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { round, idea, update } = await updateFromParams(params, user);
  const form = await readForm(request);
  const path = updatePath(round.slug, idea.slug, update.number);
  const result = await conversationAction(user, idea, path, form, update.id);
  return result ?? formFailure({ form: "Choose an action." }, {});
}

export default function UpdatePage() {
  const { round, idea, update, conversation, path, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const draft = update.status === "draft";
  return (
    <div>
      <Breadcrumbs items={ideaCrumbs(round, idea, update.title)} />
      <p className="caption">
        {UPDATE_KIND_LABELS[update.kind]} from <Link to={`/rounds/${round.slug}/ideas/${idea.slug}`}>{idea.title}</Link>
      </p>
      <h1>{update.title}</h1>
      <ErrorSummary errors={commentFailure(result) ? undefined : result?.errors} />
      {draft ? (
        <div className="card idea-draft-note">
          <h2 className="card__title">This is a draft</h2>
          <p>Only your team can see it. Publish it when it is ready.</p>
        </div>
      ) : null}
      <p className="text-muted">
        {update.publishedAt ? <>Published {formatLondon(new Date(update.publishedAt))}</> : "Not published yet"}
        {update.authorName && update.authorHandle ? (
          <>
            {" "}
            by <Link to={`/people/${update.authorHandle}`}>{update.authorName}</Link>
          </>
        ) : null}
        {update.editedAt ? <> · edited {formatLondonDate(new Date(update.editedAt))}</> : null}
      </p>
      {canEdit ? (
        <p>
          <Link className="button button--secondary" to={editUpdatePath(round.slug, idea.slug, update.number)}>
            {draft ? "Edit or publish this draft" : "Edit this update"}
          </Link>
        </p>
      ) : null}
      <div className="prose" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
      {update.kind === "final_report" ? (
        <>
          <section className="section">
            <h2>Outcomes</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: update.outcomesHtml }} />
          </section>
          {update.outputLinks.length > 0 ? (
            <section className="section">
              <h2>Outputs</h2>
              <ul className="link-list">
                {update.outputLinks.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} rel="noopener noreferrer">
                      {l.title}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      {update.changes.length > 0 ? (
        <section className="section">
          <h2>{draft ? "Milestone changes when published" : "Milestone changes"}</h2>
          <ul className="milestone-change-list">
            {update.changes.map((c) => (
              <li key={c.milestoneId}>
                <strong>{c.title}</strong>:{" "}
                {c.fromStatus ? `${MILESTONE_STATUS_LABELS[c.fromStatus]} (${c.fromProgress}%) → ` : ""}
                {MILESTONE_STATUS_LABELS[c.toStatus]} ({c.toProgress}%)
                {c.toStatus === "dropped" && c.dropReason ? `, because ${c.dropReason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to={`/rounds/${round.slug}/ideas/${idea.slug}#updates`}>All updates from this project</Link>
      </p>
      {draft ? null : <Conversation data={conversation} path={path} failure={commentFailure(result)} about="project" />}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return title("Update not found");
  return [
    ...title(`${data.update.title} – ${data.idea.title}`),
    { property: "og:type", content: "article" },
    { property: "og:title", content: data.update.title },
    { property: "og:url", content: data.url },
    ...(data.update.status === "draft" ? [{ name: "robots", content: "noindex" }] : []),
    ...feedLinks(
      { kind: "project", roundSlug: data.round.slug, ideaSlug: data.idea.slug },
      `${data.idea.title}: updates`,
    ),
  ];
};
