import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { DiffView } from "~/components/ideas/diff-view";
import { formIdeaValues, IdeaFields } from "~/components/ideas/idea-fields";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { EditConflict } from "~/modules/ideas/edit-conflict";
import { editIdea } from "~/modules/ideas/edit-idea.server";
import { ideaFormValues, previews } from "~/modules/ideas/form-state.server";
import { topicsOf } from "~/modules/ideas/idea-queries.server";
import { isOnTeam } from "~/modules/ideas/permissions";
import { closedReason, forbidden, ideaFromParams, roundSummary } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { EditIdeaSchema, publishProblems } from "~/modules/ideas/validation.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  if (!isOnTeam(user, idea.team)) throw forbidden("Only the idea's team can edit it.");
  return { user, round, idea };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const topics = await topicsOf(idea.id);
  return {
    round: roundSummary(round),
    idea: {
      slug: idea.slug,
      title: idea.title,
      state: idea.state,
      version: idea.version,
      values: {
        title: idea.title,
        summary: idea.summary,
        categoryId: idea.categoryId,
        challengeMd: idea.challengeMd,
        topicIds: topics.map((t) => t.id),
      },
    },
    closed: closedReason(round, "editIdea", user),
    canPublish: idea.state === "draft" && closedReason(round, "publishIdea", user) === null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const form = await readForm(request);
  const values = ideaFormValues(form);
  const intent = form.get("intent");
  if (intent === "preview")
    return data({
      ok: true as const,
      preview: previews(values, ["challengeMd"]),
      values,
      errors: undefined,
      conflict: undefined,
    });
  const parsed = parseForm(EditIdeaSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, values);
  const publish = intent === "publish";
  if (publish || idea.state !== "draft") {
    const problems = publishProblems(parsed.data);
    if (Object.keys(problems).length > 0) return formFailure(problems, values);
  }
  try {
    const saved = await editIdea(user, { ...parsed.data, ideaId: idea.id, publish });
    return redirectWithFlash(
      ideaPath(round.slug, saved.slug),
      saved.published ? "Your idea is published." : "Your changes are saved.",
    );
  } catch (error) {
    if (error instanceof EditConflict) {
      // Their text stays in the form; the version moves on, so saving again is a deliberate choice.
      return data(
        {
          ok: false as const,
          errors: { form: error.message },
          values: { ...values, version: String(error.details.version) } as Record<string, string>,
          conflict: error.details,
          preview: undefined,
        },
        { status: 409 },
      );
    }
    return domainFailure(error, values);
  }
}

export default function EditIdea() {
  const { round, idea, closed, canPublish } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = formIdeaValues(result?.values, idea.values, result?.values?.topicIds?.split(",").filter(Boolean));
  const version = result?.values?.version ?? String(idea.version);
  const preview = result && "preview" in result ? result.preview : undefined;
  const conflict = result && "conflict" in result ? result.conflict : undefined;
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Edit")} />
      <h1>Edit your idea</h1>
      {closed ? (
        <>
          <p>{closed}</p>
          <p>
            <Link to={ideaPath(round.slug, idea.slug)}>Back to the idea</Link>
          </p>
        </>
      ) : (
        <>
          {idea.state !== "draft" ? (
            <p>Everyone can see the history of a published idea: each save is kept as a new version.</p>
          ) : null}
          <ErrorSummary errors={result?.errors} />
          {conflict ? (
            <section className="conflict card" aria-labelledby="conflict-heading">
              <h2 id="conflict-heading" className="card__title">
                What changed since you opened this page
              </h2>
              {conflict.categoryChanged ? <p>The category was changed.</p> : null}
              {conflict.topicsChanged ? <p>The topics were changed.</p> : null}
              <DiffView fields={conflict.changes} />
              <p>
                <Link to={ideaPath(round.slug, idea.slug)} target="_blank" rel="noopener">
                  Open the saved idea in a new tab
                </Link>
              </p>
            </section>
          ) : null}
          <Form method="post" noValidate>
            <button
              type="submit"
              name="intent"
              value="save"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
            >
              Save changes
            </button>
            <input type="hidden" name="version" value={version} />
            <IdeaFields
              values={values}
              errors={result?.errors}
              categories={round.categories}
              topics={round.topics}
              previewHtml={preview?.challengeMd}
            />
            <div className="button-group">
              <SubmitButton name="intent" value="save" pendingText="Saving…">
                {conflict ? "Save my version anyway" : idea.state === "draft" ? "Save draft" : "Save changes"}
              </SubmitButton>
              {canPublish ? (
                <SubmitButton name="intent" value="publish" variant="secondary" pendingText="Publishing…">
                  Save and publish
                </SubmitButton>
              ) : null}
              <SubmitButton name="intent" value="preview" variant="secondary" pendingText="Preparing preview…">
                Preview
              </SubmitButton>
            </div>
          </Form>
          <p>
            <Link to={ideaPath(round.slug, idea.slug)}>Cancel and go back to the idea</Link>
          </p>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Edit: ${data.idea.title}` : "Edit idea");
