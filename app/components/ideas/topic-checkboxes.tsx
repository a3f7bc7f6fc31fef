import { classNames, describedBy, errorId, FieldError, fieldId, hintId } from "~/components/field";

/** A group of checkboxes in a fieldset; the first box carries the field id for the error summary. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string;
}) {
  const { name, legend, hint, options, checked, error } = props;
  const base = fieldId(name);
  return (
    <div className={classNames("field", error && "field--error")}>
      <fieldset
        className="fieldset"
        aria-describedby={describedBy(name, { hint: Boolean(hint), error: Boolean(error) })}
      >
        <legend className="fieldset__legend">{legend}</legend>
        {hint ? (
          <div className="field__hint" id={hintId(name)}>
            {hint}
          </div>
        ) : null}
        {error ? <FieldError id={errorId(name)} message={error} /> : null}
        <div className="checkboxes">
          {options.map((option, i) => {
            const id = i === 0 ? base : `${base}-${i + 1}`;
            return (
              <div className="checkbox" key={option.value}>
                <input
                  className="checkbox__input"
                  type="checkbox"
                  id={id}
                  name={name}
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                />
                <label className="checkbox__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
