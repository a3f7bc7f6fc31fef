import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { deleteRound } from "~/modules/rounds/delete-round.server";
import { DeleteRoundFormSchema } from "~/modules/rounds/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  return {
    round: {
      slug: round.slug,
      title: round.title,
      isDraft: round.phase === "draft",
      categories: round.categories.length,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const round = await roundFromParams(params);
  const form = await readForm(request);
  const parsed = parseForm(DeleteRoundFormSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, {});
  try {
    const deleted = await deleteRound(admin, round.id);
    return redirectWithFlash("/admin/rounds", `${deleted.title} was deleted.`);
  } catch (error) {
    return domainFailure(error, {});
  }
}

export default function DeleteRound() {
  const { round } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
        ]}
        current={`Delete ${round.title}`}
      />
      <h1>Delete {round.title}?</h1>
      <ErrorSummary errors={result?.errors} />
      {round.isDraft ? (
        <Form method="post" noValidate>
          <p>
            The round is a draft that nobody outside the programme team has seen. Deleting it removes its settings, its{" "}
            {round.categories} {round.categories === 1 ? "category" : "categories"}, its topics and its rubric. This
            cannot be undone.
          </p>
          <Checkbox
            name="confirm"
            value="yes"
            label={`Yes, delete ${round.title}`}
            error={result?.errors?.confirm}
            required
          />
          <div className="button-group">
            <SubmitButton variant="warning" pendingText="Deleting…">
              Delete the round
            </SubmitButton>
            <Link to={`/admin/rounds/${round.slug}/edit`}>Cancel</Link>
          </div>
        </Form>
      ) : (
        <p>
          Only a round in draft can be deleted. This one has opened, so it stays as part of the programme's record.{" "}
          <Link to="/admin/rounds">Back to the rounds</Link>
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Delete ${data.round.title}` : "Delete a round");
