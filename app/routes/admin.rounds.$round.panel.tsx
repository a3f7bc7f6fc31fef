import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import {
  addAssignment,
  addReviewer,
  assignAll,
  overrideOrganisationConflict,
  removeAssignment,
  removeReviewer,
  setChair,
} from "~/modules/panel/manage-panel.server";
import { panelOverview } from "~/modules/panel/panel-queries.server";
import {
  AddReviewerSchema,
  AssignAllSchema,
  ChairSchema,
  OverrideSchema,
  PairSchema,
  PersonSchema,
} from "~/modules/panel/validation";
import { PanelMembersSection, PanelProposalsSection } from "~/components/panel-admin";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  const o = await panelOverview(round.id);
  const names = new Map(o.members.map((m) => [m.id, m.name]));
  const loads = new Map(o.members.map((m) => [m.id, 0]));
  for (const a of o.assignments) loads.set(a.reviewerId, (loads.get(a.reviewerId) ?? 0) + 1);
  const statusOf = (ideaId: string, reviewerId: string) =>
    o.reviews.find((r) => r.ideaId === ideaId && r.reviewerId === reviewerId)?.status ?? "to do";
  return {
    round: { slug: round.slug, title: round.title },
    published: o.published,
    members: o.members.map((m) => ({ ...m, load: loads.get(m.id) ?? 0 })),
    proposals: o.proposals.map((p) => ({
      ...p,
      reviewers: o.assignments
        .filter((a) => a.ideaId === p.id)
        .map((a) => ({
          id: a.reviewerId,
          name: names.get(a.reviewerId) ?? "Former reviewer",
          status: statusOf(p.id, a.reviewerId),
        })),
      conflicts: o.conflicts
        .filter((c) => c.ideaId === p.id)
        .map((c) => ({
          reviewerId: c.reviewerId,
          name: names.get(c.reviewerId) ?? "Former reviewer",
          kind: c.kind,
          detail: c.detail,
          overridden: c.overriddenAt !== null,
          overrideReason: c.overrideReason,
        })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const round = await roundFromParams(params);
  const form = await readForm(request);
  const values = formValues(form);
  const back = `/admin/rounds/${round.slug}/panel`;
  const intent = form.get("intent");
  try {
    if (intent === "add-reviewer") {
      const parsed = parseForm(AddReviewerSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      const user = await addReviewer(admin, { roundId: round.id, ...parsed.data });
      return redirectWithFlash(back, `${user.name} is on the panel${parsed.data.chair ? " as its chair" : ""}.`);
    }
    if (intent === "remove-reviewer") {
      const parsed = parseForm(PersonSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await removeReviewer(admin, { roundId: round.id, userId: parsed.data.userId });
      return redirectWithFlash(back, "The reviewer and their assignments were removed from the panel.");
    }
    if (intent === "chair") {
      const parsed = parseForm(ChairSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await setChair(admin, { roundId: round.id, userId: parsed.data.userId });
      return redirectWithFlash(back, parsed.data.userId ? "The panel has a new chair." : "The panel has no chair now.");
    }
    if (intent === "assign-all") {
      const parsed = parseForm(AssignAllSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      const result = await assignAll(admin, { roundId: round.id, k: parsed.data.k });
      const removed = result.removed > 0 ? ` ${result.removed} assignments were removed because of conflicts.` : "";
      const short =
        result.shortfalls.length === 0
          ? ` Every proposal has ${parsed.data.k} ${parsed.data.k === 1 ? "reviewer" : "reviewers"}.`
          : ` ${result.shortfalls.length} ${result.shortfalls.length === 1 ? "proposal has" : "proposals have"} fewer than ${parsed.data.k}: ` +
            result.shortfalls.map((s) => `“${s.title}” has ${s.got} (${s.reason.replace(/\.$/, "")})`).join("; ") +
            ".";
      return redirectWithFlash(
        back,
        `${result.added} new ${result.added === 1 ? "assignment" : "assignments"}.${removed}${short}`,
        { kind: result.shortfalls.length ? "info" : "success" },
      );
    }
    if (intent === "add-assignment" || intent === "remove-assignment") {
      const parsed = parseForm(PairSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      if (intent === "add-assignment") await addAssignment(admin, { roundId: round.id, ...parsed.data });
      else await removeAssignment(admin, { roundId: round.id, ...parsed.data });
      return redirectWithFlash(back, intent === "add-assignment" ? "Assignment added." : "Assignment removed.");
    }
    if (intent === "override") {
      const parsed = parseForm(OverrideSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await overrideOrganisationConflict(admin, { roundId: round.id, ...parsed.data });
      return redirectWithFlash(back, "The organisation conflict is overridden; the reviewer may now be assigned.");
    }
  } catch (error) {
    return domainFailure(error, values);
  }
  return formFailure({ form: "Choose what to do." }, values);
}

export default function AdminPanel() {
  const { round, published, members, proposals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result?.values?.intent;
  const errorsFor = (intent: string) => (failed === intent ? result?.errors : undefined);
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to="/admin">Admin</Link>
          </li>
          <li className="breadcrumbs__item">
            <Link to="/admin/rounds">Funding rounds</Link>
          </li>
          <li className="breadcrumbs__item">
            <Link to={`/admin/rounds/${round.slug}`}>{round.title}</Link>
          </li>
          <li className="breadcrumbs__item" aria-current="page">
            Panel
          </li>
        </ol>
      </nav>
      <span className="caption">Panel</span>
      <h1>{round.title}</h1>
      <ErrorSummary errors={result?.errors} />
      {published ? <p>The shortlist has been published: assignments can no longer change.</p> : null}
      <p>
        <Link to={`/admin/rounds/${round.slug}/shortlist`}>Ranking and shortlist</Link>
      </p>

      <PanelMembersSection members={members} />
      <h3>Add a reviewer</h3>
      <Form method="post" noValidate>
        <Field
          label="Email address of their account"
          name="email"
          type="email"
          autoComplete="off"
          hint="Reviewers need an account; they need not be members."
          defaultValue={failed === "add-reviewer" ? result?.values?.email : undefined}
          error={errorsFor("add-reviewer")?.email}
          inputClassName="input--width-30"
        />
        <Checkbox
          name="chair"
          value="on"
          label="Make them the chair"
          hint="The chair sees every score and may confirm the shortlist."
        />
        <SubmitButton name="intent" value="add-reviewer" pendingText="Adding…">
          Add to the panel
        </SubmitButton>
      </Form>

      <h2>Assign reviewers</h2>
      <Form method="post" noValidate>
        <p>
          Gives every submitted proposal this many reviewers, keeping the assignments already made, spreading the work
          evenly and never assigning a reviewer with a conflict.
        </p>
        <Field
          label="Reviewers per proposal"
          name="k"
          inputMode="numeric"
          defaultValue={failed === "assign-all" ? result?.values?.k : "3"}
          error={errorsFor("assign-all")?.k}
          inputClassName="input--width-2"
        />
        <SubmitButton name="intent" value="assign-all" pendingText="Assigning…">
          Give every proposal this many reviewers
        </SubmitButton>
      </Form>

      <PanelProposalsSection proposals={proposals} members={members} errors={result?.errors} values={result?.values} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Panel for ${data.round.title}` : "Panel");
