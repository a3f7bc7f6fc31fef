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
import { useFreshKey } from "~/lib/use-fresh-key";
import { LIMITS, hit, peek, retryMessage } from "~/lib/rate-limit.server";
import { COMMON_PASSWORD } from "~/modules/accounts/password-reset.server";
import { isCommonPassword } from "~/modules/accounts/passwords.server";
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
  const values = formValues(form);
  // Every problem at once: a common password is reported with the other fields' errors.
  const password = form.get("password");
  const common = typeof password === "string" && password.length >= PASSWORD_MIN && isCommonPassword(password);
  if (!parsed.ok || common) {
    const errors = parsed.ok ? {} : parsed.errors;
    if (common && !errors.password) errors.password = COMMON_PASSWORD;
    return formFailure(errors, values);
  }
  try {
    // Only accounts actually created count towards the limit, so mistakes never lock anyone out.
    const limit = await peek(LIMITS.registerPerIp, context.ip);
    if (limit.limited) {
      const text = `Too many accounts have been created from this network in the last hour. ${retryMessage(limit.retryAfterSeconds)}`;
      throw new TooManyRequests(text, limit.retryAfterSeconds, { form: text });
    }
    await register(parsed.data);
    await hit(LIMITS.registerPerIp, context.ip);
  } catch (error) {
    if (error instanceof Invalid || error instanceof TooManyRequests) return domainFailure(error, values);
    throw error;
  }
  return redirect(`/verify?sent=1&email=${encodeURIComponent(parsed.data.email)}`, { status: 303 });
}

export default function Join() {
  const result = useActionData<typeof action>();
  const passwordKey = useFreshKey(result);
  const errors = result?.errors;
  const values = result?.values ?? {};
  return (
    <div className="prose">
      <h1>Create an account</h1>
      <p>
        With an account you can comment on ideas and join a team when you are invited. Members of the Q community can
        also lead ideas, support them and vote.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label="Full name"
          name="name"
          autoComplete="name"
          defaultValue={values.name}
          error={errors?.name}
          required
        />
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
          key={`password-${passwordKey}`}
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
        <Field
          label="Job title (optional)"
          name="jobTitle"
          autoComplete="organization-title"
          defaultValue={values.jobTitle}
          error={errors?.jobTitle}
        />
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

export { passOnHeaders as headers } from "~/lib/http.server";
