import type { ReactNode } from "react";
import { classNames, describedBy, errorId, FieldError, fieldId, hintId } from "./field";

export type CheckboxProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Submitted value when ticked (default "yes"); nothing is submitted when not ticked. */
  value?: string;
  defaultChecked?: boolean;
  error?: string;
  /** Sets aria-required; the server checks it (e.g. "Confirm you want to withdraw"). */
  required?: boolean;
  className?: string;
};

/** One GOV.UK-style checkbox with its label and hint, e.g. a declaration or a confirmation. */
export function Checkbox({
  name,
  label,
  hint,
  value = "yes",
  defaultChecked,
  error,
  required,
  className,
}: CheckboxProps) {
  const id = fieldId(name);
  return (
    <div className={classNames("field", error && "field--error", className)}>
      {error ? <FieldError id={errorId(name)} message={error} /> : null}
      <div className="checkbox">
        <input
          className="checkbox__input"
          type="checkbox"
          id={id}
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-describedby={describedBy(name, { hint: Boolean(hint), error: Boolean(error) })}
          aria-invalid={error ? true : undefined}
          aria-required={required ? true : undefined}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <div className="checkbox__hint" id={hintId(name)}>
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export type RadioOption = { value: string; label: ReactNode; hint?: ReactNode };

export type RadiosProps = {
  name: string;
  legend: ReactNode;
  options: RadioOption[];
  defaultValue?: string;
  hint?: ReactNode;
  error?: string;
  /** Side by side, for two or three short options such as Yes / No. */
  inline?: boolean;
  /** Renders the legend inside an h1, for one-question task pages. */
  isPageHeading?: boolean;
  className?: string;
};

/**
 * A group of radios in a fieldset. The first radio carries fieldId(name), so the error summary
 * link lands on the group.
 */
export function Radios({
  name,
  legend,
  options,
  defaultValue,
  hint,
  error,
  inline,
  isPageHeading,
  className,
}: RadiosProps) {
  const baseId = fieldId(name);
  return (
    <div className={classNames("field", error && "field--error", className)}>
      <fieldset
        className="fieldset"
        aria-describedby={describedBy(name, { hint: Boolean(hint), error: Boolean(error) })}
      >
        <legend className="fieldset__legend">{isPageHeading ? <h1>{legend}</h1> : legend}</legend>
        {hint ? (
          <div className="field__hint" id={hintId(name)}>
            {hint}
          </div>
        ) : null}
        {error ? <FieldError id={errorId(name)} message={error} /> : null}
        <div className={classNames("radios", inline && "radios--inline")}>
          {options.map((option, index) => {
            const id = index === 0 ? baseId : `${baseId}-${index + 1}`;
            const optionHintId = `${id}-item-hint`;
            return (
              <div className="radios__item" key={option.value}>
                <input
                  className="radios__input"
                  type="radio"
                  id={id}
                  name={name}
                  value={option.value}
                  defaultChecked={defaultValue !== undefined && defaultValue === option.value}
                  aria-describedby={option.hint ? optionHintId : undefined}
                />
                <label className="radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="radios__hint" id={optionHintId}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
