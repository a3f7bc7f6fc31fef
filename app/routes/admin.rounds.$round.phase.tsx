import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Radios } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { PhaseBadge } from "~/components/phase-badge";
import { SubmitButton } from "~/components/submit-button";
import { now } from "~/lib/clock";
import { DomainError, statusOf } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon, formatRelative } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { ADVANCE_ACTIONS, PHASE_LABELS, forRules } from "~/modules/rounds/model";
import { roundHistory, type HistoryEntry } from "~/modules/rounds/queries.server";
import { dueTransition, hasReached, SCHEDULE_FIELDS, SCHEDULE_LABELS } from "~/modules/rounds/rules";
import { nextDeadline } from "~/modules/rounds/timeline";
import { advanceRound, extendDeadline, previewAdvance } from "~/modules/rounds/transition.server";
import { AdvanceFormSchema, ExtendFormSchema } from "~/modules/rounds/validation";

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describe(entry: HistoryEntry): string {
  if (entry.action === "round.deadline_extended" && entry.field) {
    const when = (iso?: string) => (iso ? formatLondon(new Date(iso)) : "?");
    return `${capital(SCHEDULE_LABELS[entry.field])} extended from ${when(entry.previous)} to ${when(entry.next)}`;
  }
  const move = `${PHASE_LABELS[entry.from ?? "draft"]} to ${PHASE_LABELS[entry.to ?? "draft"]}`;
  return entry.kind === "scheduled" ? `Moved from ${move} on schedule` : `Moved from ${move} by the programme team`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  const at = now();
  const [preview, history] = await Promise.all([previewAdvance(round, at), roundHistory(round.id)]);
  const next = nextDeadline(round, at);
  const due = dueTransition(forRules(round), at);
  return {
    round: { slug: round.slug, title: round.title, phase: round.phase },
    advance: preview ? { ...preview, label: PHASE_LABELS[preview.to] } : null,
    next: next ? { label: next.label, at: formatLondon(next.at), relative: formatRelative(next.at, at) } : null,
    overdue: due ? PHASE_LABELS[due] : null,
    deadlines: SCHEDULE_FIELDS.flatMap((field) => {
      const time = round[field];
      return time && time.getTime() > at.getTime() && round.phase !== "closed"
        ? [{ field, label: capital(SCHEDULE_LABELS[field]), at: formatLondon(time) }]
        : [];
    }),
    history: history.map((entry) => ({
      at: formatLondon(entry.at),
      what: describe(entry),
      who: entry.actorName ?? (entry.kind === "scheduled" ? "The schedule" : "Someone since removed"),
      reason: entry.reason,
    })),
  };
}

