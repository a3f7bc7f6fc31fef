import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { hideComment, moderationQueue, restoreComment } from "~/modules/conversation/moderation.server";
import { ModerateSchema } from "~/modules/conversation/validation";
import { ideaPath } from "~/modules/ideas/paths";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rows = await moderationQueue();
  return {
    comments: rows.map((r) => ({
      id: r.id,
      bodyHtml: r.bodyHtml,
      createdAt: r.createdAt.toISOString(),
      hidden: r.hiddenAt !== null,
      hiddenReason: r.hiddenReason,
      deleted: r.deletedAt !== null,
      authorName: r.authorName ?? "Former member",
      ideaTitle: r.ideaTitle,
      href: `${ideaPath(r.roundSlug, r.ideaSlug)}${r.updateNumber ? `/updates/${r.updateNumber}` : ""}?comment=${r.id}#comment-${r.id}`,
      openReports: r.openReports,
      reasons: r.reasons,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const parsed = parseForm(ModerateSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, formValues(form));
  try {
    if (intent === "hide") {
      await hideComment(admin, parsed.data);
      return redirectWithFlash("/admin/moderation", "The comment is hidden. Its author sees your reason.");
    }
    if (intent === "restore") {
      await restoreComment(admin, parsed.data);
      return redirectWithFlash("/admin/moderation", "The comment is visible again and its reports are closed.");
    }
  } catch (error) {
    return domainFailure(error, formValues(form));
  }
  return formFailure({ form: "Choose hide or restore." }, formValues(form));
}

export default function Moderation() {
  const { comments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failedId = result?.values?.commentId;
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to="/admin">Admin</Link>
          </li>
          <li className="breadcrumbs__item" aria-current="page">
            Moderation
          </li>
        </ol>
      </nav>
      <h1>Moderation</h1>
      <p>
        Comments with open reports, and hidden comments. Three reports hide a comment until you decide. Your reason is
        shown to the comment's author.
      </p>
      <ErrorSummary errors={result?.errors} />
      {comments.length === 0 ? <p className="empty-state">Nothing to review.</p> : null}
      <ol className="card-list moderation-list">
        {comments.map((c) => (
          <li key={c.id} className="card">
            <h2 className="card__title">
              {c.authorName} on <Link to={c.href}>{c.ideaTitle}</Link>
            </h2>
            <p className="small text-muted">
              Posted {formatLondon(new Date(c.createdAt))} ·{" "}
              {c.hidden ? (
                <span className="badge badge--danger">Hidden</span>
              ) : (
                <span className="badge badge--warning">Visible</span>
              )}
              {c.deleted ? (
                <>
                  {" "}
                  <span className="badge badge--neutral">Deleted by author</span>
                </>
              ) : null}
            </p>
            {c.hidden && c.hiddenReason ? (
              <p>
                <strong>Reason hidden:</strong> {c.hiddenReason}
              </p>
            ) : null}
            {c.bodyHtml ? <blockquote className="prose" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} /> : null}
            <h3>
              {c.openReports} open report{c.openReports === 1 ? "" : "s"}
            </h3>
            {c.reasons.length > 0 ? (
              <ul>
                {c.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            ) : null}
            <Form method="post" noValidate>
              <input type="hidden" name="commentId" value={c.id} />
              <div className={failedId === c.id && result?.errors.reason ? "field field--error" : "field"}>
                <label className="field__label" htmlFor={`reason-${c.id}`}>
                  Reason (shown to the author)
                </label>
                {failedId === c.id && result?.errors.reason ? (
                  <p className="field__error" id={`reason-${c.id}-error`}>
                    <span className="visually-hidden">Error:</span> {result.errors.reason}
                  </p>
                ) : null}
                <textarea
                  id={`reason-${c.id}`}
                  name="reason"
                  rows={2}
                  className="textarea"
                  defaultValue={failedId === c.id ? result?.values.reason : undefined}
                />
              </div>
              <div className="button-group">
                {c.hidden ? null : (
                  <SubmitButton name="intent" value="hide" variant="warning">
                    Hide comment
                  </SubmitButton>
                )}
                <SubmitButton name="intent" value="restore" variant="secondary">
                  {c.hidden ? "Restore comment" : "Keep visible and close reports"}
                </SubmitButton>
              </div>
            </Form>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = () => title("Moderation");
