import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Form, useActionData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { useFreshKey } from "~/lib/use-fresh-key";
import { getSession, requireUser } from "~/modules/accounts/auth.server";
import { changePassword } from "~/modules/accounts/profile.server";
import { PASSWORD_MIN } from "~/modules/accounts/password-policy";
import { ChangePasswordSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const session = await getSession(request);
  const form = await readForm(request);
  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, {});
  try {
    await changePassword({ id: user.id, sessionId: session!.session.id }, parsed.data);
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, {});
    throw error;
  }
  return redirectWithFlash("/me", "Your password has been changed. You have been signed out everywhere else.");
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const passwordKey = useFreshKey(result);
  const errors = result?.errors;
  return (
    <div className="prose">
      <Breadcrumbs items={[{ href: "/me", label: "Your account" }]} />
      <h1>Change your password</h1>
      <p>Changing your password signs you out on every other device.</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          key={`currentPassword-${passwordKey}`}
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errors?.currentPassword}
          required
        />
        <Field
          key={`newPassword-${passwordKey}`}
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          error={errors?.newPassword}
          required
        />
        <SubmitButton pendingText="Saving…">Change password</SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Change your password");
