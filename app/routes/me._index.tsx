import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { canRequestMembership } from "~/modules/accounts/permissions";
import { requestMembership, updateProfile } from "~/modules/accounts/profile.server";
import { getAccount } from "~/modules/accounts/queries.server";
import { ProfileSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await getAccount(user.id);
  if (!account) httpError(404, "Not found");
  return { account, canRequestMembership: canRequestMembership(account), twoFactorEnabled: user.twoFactorEnabled };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get("intent") === "request-membership") {
    try {
      const outcome = await requestMembership(user);
      if (outcome === "approved")
        return redirectWithFlash(
          "/me",
          "You are now a member: your email address is on a domain the programme team has approved.",
        );
    } catch (error) {
      if (error instanceof DomainError) return domainFailure(error, {});
      throw error;
    }
    return redirectWithFlash("/me", "You have asked to become a member. The programme team will review your request.");
  }
  const parsed = parseForm(ProfileSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
  await updateProfile(user, parsed.data);
  return redirectWithFlash("/me", "Your profile has been saved.");
}

const MEMBERSHIP_TEXT = {
  none: "You are not a member. You can comment on ideas and join teams when invited.",
  pending: "Your membership request is waiting for the programme team to review it.",
  approved: "You are a member: you can lead ideas, support ideas and vote.",
  declined: "Your membership request was not approved. You can ask again.",
} as const;

export default function Me() {
  const { account, canRequestMembership, twoFactorEnabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = { ...account, ...(result?.values ?? {}) };
  return (
    <div className="prose">
      <h1>Your account</h1>
      <dl className="summary-list">
        <div>
          <dt>Email address</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>Membership</dt>
          <dd>{MEMBERSHIP_TEXT[account.membership]}</dd>
        </div>
        <div>
          <dt>Public profile</dt>
          <dd>
            <Link to={`/people/${account.handle}`}>See your public profile</Link>
          </dd>
        </div>
      </dl>
      {canRequestMembership ? (
        <Form method="post">
          <SubmitButton name="intent" value="request-membership" variant="secondary" pendingText="Sending request…">
            Apply to be a member
          </SubmitButton>
        </Form>
      ) : null}

      <h2>Profile</h2>
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
          label="Organisation"
          name="organisation"
          autoComplete="organization"
          defaultValue={values.organisation}
          error={errors?.organisation}
          required
        />
        <Field
          label="Job title (optional)"
          name="jobTitle"
          autoComplete="organization-title"
          defaultValue={values.jobTitle ?? ""}
          error={errors?.jobTitle}
        />
        <SubmitButton name="intent" value="profile" pendingText="Saving…">
          Save profile
        </SubmitButton>
      </Form>

      <h2>Password</h2>
      <p>
        <Link to="/me/password">Change your password</Link>
      </p>
      <h2>Two-step sign-in</h2>
      <p>
        {twoFactorEnabled
          ? "Two-step sign-in is on. "
          : "Protect your account with a code from an authenticator app as well as your password. "}
        <Link to="/me/security">{twoFactorEnabled ? "Manage two-step sign-in" : "Set up two-step sign-in"}</Link>
      </p>

      <h2>Your data</h2>
      <p>
        <Link to="/me/data">Download your data or delete your account</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Your account");
