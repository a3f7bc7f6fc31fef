import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { useFreshKey } from "~/lib/use-fresh-key";
import { clearSessionCookieHeader, requireUser } from "~/modules/accounts/auth.server";
import { DeleteAccountSchema } from "~/modules/accounts/admin-validation";
import { deleteAccount } from "~/modules/accounts/delete-account.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, isAdmin: user.isAdmin };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(DeleteAccountSchema, form);
  // Nothing typed is sent back: the confirmation may be the password.
  if (!parsed.ok) return formFailure(parsed.errors, {});
  try {
    await deleteAccount(user, { confirmation: parsed.data.confirmation });
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, {});
    throw error;
  }
  // Every session ended with the account; the cookie goes too.
  return redirect("/account-deleted", { status: 303, headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}

export default function MyData() {
  const { email, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldKey = useFreshKey(result);
  return (
    <div className="prose">
      <Breadcrumbs items={[{ href: "/me", label: "Your account" }]} current="Your data" />
      <h1>Your data</h1>
      <ErrorSummary errors={result?.errors} />
      <h2>Download your data</h2>
      <p>
        One file (JSON) with everything Q Exchange holds about you: your profile and membership, when you signed in, the
        ideas you lead or are on, your comments, supports and follows, your notifications and settings, panel reviews
        you wrote, the ballots you cast (when, and the receipt code; never your picks, which are kept only under a
        pseudonym) and the actions you took that were recorded in the audit log.
      </p>
      <p>
        <a href="/me/data/download" className="button button--secondary" download>
          Download your data
        </a>
      </p>

      <h2>Delete your account</h2>
      <p>This cannot be undone. When you delete your account:</p>
      <ul>
        <li>your name, email address, organisation and profile are erased, and you are signed out everywhere;</li>
        <li>your comments stay, shown as by “former member”;</li>
        <li>
          ideas you lead pass to the longest-standing team member who is a member; if there is none, a published idea or
          proposal is withdrawn and a draft is deleted;
        </li>
        <li>your supports, follows, notifications and team places are removed;</li>
        <li>ballots you cast still count, in the public ledger under a pseudonym only;</li>
        <li>panel scores you submitted for a shortlist already published stay, without your name.</li>
      </ul>
      <p>You can create a new account with the same email address afterwards.</p>
      {isAdmin ? <p>If you are the last admin, make someone else an admin first.</p> : null}
      <Form method="post" noValidate>
        <Field
          key={fieldKey}
          label="To confirm, type your email address or your password"
          name="confirmation"
          type="password"
          autoComplete="off"
          hint={`Your email address is ${email}.`}
          error={result?.errors?.confirmation}
          required
        />
        <SubmitButton variant="warning" pendingText="Deleting…">
          Delete my account
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Your data");
