import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { Honeypot } from "~/components/honeypot";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requestPasswordReset } from "~/modules/accounts/password-reset.server";
import { EmailOnlySchema } from "~/modules/accounts/validation";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(EmailOnlySchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  try {
    await requestPasswordReset({ email: parsed.data.email, ip: context.ip });
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, formValues(form));
    throw error;
  }
  return data({
    ok: true as const,
    sentTo: parsed.data.email,
    errors: undefined,
    values: {} as Record<string, string>,
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  if (result && "sentTo" in result) {
    return (
      <div className="prose">
        <h1>Check your email</h1>
        <p>
          If <strong>{result.sentTo}</strong> has a Q Exchange account, we have sent it a link to choose a new password.
          The link works for 1 hour.
        </p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="prose">
      <h1>Reset your password</h1>
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={result?.values?.email}
          error={result?.errors?.email}
          required
        />
        <Honeypot />
        <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Reset your password");

export { passOnHeaders as headers } from "~/lib/http.server";