/** The use case names its inputs; on this page the extension form's fields have their own names. */
const EXTENSION_FIELDS: Record<string, string> = { field: "deadline", reason: "extensionReason" };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const round = await roundFromParams(params);
  const form = await readForm(request);
  const values = formValues(form);
  const intent = form.get("intent");
  try {
    if (intent === "advance") {
      const parsed = parseForm(AdvanceFormSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      const result = await advanceRound(admin, round.id, {
        kind: "early",
        reason: parsed.data.reason,
        from: parsed.data.from,
      });
      const to = result.status === "advanced" ? PHASE_LABELS[result.to].toLowerCase() : "its next phase";
      return redirectWithFlash(
        `/admin/rounds/${round.slug}/phase`,
        `${round.title} moved on to ${to}. Members and the programme team are being emailed.`,
      );
    }
    if (intent === "extend") {
      const parsed = parseForm(ExtendFormSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      const { deadline, newTime, extensionReason } = parsed.data;
      await extendDeadline(admin, round.id, deadline, newTime, extensionReason);
      return redirectWithFlash(
        `/admin/rounds/${round.slug}/phase`,
        `${capital(SCHEDULE_LABELS[deadline])} is now ${formatLondon(newTime)}.`,
      );
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(
      Object.entries(error.fieldErrors ?? { form: error.message }).map(([key, message]) => [
        intent === "extend" ? (EXTENSION_FIELDS[key] ?? key) : key,
        message,
      ]),
    );
    return formFailure(errors, values, statusOf(error));
  }
  return formFailure({ form: "Choose what to do: move the round on or extend a deadline." }, values);
}

export default function RoundPhase() {
  const { round, advance, next, overdue, deadlines, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result?.values?.intent;
  const errorsFor = (intent: string) => (failed === intent ? result?.errors : undefined);
  const valueFor = (intent: string, name: string) => (failed === intent ? result?.values?.[name] : undefined);
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
          { href: `/admin/rounds/${round.slug}`, label: round.title },
        ]}
        current="Phase"
      />
      <span className="caption">Phase</span>
      <h1>{round.title}</h1>
      <ErrorSummary errors={result?.errors} />
      <dl className="summary-list">
        <div>
          <dt>Phase now</dt>
          <dd>
            <PhaseBadge phase={round.phase} />
          </dd>
        </div>
        <div>
          <dt>Next scheduled change</dt>
          <dd>
            {next ? (
              <>
                {next.label}: {next.at} ({next.relative})
              </>
            ) : overdue ? (
              `Moving to ${overdue.toLowerCase()} is due now`
            ) : (
              "None: the next phase starts when the programme team moves the round on"
            )}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/admin/rounds/${round.slug}/edit`}>Change the round's settings</Link>
        {round.phase !== "draft" ? (
          <>
            {" "}
            · <Link to={`/rounds/${round.slug}`}>See the public page</Link>
          </>
        ) : null}
        {hasReached(round.phase, "results") ? (
          <>
            {" "}
            · <Link to={`/admin/rounds/${round.slug}/results`}>Review the results</Link>
          </>
        ) : null}
      </p>

      <h2>{round.phase === "draft" ? "Open the round" : "Move the round on now"}</h2>
      {!advance ? (
        <p>The round is closed: it is a read-only archive and has no next phase.</p>
      ) : !advance.ok ? (
        <div className="empty-state">
          <p>
            {advance.label} cannot start yet. {advance.reason}
          </p>
        </div>
      ) : (
        <Form method="post" noValidate>
          <p>
            {round.phase === "draft"
              ? "Opening the round makes it public and starts the ideas phase now. Members and the programme team are emailed."
              : `This moves the round from ${PHASE_LABELS[round.phase].toLowerCase()} to ${advance.label.toLowerCase()} now, ahead of its schedule. Members and the programme team are emailed.`}
          </p>
          <input type="hidden" name="from" value={round.phase} />
          <Field
            label={round.phase === "draft" ? "Reason for opening the round now" : "Reason for moving the round on now"}
            name="reason"
            multiline
            rows={3}
            maxLength={1000}
            hint="Kept in the round's history and the audit log."
            defaultValue={valueFor("advance", "reason")}
            error={errorsFor("advance")?.reason}
          />
          <SubmitButton name="intent" value="advance" pendingText="Moving on…">
            {ADVANCE_ACTIONS[advance.to]}
          </SubmitButton>
        </Form>
      )}

      <h2>Extend a deadline</h2>
      {deadlines.length === 0 ? (
        <p>No deadline is still ahead, so there is nothing to extend.</p>
      ) : (
        <Form method="post" noValidate>
          <Radios
            name="deadline"
            legend="Which deadline"
            defaultValue={valueFor("extend", "deadline")}
            error={errorsFor("extend")?.deadline}
            options={deadlines.map((d) => ({ value: d.field, label: d.label, hint: `Now ${d.at}` }))}
          />
          <Field
            label="New date and time (London time)"
            name="newTime"
            type="datetime-local"
            hint="Later than the current one, and before the next date in the schedule. London time: GMT in winter, BST in summer."
            defaultValue={valueFor("extend", "newTime")}
            error={errorsFor("extend")?.newTime}
            inputClassName="input--width-20"
          />
          <Field
            label="Reason for the extension"
            name="extensionReason"
            multiline
            rows={3}
            maxLength={1000}
            hint="Kept in the round's history and the audit log."
            defaultValue={valueFor("extend", "extensionReason")}
            error={errorsFor("extend")?.extensionReason}
          />
          <SubmitButton name="intent" value="extend" variant="secondary" pendingText="Extending…">
            Extend the deadline
          </SubmitButton>
        </Form>
      )}

      <h2>History</h2>
      {history.length === 0 ? (
        <p>The round has not changed phase yet.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="history-caption" tabIndex={0}>
          <table className="table">
            <caption id="history-caption">Phase changes and extensions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry, i) => (
                <tr key={i}>
                  <td>{entry.at}</td>
                  <td>{entry.what}</td>
                  <td>{entry.who}</td>
                  <td>{entry.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Phase of ${data.round.title}` : "Round phase");
