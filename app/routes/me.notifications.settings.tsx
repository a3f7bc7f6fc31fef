import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Radios } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { preferencesOf, setPreferences } from "~/modules/conversation/notifications.server";
import { DELIVERY_LABELS, KIND_LABELS } from "~/modules/conversation/preferences";
import { NOTIFICATION_KINDS } from "~/modules/conversation/kinds";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await preferencesOf(user.id) };
}

const delivery = z.enum(["immediate", "digest", "off"], { error: "Choose how to hear about this." });
const PreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, delivery])) as Record<
    (typeof NOTIFICATION_KINDS)[number],
    typeof delivery
  >,
);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(PreferencesSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, formValues(form));
  await setPreferences(user, parsed.data);
  return redirectWithFlash("/me/notifications/settings", "Your email choices are saved.");
}

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const options = (Object.keys(DELIVERY_LABELS) as Array<keyof typeof DELIVERY_LABELS>).map((value) => ({
    value,
    label: DELIVERY_LABELS[value],
  }));
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to="/me/notifications">Notifications</Link>
          </li>
          <li className="breadcrumbs__item" aria-current="page">
            Email choices
          </li>
        </ol>
      </nav>
      <h1>Email choices</h1>
      <p>
        You always see notifications here in the app. Choose which also come by email: at once, in one daily digest, or
        not at all.
      </p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        {NOTIFICATION_KINDS.map((kind) => (
          <Radios
            key={kind}
            name={kind}
            legend={KIND_LABELS[kind]}
            options={options}
            inline
            defaultValue={result?.values[kind] ?? preferences[kind]}
            error={result?.errors[kind]}
          />
        ))}
        <SubmitButton pendingText="Saving…">Save choices</SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Email choices");
