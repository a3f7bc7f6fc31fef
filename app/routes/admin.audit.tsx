import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField } from "~/components/select-field";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { title } from "~/lib/meta";
import { formatLondon, parseLondonDateTime } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { actionInWords, detailPairs } from "~/modules/audit/actions";
import { auditActions, listAudit } from "~/modules/audit/queries.server";
import { listRoundsForAdmin } from "~/modules/rounds/queries.server";

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// PostgreSQL cannot take a NUL character in text: a filter with one is ignored, never a 500.
const noNul = (s: string) => !s.includes("\u0000");
const Search = z.object({
  actor: z.string().trim().max(200).refine(noNul).catch(""),
  action: z.string().max(100).refine(noNul).catch(""),
  round: z.string().max(100).refine(noNul).catch(""),
  from: z.string().trim().max(10).catch(""),
  to: z.string().trim().max(10).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The start of a London date (midnight, GMT or BST) as an instant. */
function londonMidnight(date: string): Date | null {
  if (!DATE.test(date)) return null;
  const parsed = parseLondonDateTime(`${date}T00:00`);
  return parsed.ok ? parsed.value : null;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const search = Search.parse({
    actor: "",
    action: "",
    round: "",
    from: "",
    to: "",
    ...Object.fromEntries(new URL(request.url).searchParams),
  });
  const errors: Record<string, string> = {};
  const from = search.from ? londonMidnight(search.from) : null;
  if (search.from && !from) errors.from = "Enter the first date as a real date, like 2027-03-21";
  // "To" is inclusive: everything before the start of the following day.
  const to = search.to ? (londonMidnight(search.to) ? londonMidnight(nextDay(search.to)) : null) : null;
  if (search.to && !to) errors.to = "Enter the last date as a real date, like 2027-03-31";
  if (from && to && from >= to) errors.to = "The last date must be the same as or after the first date";
  const [actions, rounds] = await Promise.all([auditActions(), listRoundsForAdmin()]);
  const round = rounds.find((r) => r.slug === search.round);
  const { rows, total } = await listAudit(
    {
      actor: search.actor || undefined,
      action: search.action || undefined,
      roundId: round?.id,
      from: errors.from ? undefined : (from ?? undefined),
      to: errors.to ? undefined : (to ?? undefined),
    },
    search.page,
    PAGE_SIZE,
  );
  return {
    search,
    errors: Object.keys(errors).length ? errors : undefined,
    actions: actions.map((a) => ({ value: a, label: actionInWords(a) })),
    rounds: rounds.map((r) => ({ value: r.slug, label: r.title })),
    total,
    entries: rows.map((r) => ({
      id: r.id,
      at: formatLondon(r.at),
      action: actionInWords(r.action),
      actor:
        r.actorId === null
          ? { name: "System", href: null }
          : r.actorDeleted || !r.actorName
            ? { name: "Former member", href: null }
            : { name: r.actorName, href: `/admin/users/${r.actorId}` },
      subject: subjectOf(r),
      round: r.roundSlug ? { slug: r.roundSlug, title: r.roundTitle } : null,
      details: detailPairs(r.details),
    })),
  };
}

type Row = Awaited<ReturnType<typeof listAudit>>["rows"][number];

function subjectOf(r: Row): { label: string; href: string | null } {
  if (r.subjectType === "user") {
    if (r.subjectUserId) return { label: r.subjectUserName ?? "Person", href: `/admin/users/${r.subjectUserId}` };
    return { label: "Former member", href: null };
  }
  if (r.idea) {
    const label = r.subjectType === "comment" ? `Comment on “${r.idea.title}”` : r.idea.title;
    return { label, href: `/rounds/${r.idea.roundSlug}/ideas/${r.idea.slug}` };
  }
  if (r.subjectType === "round" && r.roundSlug)
    return { label: r.roundTitle ?? r.roundSlug, href: `/admin/rounds/${r.roundSlug}/edit` };
  if (r.subjectType === "membership_domain") return { label: `Domain ${r.subjectId}`, href: "/admin/members" };
  return {
    label: r.subjectId ? `${r.subjectType.replace(/_/g, " ")} ${r.subjectId}` : r.subjectType.replace(/_/g, " "),
    href: null,
  };
}

type Search = z.output<typeof Search>;

function listHref(search: Search, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "round", "from", "to"] as const) if (search[key]) params.set(key, search[key]);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

export default function AdminAudit() {
  const { search, errors, actions, rounds, total, entries } = useLoaderData<typeof loader>();
  const filtered = Boolean(search.actor || search.action || search.round || search.from || search.to);
  return (
    <div>
      <h1>Audit log</h1>
      <p>Every privileged action, newest first. The log cannot be changed or deleted. Dates are London dates.</p>
      <ErrorSummary errors={errors} />
      <form
        method="get"
        action="/admin/audit"
        className="filters"
        role="search"
        aria-label="Filter the audit log"
        noValidate
      >
        <div className="filters__row">
          <Field
            label="Who"
            name="actor"
            type="search"
            defaultValue={search.actor}
            hint="Part of a name or email address, or a person's id"
          />
          <SelectField label="Action" name="action" value={search.action} options={actions} all="Any action" />
          <SelectField label="Round" name="round" value={search.round} options={rounds} all="Any round" />
        </div>
        <div className="filters__row">
          <Field
            label="From"
            name="from"
            type="date"
            defaultValue={search.from}
            error={errors?.from}
            hint="First day, e.g. 2027-03-21"
          />
          <Field
            label="To"
            name="to"
            type="date"
            defaultValue={search.to}
            error={errors?.to}
            hint="Last day, included"
          />
          <button type="submit" className="button">
            Show entries
          </button>
        </div>
        {filtered ? (
          <p className="filters__clear">
            <Link to="/admin/audit">Clear filters</Link>
          </p>
        ) : null}
      </form>
      {entries.length === 0 ? (
        <div className="empty-state">
          <h2>No entries</h2>
          <p>
            {filtered
              ? "Nothing matches these filters. Try a wider date range or fewer filters."
              : "Nothing has been recorded yet."}
          </p>
        </div>
      ) : (
        <>
          <Pagination
            page={search.page}
            pageSize={PAGE_SIZE}
            total={total}
            noun="entries"
            nounSingular="entry"
            makeHref={(p) => listHref(search, p)}
          />
          <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
            <table className="table audit-table">
              <caption id="audit-caption">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Round</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{e.at}</td>
                    <td>{e.actor.href ? <Link to={e.actor.href}>{e.actor.name}</Link> : e.actor.name}</td>
                    <td>{e.action}</td>
                    <td>{e.subject.href ? <Link to={e.subject.href}>{e.subject.label}</Link> : e.subject.label}</td>
                    <td>{e.round ? e.round.title : "—"}</td>
                    <td>
                      {e.details.length === 0 ? (
                        "—"
                      ) : (
                        <dl className="audit-details">
                          {e.details.map(([key, value]) => (
                            <div key={key}>
                              <dt>{key}</dt>
                              <dd>{value}</dd>
                            </div>
                          ))}
                        </dl>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > PAGE_SIZE ? (
            <Pagination
              page={search.page}
              pageSize={PAGE_SIZE}
              total={total}
              noun="entries"
              nounSingular="entry"
              makeHref={(p) => listHref(search, p)}
              label="Pagination (bottom)"
            />
          ) : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Audit log");
