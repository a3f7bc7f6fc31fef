import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { Honeypot } from "~/components/honeypot";
import { SubmitButton } from "~/components/submit-button";
import { DomainError, TooManyRequests } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { LIMITS, hit, retryMessage } from "~/lib/rate-limit.server";
import { EmailOnlySchema } from "~/modules/accounts/validation";
import { isEmailTokenUsable } from "~/modules/accounts/email-tokens.server";
import { resendVerification, verifyEmail } from "~/modules/accounts/verify-email.server";

// GET never changes anything (mail scanners follow links): the page asks for one click to confirm.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  return {
    token: token && token.length < 200 ? token : null,
    usable: token && token.length < 200 ? await isEmailTokenUsable(token, "verify_email") : false,
    sent: url.searchParams.get("sent") === "1",
    email: url.searchParams.get("email") ?? "",
  };
}

const ConfirmSchema = z.object({ intent: z.literal("confirm"), token: z.string().min(1).max(200) });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form.get("intent") === "confirm") {
    const parsed = parseForm(ConfirmSchema, form);
    if (!parsed.ok) return formFailure({ form: "This link is not complete. Copy the whole link from the email." }, {});
    try {
      const { membership } = await verifyEmail(parsed.data.token);
      const text =
        membership === "approved"
          ? "Your email address is confirmed and you are a member. Sign in to get started."
          : membership === "pending"
            ? "Your email address is confirmed. Sign in now; the programme team will review your membership request."
            : "Your email address is confirmed. You can now sign in.";
      return redirectWithFlash("/sign-in", text);
    } catch (error) {
      if (error instanceof DomainError) return domainFailure(error, {});
      throw error;
    }
  }
  const parsed = parseForm(EmailOnlySchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  const limit = await hit(LIMITS.passwordResetPerIp, context.ip);
  if (limit.limited) {
    return domainFailure(
      new TooManyRequests("Too many", limit.retryAfterSeconds, {
        email: `Too many links requested. ${retryMessage(limit.retryAfterSeconds)}`,
      }),
      formValues(form),
    );
  }
  await resendVerification(parsed.data.email);
  return data({
    ok: true as const,
    resent: parsed.data.email,
    errors: undefined,
    values: {} as Record<string, string>,
  });
}

export default function Verify() {
  const { token, usable, sent, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  if (token && usable && !(result && "resent" in result)) {
    return (
      <div className="prose">
        <h1>Confirm your email address</h1>
        <ErrorSummary errors={errors} />
        <p>Select the button to confirm this is your email address.</p>
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <SubmitButton name="intent" value="confirm" pendingText="Confirming…">
            Confirm my email address
          </SubmitButton>
        </Form>
      </div>
    );
  }
  return (
    <div className="prose">
      <h1>{sent ? "Check your email" : "Confirm your email address"}</h1>
      {sent ? (
        <p>
          We have sent a link to <strong>{email || "your email address"}</strong>. Select the link in the email to
          confirm your address, then sign in. The link works for 48 hours.
        </p>
      ) : null}
      {token && !usable ? (
        <p className="field__error">This link has expired or has already been used. Ask for a new one below.</p>
      ) : null}
      {result && "resent" in result ? (
        <p role="status">
          If {result.resent} has an account that still needs confirming, we have sent a new link to it.
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <h2>Not received a link?</h2>
      <p>Check your spam folder. Or ask for a new link:</p>
      <Form method="post" noValidate>
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={result?.values?.email ?? email}
          error={errors?.email}
        />
        <Honeypot />
        <SubmitButton pendingText="Sending…">Send a new link</SubmitButton>
      </Form>
      <p>
        Already confirmed? <Link to="/sign-in">Sign in</Link>.
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data?.sent ? "Check your email" : "Confirm your email address");

export { passOnHeaders as headers } from "~/lib/http.server";
