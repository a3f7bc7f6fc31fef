import { Form } from "@remix-run/react";
import { Radios } from "~/components/checkbox";
import { errorId, Field, FieldError, fieldId } from "~/components/field";
import { MarkdownField } from "~/components/ideas/markdown-field";
import { SubmitButton } from "~/components/submit-button";
import { formatMonth, MILESTONE_STATUS_LABELS } from "~/modules/delivery/milestones";
import { LIMITS } from "~/modules/delivery/validation";
import { MILESTONE_STATUSES } from "~/modules/delivery/states";
import type { MilestoneView } from "./milestone-table";

export type UpdateFormValues = Record<string, string>;

type Props = {
  milestones: MilestoneView[];
  values: UpdateFormValues;
  errors?: Record<string, string>;
  preview?: { bodyHtml: string; outcomesHtml: string };
  /** A published update is saved as it is; a draft (or a new one) is saved as a draft or published. */
  published: boolean;
};

/** Writing or editing an update: the text, the final report's parts, and milestone changes. */
export function UpdateForm({ milestones, values, errors = {}, preview, published }: Props) {
  return (
    <Form method="post" noValidate>
      <Radios
        name="kind"
        legend="What are you publishing?"
        defaultValue={values.kind ?? "update"}
        error={errors.kind}
        options={[
          { value: "update", label: "An update", hint: "What you did, what you learned, what comes next." },
          {
            value: "final_report",
            label: "The final report",
            hint: "At the end: outcomes and links to what the project made. Publishing it completes the project.",
          },
        ]}
      />
      <Field
        label="Title"
        name="title"
        defaultValue={values.title}
        error={errors.title}
        maxLength={LIMITS.titleChars}
      />
      <MarkdownField
        label="Update"
        name="bodyMd"
        maxWords={3000}
        rows={12}
        defaultValue={values.bodyMd}
        error={errors.bodyMd}
        previewHtml={preview?.bodyHtml}
      />
      <fieldset className="fieldset update-form__report">
        <legend className="fieldset__legend">For a final report</legend>
        <MarkdownField
          label="Outcomes"
          name="outcomesMd"
          hint="What changed because of the project, with numbers where you have them."
          maxWords={1500}
          rows={6}
          optional
          defaultValue={values.outcomesMd}
          error={errors.outcomesMd}
          previewHtml={preview?.outcomesHtml}
        />
        <Field
          label="Links to outputs"
          name="outputLinks"
          optional
          multiline
          rows={4}
          hint="Documents, tools, papers: one per line, a title and then its address, like “Toolkit for clinics https://example.org/toolkit”."
          defaultValue={values.outputLinks}
          error={errors.outputLinks}
        />
      </fieldset>
      {milestones.length > 0 ? (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Milestone changes (optional)</legend>
          <p className="field__hint">
            Change the milestones this update reports on; leave the others as they are.{" "}
            {published ? "Changes take effect when you save." : "Changes take effect when the update is published."}
          </p>
          <ul className="milestone-changes">
            {milestones.map((m) => {
              const key = (f: string) => `change.${m.id}.${f}`;
              return (
                <li key={m.id} className="milestone-changes__item">
                  <p className="milestone-changes__title">
                    <strong>{m.title}</strong>{" "}
                    <span className="small text-muted">
                      (due {formatMonth(m.dueMonth)}; now {MILESTONE_STATUS_LABELS[m.status].toLowerCase()}
                      {m.status === "dropped" ? "" : `, ${m.progress}%`})
                    </span>
                  </p>
                  <div className="milestone-changes__row">
                    <div className={`field${errors[key("status")] ? " field--error" : ""}`}>
                      <label className="field__label" htmlFor={fieldId(key("status"))}>
                        New status<span className="visually-hidden"> of “{m.title}”</span>
                      </label>
                      {errors[key("status")] ? (
                        <FieldError id={errorId(key("status"))} message={errors[key("status")]} />
                      ) : null}
                      <select
                        className="select"
                        id={fieldId(key("status"))}
                        name={key("status")}
                        defaultValue={values[key("status")] ?? ""}
                      >
                        <option value="">No change</option>
                        {MILESTONE_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {MILESTONE_STATUS_LABELS[s]}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Field
                      label={
                        <>
                          New progress (%)<span className="visually-hidden"> of “{m.title}”</span>
                        </>
                      }
                      name={key("progress")}
                      inputMode="numeric"
                      inputClassName="input--width-4"
                      optional
                      defaultValue={values[key("progress")]}
                      error={errors[key("progress")]}
                    />
                    <Field
                      label={
                        <>
                          Reason, if dropped<span className="visually-hidden"> (“{m.title}”)</span>
                        </>
                      }
                      name={key("reason")}
                      optional
                      defaultValue={values[key("reason")]}
                      error={errors[key("reason")]}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
      <div className="button-group">
        {published ? (
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save changes
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="publish" pendingText="Publishing…">
              Publish update
            </SubmitButton>
            <SubmitButton name="intent" value="save-draft" variant="secondary" pendingText="Saving…">
              Save as draft
            </SubmitButton>
          </>
        )}
        <SubmitButton name="intent" value="preview" variant="secondary">
          Preview
        </SubmitButton>
      </div>
    </Form>
  );
}
