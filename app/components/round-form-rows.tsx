// The repeating parts of the admin round form: categories and rubric criteria, with buttons
// that add, remove and move rows. They are ordinary submit buttons (name="intent"), so they
// work without JavaScript: the server applies the change and shows the form again.
import { Field, fieldId } from "./field";

type Values = Record<string, string>;
type Errors = Record<string, string | undefined>;

function RowButton({ intent, children, hidden }: { intent: string; children: React.ReactNode; hidden?: string }) {
  return (
    <button type="submit" name="intent" value={intent} className="button button--secondary">
      {children}
      {hidden ? <span className="visually-hidden"> {hidden}</span> : null}
    </button>
  );
}

export function CategoryRows({
  values,
  errors,
  count,
  frozen,
}: {
  values: Values;
  errors: Errors;
  count: number;
  frozen: boolean;
}) {
  return (
    <fieldset className="fieldset round-form__group" id={fieldId("categories")} tabIndex={-1}>
      <legend className="fieldset__legend">
        <h2>Categories</h2>
      </legend>
      <p className="field__hint">
        The themes within the round. Every idea belongs to one; the shortlist and the vote are split by category.
        {frozen ? " Voting has opened, so categories can no longer be added, removed or renamed." : null}
      </p>
      {errors.categories ? (
        <p className="field__error">
          <span className="visually-hidden">Error:</span> {errors.categories}
        </p>
      ) : null}
      {Array.from({ length: count }, (_, i) => {
        const name = `categories.${i}.name`;
        return (
          <fieldset className="fieldset round-form__row" key={i}>
            <legend className="fieldset__legend">Category {i + 1}</legend>
            <input type="hidden" name={`categories.${i}.id`} value={values[`categories.${i}.id`] ?? ""} />
            {frozen ? (
              <div className="field">
                <p className="field__label">Name</p>
                <p>{values[name]}</p>
                <input type="hidden" name={name} value={values[name] ?? ""} />
              </div>
            ) : (
              <Field label="Name" name={name} defaultValue={values[name]} error={errors[name]} maxLength={80} />
            )}
            <Field
              label="Description"
              optional
              multiline
              rows={3}
              maxLength={500}
              name={`categories.${i}.description`}
              defaultValue={values[`categories.${i}.description`]}
              error={errors[`categories.${i}.description`]}
            />
            <div className="button-group">
              {i > 0 ? (
                <RowButton intent={`move-category-up.${i}`} hidden={`category ${i + 1}`}>
                  Move up
                </RowButton>
              ) : null}
              {i < count - 1 ? (
                <RowButton intent={`move-category-down.${i}`} hidden={`category ${i + 1}`}>
                  Move down
                </RowButton>
              ) : null}
              {!frozen && count > 1 ? (
                <RowButton intent={`remove-category.${i}`} hidden={`category ${i + 1}`}>
                  Remove
                </RowButton>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      {!frozen ? (
        <div className="button-group">
          <RowButton intent="add-category">Add a category</RowButton>
        </div>
      ) : null}
    </fieldset>
  );
}

const POINT_HINTS = ["The lowest score.", "", "", "", "The highest score."];

export function RubricRows({ values, errors, count }: { values: Values; errors: Errors; count: number }) {
  return (
    <fieldset className="fieldset round-form__group" id={fieldId("rubric")} tabIndex={-1}>
      <legend className="fieldset__legend">
        <h2>Rubric for the panel</h2>
      </legend>
      <p className="field__hint">
        What reviewers score each proposal on, from 1 to 5. Say what each point means, so reviewers score alike. A
        criterion with weight 3 counts three times as much as one with weight 1.
      </p>
      {errors.rubric ? (
        <p className="field__error">
          <span className="visually-hidden">Error:</span> {errors.rubric}
        </p>
      ) : null}
      {Array.from({ length: count }, (_, i) => {
        const key = (part: string) => `rubric.${i}.${part}`;
        return (
          <fieldset className="fieldset round-form__row" key={i}>
            <legend className="fieldset__legend">Criterion {i + 1}</legend>
            <Field
              label="Name"
              name={key("name")}
              defaultValue={values[key("name")]}
              error={errors[key("name")]}
              maxLength={80}
            />
            <Field
              label="What it looks at"
              name={key("description")}
              multiline
              rows={2}
              maxLength={500}
              defaultValue={values[key("description")]}
              error={errors[key("description")]}
            />
            {[0, 1, 2, 3, 4].map((point) => (
              <Field
                key={point}
                label={`What a score of ${point + 1} means`}
                hint={POINT_HINTS[point] || undefined}
                name={key(`anchors.${point}`)}
                defaultValue={values[key(`anchors.${point}`)]}
                error={errors[key(`anchors.${point}`)]}
                maxLength={300}
              />
            ))}
            <Field
              label="Weight"
              hint="A whole number from 1 to 10."
              name={key("weight")}
              inputMode="numeric"
              inputClassName="input--width-2"
              defaultValue={values[key("weight")]}
              error={errors[key("weight")]}
            />
            {count > 1 ? (
              <div className="button-group">
                <RowButton intent={`remove-criterion.${i}`} hidden={`criterion ${i + 1}`}>
                  Remove
                </RowButton>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <div className="button-group">
        <RowButton intent="add-criterion">Add a criterion</RowButton>
      </div>
    </fieldset>
  );
}
