import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
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

const DecisionSchema = z.object({
  userId: z.uuid(),
  intent: z.enum(["approve", "decline"]),
  confirm: z.literal("yes").optional(),
});

type Confirmation = { intent: "decline" | "remove-domain"; subject: string; label: string; question: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "approve" || intent === "decline") {
      const parsed = parseForm(DecisionSchema, form);
      if (!parsed.ok) return formFailure({ form: "Choose a request to decide." }, {});
      // Declining asks once more, on the page itself, so it works without JavaScript.
      if (intent === "decline" && !parsed.data.confirm) {
        const name = String(form.get("name") ?? "this person").slice(0, 100);
        return data({
          confirm: {
            intent,
            subject: parsed.data.userId,
            label: "Decline membership",
            question: `Decline ${name}'s membership request? They will be told by email and can apply again later.`,
          } satisfies Confirmation,
        });
      }
      const { name } = await decideMembership(admin, { userId: parsed.data.userId, approve: intent === "approve" });
      return redirectWithFlash(
        "/admin/members",
        intent === "approve" ? `${name} is now a member.` : `${name}'s request was declined.`,
      );
    }
    if (intent === "add-domain") {
      const parsed = parseForm(DomainSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
      await addMembershipDomain(admin, parsed.data.domain);
      return redirectWithFlash(
        "/admin/members",
        `People with a confirmed ${parsed.data.domain} address now become members at once.`,
      );
    }
    if (intent === "remove-domain") {
      const domain = String(form.get("domain") ?? "");
      if (form.get("confirm") !== "yes") {
        return data({
          confirm: {
            intent,
            subject: domain,
            label: "Remove domain",
            question: `Remove ${domain}? People who confirm an address on it will wait for a decision again.`,
          } satisfies Confirmation,
        });
      }
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
  const location = useLocation();
  const confirm = result && "confirm" in result ? result.confirm : null;
  const failed = result && "errors" in result ? result : null;
  if (confirm) return <Confirm confirm={confirm} />;
  return (
    <div>
      <h1>Membership</h1>
      <ErrorSummary errors={failed?.errors} />
      <h2>Requests waiting for a decision</h2>
      {requests.length === 0 ? (
        <p>No one is waiting. New requests appear here once the person has confirmed their email address.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="requests-caption" tabIndex={0}>
          <table className="table">
            <caption id="requests-caption">Membership requests, oldest first</caption>
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
                      <input type="hidden" name="name" value={r.name} />
                      <button
                        type="submit"
                        className="button"
                        name="intent"
                        value="approve"
                        aria-label={`Approve ${r.name}`}
                      >
                        Approve
                      </button>{" "}
                      <button
                        type="submit"
                        className="button button--secondary"
                        name="intent"
                        value="decline"
                        aria-label={`Decline ${r.name}`}
                      >
                        Decline
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Domains whose people become members at once</h2>
      <p>
        Someone who asks for membership with a confirmed email address on one of these domains (or a subdomain) is
        approved without waiting.
      </p>
      {domains.length === 0 ? (
        <p>No domains yet.</p>
      ) : (
        <ul>
          {domains.map((domain) => (
            <li key={domain}>
              <Form method="post" className="inline-actions">
                {domain} <input type="hidden" name="domain" value={domain} />
                <button
                  type="submit"
                  className="button button--secondary"
                  name="intent"
                  value="remove-domain"
                  aria-label={`Remove ${domain}`}
                >
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {/* A new key after each successful change empties the field (the page is the same URL). */}
      <Form method="post" noValidate key={location.key}>
        <Field
          label="Add a domain"
          name="domain"
          hint="For example, nhs.net"
          defaultValue={failed?.values?.domain}
          error={failed?.errors?.domain}
        />
        <SubmitButton name="intent" value="add-domain" variant="secondary" pendingText="Adding…">
          Add domain
        </SubmitButton>
      </Form>
    </div>
  );
}

function Confirm({ confirm }: { confirm: Confirmation }) {
  return (
    <div className="prose">
      <h1>Are you sure?</h1>
      <p>{confirm.question}</p>
      <Form method="post" className="button-group">
        <input type="hidden" name={confirm.intent === "decline" ? "userId" : "domain"} value={confirm.subject} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="button button--warning" name="intent" value={confirm.intent}>
          {confirm.label}
        </button>
        <Link to="/admin/members" className="button button--secondary">
          Cancel
        </Link>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Membership");
