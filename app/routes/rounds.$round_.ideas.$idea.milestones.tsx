import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { errorId, Field, FieldError, fieldId } from "~/components/field";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { saveMilestones } from "~/modules/delivery/edit-milestones.server";
import { MILESTONE_STATUS_LABELS } from "~/modules/delivery/milestones";
import { teamProject } from "~/modules/delivery/team-pages.server";
import { LIMITS, parseMilestoneRows } from "~/modules/delivery/validation";
import { ideaPath } from "~/modules/ideas/paths";
import { rowCount } from "~/modules/ideas/form-rows";
import { MILESTONE_STATUSES } from "~/modules/delivery/states";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, idea, project } = await teamProject(request, params);
  const values: Record<string, string> = {};
  for (const [i, m] of project.milestones.entries()) {
    const [year, month] = m.dueMonth.split("-");
    Object.assign(values, {
      [`milestones.${i}.id`]: m.id,
      [`milestones.${i}.title`]: m.title,
      [`milestones.${i}.month`]: String(Number(month)),
      [`milestones.${i}.year`]: year,
      [`milestones.${i}.status`]: m.status,
      [`milestones.${i}.progress`]: String(m.progress),
      [`milestones.${i}.reason`]: m.dropReason ?? "",
    });
  }
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    values,
    rows: project.milestones.length + 1,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await teamProject(request, params);
  const form = await readForm(request);
  const values = formValues(form);
  if (form.get("intent") === "add-milestone") {
    return {
      ok: false as const,
      errors: {},
      values,
      rows: Math.min(rowCount(values, "milestones") + 1, LIMITS.milestones),
    };
  }
  const parsed = parseMilestoneRows(values);
  if (!parsed.ok) return formFailure(parsed.errors, values);
  try {
    await saveMilestones(user, { ideaId: idea.id, rows: parsed.rows });
  } catch (error) {
    return domainFailure(error, values);
  }
  return redirectWithFlash(`${ideaPath(round.slug, idea.slug)}#project-title`, "The milestones are saved.");
}

export default function EditMilestones() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values: Record<string, string> = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const rows = Math.max(result && "rows" in result ? result.rows : loaded.rows, rowCount(values, "milestones"));
  const { round, idea } = loaded;
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Milestones")} />
      <p className="caption">{idea.title}</p>
      <h1>Edit milestones</h1>
      <p>
        Keep the public record honest: move dates when plans change and say why a milestone is dropped. A milestone not
        done by the end of its month is shown as overdue. To report progress with a story,{" "}
        <Link to={`${ideaPath(round.slug, idea.slug)}/updates/new`}>write an update</Link> instead.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        {Array.from({ length: rows }, (_, i) => {
          const name = (f: string) => `milestones.${i}.${f}`;
          const existing = Boolean(values[name("id")]);
          return (
            <fieldset className="fieldset row-card" key={i}>
              <legend className="fieldset__legend">{existing ? `Milestone ${i + 1}` : "Add a milestone"}</legend>
              {existing ? <input type="hidden" name={name("id")} value={values[name("id")]} /> : null}
              <Field
                label="What it is"
                name={name("title")}
                defaultValue={values[name("title")]}
                error={errors[name("title")]}
                maxLength={LIMITS.milestoneTitleChars}
                optional={!existing}
              />
              <div className="date-pair">
                <Field
                  label="Month due (1–12)"
                  name={name("month")}
                  inputMode="numeric"
                  inputClassName="input--width-2"
                  defaultValue={values[name("month")]}
                  error={errors[name("month")]}
                />
                <Field
                  label="Year due"
                  name={name("year")}
                  inputMode="numeric"
                  inputClassName="input--width-4"
                  defaultValue={values[name("year")]}
                  error={errors[name("year")]}
                />
              </div>
              <div className={`field${errors[name("status")] ? " field--error" : ""}`}>
                <label className="field__label" htmlFor={fieldId(name("status"))}>
                  Status
                </label>
                {errors[name("status")] ? (
                  <FieldError id={errorId(name("status"))} message={errors[name("status")]} />
                ) : null}
                <select
                  className="select"
                  id={fieldId(name("status"))}
                  name={name("status")}
                  defaultValue={values[name("status")] ?? "not_started"}
                >
                  {MILESTONE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {MILESTONE_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                label="Progress (%)"
                name={name("progress")}
                inputMode="numeric"
                inputClassName="input--width-4"
                defaultValue={values[name("progress")] ?? "0"}
                error={errors[name("progress")]}
              />
              <Field
                label="Why it was dropped"
                name={name("reason")}
                hint="Only for a dropped milestone; shown to everyone."
                optional
                defaultValue={values[name("reason")]}
                error={errors[name("reason")]}
              />
            </fieldset>
          );
        })}
        <div className="button-group">
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save milestones
          </SubmitButton>
          {rows < LIMITS.milestones ? (
            <SubmitButton name="intent" value="add-milestone" variant="secondary">
              Add another milestone
            </SubmitButton>
          ) : null}
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Milestones – ${data.idea.title}` : "Milestones");
