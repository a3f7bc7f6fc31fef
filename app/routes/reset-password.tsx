import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { useFreshKey } from "~/lib/use-fresh-key";
import { isEmailTokenUsable } from "~/modules/accounts/email-tokens.server";
import { resetPassword } from "~/modules/accounts/password-reset.server";
import { PASSWORD_MIN } from "~/modules/accounts/password-policy";
import { ResetPasswordSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("token");
  const token = raw && raw.length <= 200 ? raw : null;
  return { token, usable: token ? await isEmailTokenUsable(token, "reset_password") : false };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(ResetPasswordSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  try {
    await resetPassword(parsed.data);
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, {}, "password");
    throw error;
  }
  return redirectWithFlash("/sign-in", "Your password has been changed. Sign in with your new password.");
}

export default function ResetPassword() {
  const { token, usable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const passwordKey = useFreshKey(result);
  if (!token || !usable) {
    return (
      <div className="prose">
        <h1>{token ? "This link has expired or has already been used" : "This link is not complete"}</h1>
        <p>
          {token ? "Reset links work for 1 hour and only once. " : "Copy the whole link from the email, or "}
          <Link to="/forgot-password">ask for a new link</Link>.
        </p>
      </div>
    );
  }
  const errors = result?.errors;
  return (
    <div className="prose">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} />
      {errors?.password?.includes("expired") ? (
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={token} />
        <Field
          key={`password-${passwordKey}`}
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. Saving it signs you out on every device.`}
          error={errors?.password}
          required
        />
        <SubmitButton pendingText="Saving…">Save new password</SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Choose a new password");
