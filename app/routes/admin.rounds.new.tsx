import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm, valuesKey } from "~/components/round-form";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { createRound } from "~/modules/rounds/create-round.server";
import { newRoundFormValues, rowCount } from "~/modules/rounds/form-values";
import { readRoundForm } from "~/modules/rounds/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { values: newRoundFormValues() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const result = readRoundForm(await readForm(request));
  if (result.kind === "rerender") return formFailure({}, result.values, 200);
  if (result.kind === "invalid") return formFailure(result.errors, result.values);
  try {
    const round = await createRound(admin, result.settings);
    return redirectWithFlash(
      "/admin/rounds",
      `${round.title} was created as a draft. Only the programme team can see it until you open it.`,
    );
  } catch (error) {
    return domainFailure(error, result.values);
  }
}

export default function NewRound() {
  const { values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? initial;
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
        ]}
        current="New round"
      />
      <h1>Create a round</h1>
      <p>
        The round starts as a draft: nobody but the programme team sees it until you open it from its phase page. The
        rubric starts with a sensible default you can change.
      </p>
      <RoundForm
        key={valuesKey(values)}
        values={values}
        errors={result?.errors}
        counts={{ categories: rowCount(values, "categories"), rubric: rowCount(values, "rubric") }}
        submitText="Create round"
      />
    </div>
  );
}

export const meta: MetaFunction = () => title("Create a round");
