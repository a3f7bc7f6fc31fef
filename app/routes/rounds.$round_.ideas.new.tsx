import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { formIdeaValues, IdeaFields } from "~/components/ideas/idea-fields";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { FORM_KEY_FIELD } from "~/lib/form-key";
import { formKeyOf, newFormKey } from "~/lib/form-submissions.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireMember } from "~/modules/accounts/auth.server";
import { createIdea } from "~/modules/ideas/create-idea.server";
import { ideaFormValues, previews } from "~/modules/ideas/form-state.server";
import { closedReason, roundFromParams, roundSummary } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { IdeaFieldsSchema, publishProblems } from "~/modules/ideas/validation.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireMember(request);
  const round = await roundFromParams(params, user);
  return { round: roundSummary(round), closed: closedReason(round, "publishIdea", user), formKey: newFormKey() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireMember(request);
  const round = await roundFromParams(params, user);
  const form = await readForm(request);
  const values = ideaFormValues(form);
  const intent = form.get("intent");
  if (intent === "preview")
    return data({ ok: true as const, preview: previews(values, ["challengeMd"]), values, errors: undefined });
  const parsed = parseForm(IdeaFieldsSchema, form);
  const publish = intent === "publish";
  const problems = parsed.ok && publish ? publishProblems(parsed.data) : {};
  if (!parsed.ok)
    return formFailure(
      publish
        ? {
            ...publishProblems({ summary: values.summary ?? "", challengeMd: values.challengeMd ?? "" }),
            ...parsed.errors,
          }
        : parsed.errors,
      values,
    );
  if (Object.keys(problems).length > 0) return formFailure(problems, values);
  try {
    const idea = await createIdea(user, { ...parsed.data, roundId: round.id, publish, formKey: formKeyOf(form) });
    return redirectWithFlash(
      ideaPath(round.slug, idea.slug),
      publish
        ? "Your idea is published. Share its address so people can support it and comment."
        : "Your draft is saved. Only your team can see it until you publish it.",
    );
  } catch (error) {
    return domainFailure(error, values);
  }
}

const EMPTY = { title: "", summary: "", categoryId: "", challengeMd: "", topicIds: [] };

export default function NewIdea() {
  const { round, closed, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = formIdeaValues(result?.values, EMPTY, result?.values?.topicIds?.split(",").filter(Boolean));
  const preview = result && "preview" in result ? result.preview : undefined;
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, undefined, "Share an idea")} />
      <h1>Share an idea</h1>
      {closed ? (
        <>
          <p>{closed}</p>
          <p>
            <Link to={`/rounds/${round.slug}/ideas`}>See the ideas in {round.title}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lede">
            Save a draft that only your team can see, or publish it for everyone. You can edit it afterwards, and invite
            people to your team.
          </p>
          <ErrorSummary errors={result?.errors} />
          <Form method="post" noValidate>
            {/* Sent twice (a double click, a retry), the form still makes one idea. */}
            <input type="hidden" name={FORM_KEY_FIELD} value={formKey} />
            {/* Enter in a text box saves a draft rather than previewing. */}
            <button
              type="submit"
              name="intent"
              value="draft"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
            >
              Save draft
            </button>
            <IdeaFields
              values={values}
              errors={result?.errors}
              categories={round.categories}
              topics={round.topics}
              previewHtml={preview?.challengeMd}
            />
            <div className="button-group">
              <SubmitButton name="intent" value="publish" pendingText="Publishing…">
                Publish idea
              </SubmitButton>
              <SubmitButton name="intent" value="draft" variant="secondary" pendingText="Saving…">
                Save as draft
              </SubmitButton>
              <SubmitButton name="intent" value="preview" variant="secondary" pendingText="Preparing preview…">
                Preview
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Share an idea");
