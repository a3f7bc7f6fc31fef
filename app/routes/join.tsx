import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { Honeypot } from "~/components/honeypot";
import { SubmitButton } from "~/components/submit-button";
import { Invalid, TooManyRequests } from "~/lib/errors";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { LIMITS, hit, retryMessage } from "~/lib/rate-limit.server";
import { getUser } from "~/modules/accounts/auth.server";
import { register } from "~/modules/accounts/register.server";
import { PASSWORD_MIN } from "~/modules/accounts/password-policy";
import { RegisterSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/me");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(RegisterSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  const values = formValues(form);
  try {
    const limit = await hit(LIMITS.registerPerIp, context.ip);
    if (limit.limited) throw new TooManyRequests("Too many accounts created", limit.retryAfterSeconds, { email: `Too many accounts have been created from here. ${retryMessage(limit.retryAfterSeconds)}` });
    await register(parsed.data);
  } catch (error) {
    if (error instanceof Invalid || error instanceof TooManyRequests) return domainFailure(error, values);
    throw error;
  }
  return redirect(`/verify?sent=1&email=${encodeURIComponent(parsed.data.email)}`, { status: 303 });
}

export default function Join() {
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = result?.values ?? {};
  return (
    <div className="prose">
      <h1>Create an account</h1>
      <p>
        With an account you can comment on ideas and join a team when you are invited. Members of the Q community can also
        lead ideas, support them and vote.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field label="Full name" name="name" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          hint="We will send you a link to confirm it."
          defaultValue={values.email}
          error={errors?.email}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password that is easy to remember.`}
          error={errors?.password}
          required
        />
        <Field
          label="Organisation"
          name="organisation"
          autoComplete="organization"
          hint="Where you work or volunteer. Shown with your name."
          defaultValue={values.organisation}
          error={errors?.organisation}
          required
        />
        <Field label="Job title (optional)" name="jobTitle" autoComplete="organization-title" defaultValue={values.jobTitle} error={errors?.jobTitle} />
        <Checkbox
          name="applyForMembership"
          label="Apply to be a member"
          hint="Members can lead ideas, support ideas and vote. The programme team approves members."
          defaultChecked={result ? values.applyForMembership === "yes" : true}
        />
        <Honeypot />
        <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      </Form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Create an account");
