import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { Honeypot } from "~/components/honeypot";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { flashHeader } from "~/lib/flash.server";
import { title } from "~/lib/meta";
import { useFreshKey } from "~/lib/use-fresh-key";
import { safeRedirect } from "~/lib/safe-redirect";
import { getPendingTwoFactor, getUser, startSession } from "~/modules/accounts/auth.server";
import { authenticate } from "~/modules/accounts/sign-in.server";
import { SignInSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (await getUser(request)) throw redirect(safeRedirect(redirectTo, "/me"));
  if (await getPendingTwoFactor(request)) throw redirect(twoFactorStep(redirectTo));
  return null;
}

const twoFactorStep = (redirectTo: string | null | undefined) =>
  `/sign-in/two-factor${redirectTo ? `?redirectTo=${encodeURIComponent(safeRedirect(redirectTo, "/"))}` : ""}`;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(SignInSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  const values = formValues(form);
  try {
    const { userId, twoFactor } = await authenticate({
      email: parsed.data.email,
      password: parsed.data.password,
      ip: context.ip,
    });
    const headers = new Headers();
    headers.append("Set-Cookie", await startSession(userId));
    if (twoFactor) return redirect(twoFactorStep(parsed.data.redirectTo), { status: 303, headers });
    headers.append("Set-Cookie", await flashHeader({ kind: "success", text: "You are signed in." }));
    return redirect(safeRedirect(parsed.data.redirectTo, "/"), { status: 303, headers });
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, values);
    throw error;
  }
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const passwordKey = useFreshKey(result);
  const [params] = useSearchParams();
  const errors = result?.errors;
  const values = result?.values ?? {};
  const unverified = errors?.email?.startsWith("Confirm your email");
  return (
    <div className="prose">
      <h1>Sign in</h1>
      <ErrorSummary errors={errors} />
      {unverified ? (
        <p>
          <Link to={`/verify?email=${encodeURIComponent(values.email ?? "")}`}>Send me a new confirmation link</Link>
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? params.get("redirectTo") ?? ""} />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={values.email}
          error={errors?.email}
          required
        />
        <Field
          key={`password-${passwordKey}`}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors?.password}
          required
        />
        <Honeypot />
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
      <p>
        New here? <Link to="/join">Create an account</Link>.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Sign in");

export { passOnHeaders as headers } from "~/lib/http.server";
