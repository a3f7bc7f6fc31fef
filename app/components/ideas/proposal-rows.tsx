import { useEffect, useState } from "react";
import { Field } from "~/components/field";
import { formatPence } from "~/lib/money";
import { typedBudgetTotal, type FlatValues } from "~/modules/ideas/form-rows";

type RowsProps = { values: FlatValues; count: number; errors: Record<string, string> };

export function MilestoneRows({ values, count, errors }: RowsProps) {
  return (
    <fieldset className="fieldset rows" id="field-milestones" tabIndex={-1} aria-describedby="milestones-hint">
      <legend className="fieldset__legend">
        <h2>Timeline</h2>
      </legend>
      <p className="field__hint" id="milestones-hint">
        The milestones of the project, each with the month you expect to reach it. Add at least one.
      </p>
      {errors.milestones ? (
        <p className="field__error">
          <span className="visually-hidden">Error:</span> {errors.milestones}
        </p>
      ) : null}
      {Array.from({ length: count }, (_, i) => (
        <div className="row-card" key={i}>
          <h3 className="row-card__title">Milestone {i + 1}</h3>
          <Field
            label="What will be done"
            name={`milestones.${i}.title`}
            defaultValue={values[`milestones.${i}.title`]}
            error={errors[`milestones.${i}.title`]}
          />
          <div className="date-pair">
            <Field
              label="Month"
              name={`milestones.${i}.month`}
              inputMode="numeric"
              inputClassName="input--width-2"
              hint="For example, 9"
              defaultValue={values[`milestones.${i}.month`]}
              error={errors[`milestones.${i}.month`]}
            />
            <Field
              label="Year"
              name={`milestones.${i}.year`}
              inputMode="numeric"
              inputClassName="input--width-4"
              hint="For example, 2027"
              defaultValue={values[`milestones.${i}.year`]}
              error={errors[`milestones.${i}.year`]}
            />
          </div>
          <button type="submit" className="link-button" name="intent" value={`remove-milestone:${i}`}>
            Remove<span className="visually-hidden"> milestone {i + 1}</span>
          </button>
        </div>
      ))}
      <button type="submit" className="button button--secondary" name="intent" value="add-milestone">
        Add a milestone
      </button>
    </fieldset>
  );
}

export function BudgetRows({ values, count, errors, maxAwardPence }: RowsProps & { maxAwardPence: number }) {
  return (
    <fieldset className="fieldset rows" id="field-budget" tabIndex={-1} aria-describedby="budget-hint">
      <legend className="fieldset__legend">
        <h2>Budget</h2>
      </legend>
      <p className="field__hint" id="budget-hint">
        What the money is for, line by line. The total must be at most {formatPence(maxAwardPence)}. Everyone sees the
        total; only your team, the panel and the programme team see the lines.
      </p>
      {errors.budget ? (
        <p className="field__error">
          <span className="visually-hidden">Error:</span> {errors.budget}
        </p>
      ) : null}
      {Array.from({ length: count }, (_, i) => (
        <div className="row-card" key={i}>
          <h3 className="row-card__title">Budget line {i + 1}</h3>
          <Field
            label="What the money is for"
            name={`budget.${i}.description`}
            defaultValue={values[`budget.${i}.description`]}
            error={errors[`budget.${i}.description`]}
          />
          <Field
            label="Amount in pounds"
            name={`budget.${i}.amount`}
            prefix="£"
            inputMode="decimal"
            inputClassName="input--width-10"
            defaultValue={values[`budget.${i}.amount`]}
            error={errors[`budget.${i}.amount`]}
          />
          <button type="submit" className="link-button" name="intent" value={`remove-budget:${i}`}>
            Remove<span className="visually-hidden"> budget line {i + 1}</span>
          </button>
        </div>
      ))}
      <button type="submit" className="button button--secondary" name="intent" value="add-budget">
        Add a budget line
      </button>
      <BudgetTotal initial={typedBudgetTotal(values)} maxAwardPence={maxAwardPence} />
    </fieldset>
  );
}

/**
 * The running total: worked out by the server on every post, and as people type once JavaScript
 * runs (it reads the amount inputs of the enclosing fieldset). The form is remounted after each
 * post, so `initial` is read once.
 */
function BudgetTotal({ initial, maxAwardPence }: { initial: number; maxAwardPence: number }) {
  const [total, setTotal] = useState(initial);
  useEffect(() => {
    const fieldset = document.getElementById("field-budget");
    if (!fieldset) return;
    const recount = () => {
      const values: FlatValues = {};
      fieldset
        .querySelectorAll<HTMLInputElement>("input[name$='.amount']")
        .forEach((input) => (values[input.name] = input.value));
      setTotal(typedBudgetTotal(values));
    };
    fieldset.addEventListener("input", recount);
    return () => fieldset.removeEventListener("input", recount);
  }, []);
  const over = total - maxAwardPence;
  return (
    <p className={over > 0 ? "budget-total budget-total--over" : "budget-total"}>
      Total: <strong>{formatPence(total)}</strong> of {formatPence(maxAwardPence)} maximum
      {over > 0 ? <>. That is {formatPence(over)} over the maximum award.</> : null}
    </p>
  );
}
