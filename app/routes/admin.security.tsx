import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import {
  setTwoFactorRequirement,
  staffWithoutTwoFactor,
  twoFactorRequiredForStaff,
} from "~/modules/accounts/two-factor.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [required, missing] = await Promise.all([twoFactorRequiredForStaff(), staffWithoutTwoFactor()]);
  return { required, missing, selfEnabled: admin.twoFactorEnabled };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const required = form.get("required") === "yes";
  try {
    await setTwoFactorRequirement(admin, required);
  } catch (error) {
    return domainFailure(error, { required: required ? "yes" : "" });
  }
  return redirectWithFlash(
    "/admin/security",
    required
      ? "Admins and reviewers now need two-step sign-in. Those without it will be asked to set it up."
      : "Two-step sign-in is now optional for everyone.",
  );
}

export default function AdminSecurity() {
  const { required, missing, selfEnabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <div className="prose">
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }]} />
      <h1>Sign-in security</h1>
      <p>
        Two-step sign-in asks for a code from an authenticator app as well as the password. Anyone can turn it on for
        themselves under <Link to="/me/security">Your account → Two-step sign-in</Link>. You can require it of admins
        and reviewers, who see private proposals and scores.
      </p>
      {!selfEnabled ? <p>Turn it on for your own account first, so that you are not locked out.</p> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Checkbox
          name="required"
          label="Require two-step sign-in for admins and reviewers"
          hint="Those who have not set it up are taken to set it up when they next open a signed-in page."
          defaultChecked={result ? result.values.required === "yes" : required}
          error={errors?.required}
        />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </Form>
      <h2>Admins and reviewers without two-step sign-in</h2>
      {missing.length === 0 ? (
        <p>Every admin and reviewer uses two-step sign-in.</p>
      ) : (
        <ul>
          {missing.map((person) => (
            <li key={person.id}>
              <Link to={`/people/${person.handle}`}>{person.name}</Link> ({person.isAdmin ? "admin" : "reviewer"})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Sign-in security");

export { passOnHeaders as headers } from "~/lib/http.server";
