import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/select-field";
import { Field } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { MEMBERSHIP_FILTERS, MEMBERSHIP_LABELS, ROLE_FILTERS, ROLE_LABELS } from "~/modules/accounts/admin-filters";
import { listUsers } from "~/modules/accounts/admin-users.server";
import { UserFiltersSchema } from "~/modules/accounts/admin-validation";

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filters = UserFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listUsers(filters, filters.page, PAGE_SIZE);
  return {
    filters: { q: filters.q ?? "", membership: filters.membership ?? "", role: filters.role ?? "", page: filters.page },
    total,
    people: rows.map((r) => ({
      ...r,
      suspended: r.suspendedAt !== null,
      suspendedAt: undefined,
      createdAt: undefined,
    })),
  };
}

type Filters = { q: string; membership: string; role: string; page: number };

function listHref(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.membership) params.set("membership", filters.membership);
  if (filters.role) params.set("role", filters.role);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

export default function AdminUsers() {
  const { filters, total, people } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.membership || filters.role);
  return (
    <div>
      <h1>People</h1>
      <p>Everyone with an account. Open a person to decide their membership, make them an admin, or suspend them.</p>
      <form method="get" action="/admin/users" className="filters" role="search" aria-label="Search and filter people">
        <div className="filters__row">
          <Field
            label="Search"
            name="q"
            type="search"
            defaultValue={filters.q}
            hint="Part of a name, email address or organisation"
          />
        </div>
        <div className="filters__row">
          <SelectField
            label="Membership"
            name="membership"
            value={filters.membership}
            options={MEMBERSHIP_FILTERS.map((m) => ({ value: m, label: MEMBERSHIP_LABELS[m] }))}
            all="Any membership"
          />
          <SelectField
            label="Role"
            name="role"
            value={filters.role}
            options={ROLE_FILTERS.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            all="Any role"
          />
          <button type="submit" className="button">
            Show people
          </button>
        </div>
        {filtered ? (
          <p className="filters__clear">
            <Link to="/admin/users">Clear search and filters</Link>
          </p>
        ) : null}
      </form>
      {people.length === 0 ? (
        <div className="empty-state">
          <h2>No one found</h2>
          <p>
            {filtered ? "Nobody matches this search. Try fewer words or other filters." : "There are no accounts yet."}
          </p>
        </div>
      ) : (
        <>
          <Pagination
            page={filters.page}
            pageSize={PAGE_SIZE}
            total={total}
            noun="people"
            nounSingular="person"
            makeHref={(p) => listHref(filters, p)}
          />
          <div className="table-wrap" role="region" aria-labelledby="people-caption" tabIndex={0}>
            <table className="table">
              <caption id="people-caption">People, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Membership</th>
                  <th scope="col">Roles</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/admin/users/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>{p.email}</td>
                    <td>{p.organisation}</td>
                    <td>{MEMBERSHIP_LABELS[p.membership]}</td>
                    <td>{roles(p).join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function roles(p: { isAdmin: boolean; panels: number; suspended: boolean }): string[] {
  return [
    p.isAdmin ? "Admin" : null,
    p.panels > 0 ? `Reviewer (${p.panels} ${p.panels === 1 ? "panel" : "panels"})` : null,
    p.suspended ? "Suspended" : null,
  ].filter((r): r is string => r !== null);
}

export const meta: MetaFunction = () => title("People");
