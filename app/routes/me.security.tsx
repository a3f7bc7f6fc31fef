import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { QrCode } from "~/components/qr-code";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { Invalid } from "~/lib/errors";
import { domainFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { qrDrawing } from "~/lib/qr.server";
import { formatLondon } from "~/lib/time";
import { getSession, requireUser } from "~/modules/accounts/auth.server";
import {
  confirmTotpSetup,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTotpSetup,
  twoFactorStatus,
} from "~/modules/accounts/two-factor.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = await twoFactorStatus(user.id);
  return {
    enabledAt: status.enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: status.recoveryCodesLeft,
    setup: status.setup
      ? { secret: status.setup.secret, uri: status.setup.uri, qr: qrDrawing(status.setup.uri) }
      : null,
    required: user.twoFactorRequired,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => String(form.get(name) ?? "");
  try {
    switch (intent) {
      case "start":
        await startTotpSetup(user.id);
        return redirectWithFlash(
          "/me/security#set-up",
          "Scan the code with your authenticator app, then enter the code it shows.",
          { kind: "info" },
        );
      case "confirm": {
        const session = await getSession(request);
        const codes = await confirmTotpSetup(user, {
          code: field("code"),
          password: field("password"),
          sessionId: session!.session.id,
          ip: context.ip,
        });
        return data({ ok: true as const, recoveryCodes: codes, turnedOn: true });
      }
      case "recovery-codes":
        return data({
          ok: true as const,
          recoveryCodes: await regenerateRecoveryCodes(user, field("password"), context.ip),
          turnedOn: false,
        });
      case "disable":
        await disableTwoFactor(user, field("password"), context.ip);
        return redirectWithFlash(
          "/me/security",
          "Two-step sign-in is off. Your account is protected by your password alone.",
        );
      default:
        return domainFailure(new Invalid("Choose an action on this page."), { intent });
    }
  } catch (error) {
    return domainFailure(error, { intent });
  }
}

export default function Security() {
  const { enabledAt, recoveryCodesLeft, setup, required } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const intent = result && !result.ok ? result.values.intent : undefined;
  const codes = result?.ok ? result.recoveryCodes : null;
  return (
    <div className="prose">
      <Breadcrumbs items={[{ href: "/me", label: "Your account" }]} />
      <h1>Two-step sign-in</h1>
      {required && !enabledAt ? (
        <div className="flash" role="status">
          <p className="flash__text">
            The programme team requires two-step sign-in for admins and reviewers. Set it up to continue.
          </p>
        </div>
      ) : null}
      <p>
        With two-step sign-in, signing in needs your password and a 6-digit code from an authenticator app on your phone
        (such as Google Authenticator, Microsoft Authenticator or 1Password), so a stolen password alone is not enough.
      </p>
      <ErrorSummary errors={errors} />

      {codes ? (
        <section aria-labelledby="codes-heading" className="card section">
          <h2 id="codes-heading">
            {result?.ok && result.turnedOn
              ? "Two-step sign-in is on: save your recovery codes"
              : "Your new recovery codes"}
          </h2>
          <p>
            If you lose your phone, each of these codes lets you sign in once. Save them somewhere safe now (print them
            or keep them in a password manager): they will not be shown again.
            {result?.ok && !result.turnedOn ? " Your old codes no longer work." : ""}
          </p>
          <ul className="recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {enabledAt ? (
        <>
          <p>
            <strong>Two-step sign-in is on</strong> (since {formatLondon(new Date(enabledAt))}). You have{" "}
            {recoveryCodesLeft} unused recovery {recoveryCodesLeft === 1 ? "code" : "codes"}.
          </p>
          <h2>Make new recovery codes</h2>
          <Form method="post" noValidate>
            <Field
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              error={intent === "recovery-codes" ? errors?.password : undefined}
              required
            />
            <SubmitButton name="intent" value="recovery-codes" variant="secondary" pendingText="Making codes…">
              Make new recovery codes
            </SubmitButton>
          </Form>
          {required ? (
            <p>The programme team requires two-step sign-in for admins and reviewers, so it cannot be turned off.</p>
          ) : (
            <>
              <h2>Turn off two-step sign-in</h2>
              <Form method="post" noValidate>
                <Field
                  label="Your password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  error={intent === "disable" ? errors?.password : undefined}
                  required
                />
                <SubmitButton name="intent" value="disable" variant="warning" pendingText="Turning off…">
                  Turn off two-step sign-in
                </SubmitButton>
              </Form>
            </>
          )}
        </>
      ) : setup ? (
        <section aria-labelledby="set-up" className="card section">
          <h2 id="set-up">Set up your authenticator app</h2>
          <ol>
            <li>
              In your authenticator app, add an account and scan this code.
              <QrCode drawing={setup.qr} label="QR code for your authenticator app (the same key is written below)" />
            </li>
            <li>
              Cannot scan it? Enter this key by hand (time-based, 6 digits):{" "}
              <code className="secret">{setup.secret}</code>
            </li>
            <li>Enter the 6-digit code the app now shows.</li>
          </ol>
          <Form method="post" noValidate>
            <Field
              label="Code from your app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={intent === "confirm" ? errors?.code : undefined}
              required
            />
            <Field
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              hint="To make sure it is you before two-step sign-in is turned on."
              error={intent === "confirm" ? errors?.password : undefined}
              required
            />
            <SubmitButton name="intent" value="confirm" pendingText="Checking…">
              Turn on two-step sign-in
            </SubmitButton>
          </Form>
          <Form method="post">
            <SubmitButton name="intent" value="start" variant="secondary">
              Start again with a new key
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <Form method="post">
          <SubmitButton name="intent" value="start">
            Set up two-step sign-in
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Two-step sign-in");

export { passOnHeaders as headers } from "~/lib/http.server";
