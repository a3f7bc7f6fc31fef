import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import {
  addMembershipDomain,
  decideMembership,
  listMembershipDomains,
  listMembershipRequests,
  removeMembershipDomain,
} from "~/modules/accounts/membership.server";
import { DomainSchema } from "~/modules/accounts/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [requests, domains] = await Promise.all([listMembershipRequests(), listMembershipDomains()]);
  return {
    requests: requests.map((r) => ({ ...r, requestedAt: r.requestedAt?.toISOString() ?? null })),
    domains: domains.map((d) => d.domain),
  };
}

const DecisionSchema = z.object({ userId: z.uuid(), intent: z.enum(["approve", "decline"]) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "approve" || intent === "decline") {
      const parsed = parseForm(DecisionSchema, form);
      if (!parsed.ok) return formFailure({ form: "Choose a request to decide." }, {});
      const { name } = await decideMembership(admin, { userId: parsed.data.userId, approve: intent === "approve" });
      return redirectWithFlash("/admin/members", intent === "approve" ? `${name} is now a member.` : `${name}'s request was declined.`);
    }
    if (intent === "add-domain") {
      const parsed = parseForm(DomainSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
      await addMembershipDomain(admin, parsed.data.domain);
      return redirectWithFlash("/admin/members", `People with a confirmed ${parsed.data.domain} address now become members at once.`);
    }
    if (intent === "remove-domain") {
      const domain = String(form.get("domain") ?? "");
      await removeMembershipDomain(admin, domain);
      return redirectWithFlash("/admin/members", `${domain} was removed from the list.`);
    }
  } catch (error) {
    if (error instanceof DomainError) return domainFailure(error, formValues(form));
    throw error;
  }
  return formFailure({ form: "Unknown action." }, {});
}

export default function AdminMembers() {
  const { requests, domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1>Membership</h1>
      <ErrorSummary errors={result?.errors} />
      <h2>Requests waiting for a decision</h2>
      {requests.length === 0 ? (
        <p>No one is waiting. New requests appear here once the person has confirmed their email address.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Membership requests, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Organisation</th>
              <th scope="col">Email</th>
              <th scope="col">Asked</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  {r.jobTitle ? <div className="hint">{r.jobTitle}</div> : null}
                </td>
                <td>{r.organisation}</td>
                <td>{r.email}</td>
                <td>{r.requestedAt ? formatLondon(new Date(r.requestedAt)) : "—"}</td>
                <td>
                  <Form method="post" className="inline-actions">
                    <input type="hidden" name="userId" value={r.id} />
                    <button type="submit" className="button" name="intent" value="approve" aria-label={`Approve ${r.name}`}>
                      Approve
                    </button>{" "}
                    <button type="submit" className="button button--secondary" name="intent" value="decline" aria-label={`Decline ${r.name}`}>
                      Decline
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Domains whose people become members at once</h2>
      <p>Someone who asks for membership with a confirmed email address on one of these domains (or a subdomain) is approved without waiting.</p>
      {domains.length === 0 ? (
        <p>No domains yet.</p>
      ) : (
        <ul>
          {domains.map((domain) => (
            <li key={domain}>
              <Form method="post" className="inline-actions">
                {domain} <input type="hidden" name="domain" value={domain} />
                <button type="submit" className="button button--secondary" name="intent" value="remove-domain" aria-label={`Remove ${domain}`}>
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate>
        <Field label="Add a domain" name="domain" hint="For example, nhs.net" defaultValue={result?.values?.domain} error={result?.errors?.domain} />
        <SubmitButton name="intent" value="add-domain" variant="secondary" pendingText="Adding…">
          Add domain
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Membership");
