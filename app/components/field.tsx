import { useEffect, useState, useSyncExternalStore } from "react";
import type { HTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

/**
 * The id of a field's control. The error summary links to `#${fieldId(name)}`, so every control
 * rendered for a form field must use this id (Field, Checkbox and Radios do).
 */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

export function hintId(name: string): string {
  return `${fieldId(name)}-hint`;
}

export function errorId(name: string): string {
  return `${fieldId(name)}-error`;
}

/** The aria-describedby value for a custom control passed to <Field> as children. */
export function describedBy(name: string, has: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [has.hint ? hintId(name) : null, has.error ? errorId(name) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export type InputMode = HTMLAttributes<HTMLInputElement>["inputMode"];

export type FieldProps = {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  error?: string;
  /** Input type; ignored when `multiline`. Prefer "text" + inputMode="numeric" over "number". */
  type?: string;
  defaultValue?: string | number;
  /** Sets aria-required. The server validates; no browser pop-up blocks the submit. */
  required?: boolean;
  /** Appends " (optional)" to the label, as GOV.UK marks optional rather than required fields. */
  optional?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  /**
   * Single-line inputs get the native maxlength. A multiline field shows a character count
   * instead (and lets people paste then trim), so the server must enforce the limit.
   */
  maxLength?: number;
  /** Multiline only: shows a word count. The server must enforce the limit. */
  maxWords?: number;
  inputMode?: InputMode;
  spellCheck?: boolean;
  /** Visual unit before/after a single-line input, e.g. "£". Hidden from screen readers, so say the unit in the label. */
  prefix?: string;
  suffix?: string;
  /** Renders the label inside an h1, for one-question task pages. */
  isPageHeading?: boolean;
  /** Extra classes on the input/textarea, e.g. "input--width-10". */
  inputClassName?: string;
  /** A custom control in place of the input; give it id={fieldId(name)} and aria-describedby={describedBy(...)}. */
  children?: ReactNode;
  /** Extra classes on the wrapping div.field. */
  className?: string;
};

export function Field({
  label,
  name,
  hint,
  error,
  type = "text",
  defaultValue,
  required,
  optional,
  autoComplete,
  multiline,
  rows = 5,
  maxLength,
  maxWords,
  inputMode,
  spellCheck,
  prefix,
  suffix,
  isPageHeading,
  inputClassName,
  children,
  className,
}: FieldProps) {
  const id = fieldId(name);
  const counted = multiline && !children && (maxLength !== undefined || maxWords !== undefined);
  const ariaDescribedBy =
    [describedBy(name, { hint: Boolean(hint), error: Boolean(error) }), counted ? countInfoId(name) : null]
      .filter(Boolean)
      .join(" ") || undefined;

  const labelElement = (
    <label className="field__label" htmlFor={id}>
      {label}
      {optional ? " (optional)" : null}
    </label>
  );

  const common = {
    id,
    name,
    defaultValue,
    autoComplete,
    inputMode,
    spellCheck,
    "aria-describedby": ariaDescribedBy,
    "aria-invalid": error ? true : undefined,
    "aria-required": required ? true : undefined,
  } as const;

  let control: ReactNode;
  if (children) {
    control = children;
  } else if (multiline && counted) {
    control = (
      <CountedTextarea
        {...common}
        rows={rows}
        className={classNames("textarea", inputClassName)}
        limit={maxWords ?? maxLength ?? 0}
        unit={maxWords !== undefined ? "word" : "character"}
        infoId={countInfoId(name)}
      />
    );
  } else if (multiline) {
    control = <textarea {...common} rows={rows} className={classNames("textarea", inputClassName)} />;
  } else {
    const input = (
      <input {...common} type={type} maxLength={maxLength} className={classNames("input", inputClassName)} />
    );
    control =
      prefix || suffix ? (
        <div className="input-wrapper">
          {prefix ? (
            <span className="input-wrapper__prefix" aria-hidden="true">
              {prefix}
            </span>
          ) : null}
          {input}
          {suffix ? (
            <span className="input-wrapper__suffix" aria-hidden="true">
              {suffix}
            </span>
          ) : null}
        </div>
      ) : (
        input
      );
  }

  return (
    <div className={classNames("field", error && "field--error", className)}>
      {isPageHeading ? <h1>{labelElement}</h1> : labelElement}
      {hint ? (
        <div className="field__hint" id={hintId(name)}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={errorId(name)} message={error} /> : null}
      {control}
    </div>
  );
}

/** The inline error message, shared by Field, Checkbox and Radios. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">Error:</span> {message}
    </p>
  );
}

export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

const noSubscription = () => () => {};

/** False during server render and hydration, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function countInfoId(name: string): string {
  return `${fieldId(name)}-count-info`;
}

type CountUnit = "word" | "character";

function measure(value: string, unit: CountUnit): number {
  if (unit === "character") return value.length;
  const trimmed = value.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

function plural(n: number, unit: CountUnit): string {
  return `${n.toLocaleString("en-GB")} ${unit}${n === 1 ? "" : "s"}`;
}

type CountedTextareaProps = {
  id: string;
  name: string;
  defaultValue?: string | number;
  rows: number;
  className: string;
  limit: number;
  unit: CountUnit;
  infoId: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "defaultValue">;

/**
 * Without JavaScript: "You can enter up to N characters". With it, a live count that turns red
 * when over the limit; screen readers hear it after a pause in typing, not on every key press.
 */
function CountedTextarea({ limit, unit, infoId, defaultValue, ...textarea }: CountedTextareaProps) {
  const enhanced = useHydrated();
  const [measured, setMeasured] = useState<number | null>(null);
  const [typed, setTyped] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const count = measured ?? measure(String(defaultValue ?? ""), unit);

  const remaining = limit - count;
  const message =
    remaining >= 0 ? `You have ${plural(remaining, unit)} remaining` : `You have ${plural(-remaining, unit)} too many`;

  useEffect(() => {
    if (!typed) return;
    const timer = setTimeout(() => setAnnouncement(message), 1000);
    return () => clearTimeout(timer);
  }, [message, typed]);

  return (
    <>
      <textarea
        {...textarea}
        defaultValue={defaultValue}
        // Re-measure on focus too: the browser may have restored a different value (back button).
        onFocus={(event) => setMeasured(measure(event.currentTarget.value, unit))}
        onChange={(event) => {
          setTyped(true);
          setMeasured(measure(event.currentTarget.value, unit));
        }}
      />
      <p id={infoId} className={enhanced ? "visually-hidden" : "field__count"}>
        You can enter up to {plural(limit, unit)}
      </p>
      {enhanced ? (
        <>
          <p className={classNames("field__count", remaining < 0 && "field__count--over")} aria-hidden="true">
            {message}
          </p>
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
        </>
      ) : null}
    </>
  );
}
