import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { setAdmin } from "~/modules/accounts/admin-role.server";
import { MEMBERSHIP_LABELS } from "~/modules/accounts/admin-filters";
import { getUserForAdmin } from "~/modules/accounts/admin-users.server";
import { DeclineSchema, RemoveAdminSchema, SuspendSchema } from "~/modules/accounts/admin-validation";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { decideMembership } from "~/modules/accounts/membership.server";
import { restoreUser, suspendUser } from "~/modules/accounts/suspension.server";

const Params = z.object({ user: z.uuid() });

async function personFromParams(params: unknown) {
  const parsed = Params.safeParse(params);
  const person = parsed.success ? await getUserForAdmin(parsed.data.user) : null;
  if (!person) httpError(404, "There is no such person.");
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const person = await personFromParams(params);
  const at = (d: Date | null) => (d ? formatLondon(d) : null);
  return {
    isSelf: admin.id === person.id,
    person: {
      ...person,
      createdAt: at(person.createdAt),
      emailVerifiedAt: at(person.emailVerifiedAt),
      membershipRequestedAt: at(person.membershipRequestedAt),
      membershipDecidedAt: at(person.membershipDecidedAt),
      suspendedAt: at(person.suspendedAt),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const person = await personFromParams(params);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const values = { ...formValues(form), intent };
  const here = `/admin/users/${person.id}`;
  try {
    switch (intent) {
      case "approve": {
        await decideMembership(admin, { userId: person.id, approve: true });
        return redirectWithFlash(here, `${person.name} is now a member.`);
      }
      case "decline": {
        const parsed = parseForm(DeclineSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        await decideMembership(admin, { userId: person.id, approve: false });
        return redirectWithFlash(here, `${person.name}'s membership request was declined.`);
      }
      case "grant-admin": {
        await setAdmin(admin, { userId: person.id, admin: true });
        return redirectWithFlash(here, `${person.name} is now an admin.`);
      }
      case "remove-admin": {
        const parsed = parseForm(RemoveAdminSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        await setAdmin(admin, { userId: person.id, admin: false });
        return redirectWithFlash(here, `${person.name} is no longer an admin.`);
      }
      case "suspend": {
        const parsed = parseForm(SuspendSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, values);
        await suspendUser(admin, { userId: person.id, reason: parsed.data.reason });
        return redirectWithFlash(here, `${person.name} is suspended and has been signed out everywhere.`);
      }
      case "restore": {
        await restoreUser(admin, { userId: person.id });
        return redirectWithFlash(here, `${person.name} can sign in again.`);
      }
    }
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, values);
    throw error;
  }
  return formFailure({ form: "Choose an action." }, values);
}

export default function AdminUser() {
  const { person, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values: Record<string, string> = result?.values ?? {};
  const failed = (intent: string) => values.intent === intent;
  return (
    <div className="prose">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/users", label: "People" },
        ]}
        current={person.name}
      />
      <h1>{person.name}</h1>
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <Row label="Email address">
          {person.email} {person.emailVerifiedAt ? "(confirmed)" : "(not confirmed yet)"}
        </Row>
        <Row label="Organisation">{person.organisation}</Row>
        {person.jobTitle ? <Row label="Job title">{person.jobTitle}</Row> : null}
        <Row label="Account created">{person.createdAt}</Row>
        <Row label="Public profile">
          <Link to={`/people/${person.handle}`}>/people/{person.handle}</Link>
        </Row>
        <Row label="Ideas">
          {person.ideas === 0
            ? "On no idea's team"
            : `On the team of ${person.ideas} ${person.ideas === 1 ? "idea" : "ideas"}`}
        </Row>
        <Row label="Panels">
          {person.panels.length === 0
            ? "None"
            : person.panels.map((p, i) => (
                <span key={p.slug}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/admin/rounds/${p.slug}/panel`}>{p.title}</Link>
                  {p.isChair ? " (chair)" : ""}
                </span>
              ))}
        </Row>
        <Row label="History">
          <Link to={`/admin/audit?actor=${person.id}`}>What they did</Link> (audit log)
        </Row>
      </dl>

      <h2>Membership</h2>
      <p>
        {MEMBERSHIP_LABELS[person.membership]}
        {person.membershipRequestedAt ? `; asked ${person.membershipRequestedAt}` : ""}
        {person.membershipDecidedAt ? `; decided ${person.membershipDecidedAt}` : ""}.
      </p>
      {person.membership === "pending" ? (
        person.emailVerifiedAt ? (
          <>
            <Form method="post">
              <SubmitButton name="intent" value="approve" pendingText="Approving…">
                Approve membership
              </SubmitButton>
            </Form>
            <Form method="post" noValidate>
              <Checkbox
                name="declineConfirm"
                label={`Yes, decline ${person.name}'s request`}
                hint="They are told by email and can ask again later."
                error={failed("decline") ? errors?.declineConfirm : undefined}
                required
              />
              <SubmitButton name="intent" value="decline" variant="warning" pendingText="Declining…">
                Decline membership
              </SubmitButton>
            </Form>
          </>
        ) : (
          <p>They must confirm their email address before their request can be decided.</p>
        )
      ) : null}

      <h2>Admin</h2>
      {person.isAdmin ? (
        isSelf ? (
          <p>You are an admin. Another admin can remove your admin right; you cannot remove it yourself.</p>
        ) : (
          <Form method="post" noValidate>
            <p>{person.name} is an admin: they can do everything the programme team does.</p>
            <Checkbox
              name="removeAdminConfirm"
              label={`Yes, remove ${person.name}'s admin right`}
              error={failed("remove-admin") ? errors?.removeAdminConfirm : undefined}
              required
            />
            <SubmitButton name="intent" value="remove-admin" variant="warning" pendingText="Removing…">
              Remove admin right
            </SubmitButton>
          </Form>
        )
      ) : (
        <Form method="post">
          <p>An admin can run rounds, decide membership, moderate, and see every person's details.</p>
          <SubmitButton name="intent" value="grant-admin" variant="secondary" pendingText="Saving…">
            Make {person.name} an admin
          </SubmitButton>
        </Form>
      )}

      <h2>Suspension</h2>
      {person.suspendedAt ? (
        <Form method="post">
          <p>
            Suspended {person.suspendedAt}. Reason given: {person.suspendedReason}
          </p>
          <SubmitButton name="intent" value="restore" pendingText="Restoring…">
            Restore account
          </SubmitButton>
        </Form>
      ) : isSelf ? (
        <p>You cannot suspend yourself.</p>
      ) : (
        <Form method="post" noValidate>
          <p>
            A suspended person is signed out everywhere at once and cannot sign in until restored. They are shown the
            reason.
          </p>
          <Field
            label="Reason for the suspension"
            name="reason"
            multiline
            rows={3}
            maxLength={500}
            defaultValue={failed("suspend") ? values.reason : undefined}
            error={errors?.reason}
            required
          />
          <Checkbox
            name="suspendConfirm"
            label={`Yes, suspend ${person.name} and sign them out`}
            error={failed("suspend") ? errors?.suspendConfirm : undefined}
            required
          />
          <SubmitButton name="intent" value="suspend" variant="warning" pendingText="Suspending…">
            Suspend account
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? data.person.name : "Person");
