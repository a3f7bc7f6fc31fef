import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { flashHeader } from "~/lib/flash.server";
import { domainFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { safeRedirect } from "~/lib/safe-redirect";
import { getPendingTwoFactor, getUser, sessionCookieHeader } from "~/modules/accounts/auth.server";
import { completeSignIn } from "~/modules/accounts/two-factor.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (await getUser(request)) throw redirect(safeRedirect(redirectTo, "/me"));
  if (!(await getPendingTwoFactor(request))) throw redirect("/sign-in");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await getPendingTwoFactor(request);
  if (!pending) throw redirect("/sign-in", 303);
  const form = await readForm(request);
  const intent = form.get("intent") === "recovery" ? "recovery" : "code";
  const redirectTo = String(form.get("redirectTo") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  try {
    const result = await completeSignIn(
      { sessionId: pending.session.id, userId: pending.user.id },
      intent === "recovery"
        ? { recoveryCode: value("recoveryCode"), ip: context.ip }
        : { code: value("code"), ip: context.ip },
    );
    const headers = new Headers();
    headers.append("Set-Cookie", await sessionCookieHeader(result.token, result.expiresAt));
    const text = result.usedRecoveryCode
      ? "You are signed in with a recovery code, which cannot be used again. Check how many you have left under Security."
      : "You are signed in.";
    headers.append("Set-Cookie", await flashHeader({ kind: result.usedRecoveryCode ? "info" : "success", text }));
    return redirect(safeRedirect(redirectTo, "/"), { status: 303, headers });
  } catch (error) {
    return domainFailure(error, { intent, redirectTo });
  }
}

export default function TwoFactorSignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result?.errors;
  const redirectTo = result?.values.redirectTo ?? params.get("redirectTo") ?? "";
  const recovery = result?.values.intent === "recovery";
  return (
    <div className="prose">
      <h1>Enter your sign-in code</h1>
      <p>Open the authenticator app you set up for Q Exchange and enter the 6-digit code it shows.</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Code from your app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          error={recovery ? undefined : errors?.code}
          required
        />
        <SubmitButton name="intent" value="code" pendingText="Checking…">
          Continue
        </SubmitButton>
      </Form>
      <details open={recovery}>
        <summary>Lost your phone? Use a recovery code</summary>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label="Recovery code"
            name="recoveryCode"
            autoComplete="off"
            hint="One of the codes you saved when you set up two-step sign-in, like 7KQ2M-X9RTA. Each works once."
            error={recovery ? errors?.recoveryCode : undefined}
            required
          />
          <SubmitButton name="intent" value="recovery" pendingText="Checking…" variant="secondary">
            Use recovery code
          </SubmitButton>
        </Form>
      </details>
      <p>
        <Link to="/sign-out">Cancel and sign out</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Enter your sign-in code");

export { passOnHeaders as headers } from "~/lib/http.server";
