import { useEffect, useRef } from "react";
import type { MouseEvent } from "react";
import { fieldId } from "./field";

export type ErrorSummaryProps = {
  /** Field name → message, as returned by an action with status 400. Empty messages are skipped. */
  errors: Record<string, string | undefined> | undefined;
  title?: string;
};

/**
 * Keys that are not fields (a whole-form problem) are listed as text, not links:
 * "form", or any key starting with "_" (e.g. "_form").
 */
function isFormLevel(key: string): boolean {
  return key === "form" || key.startsWith("_");
}

/**
 * The box at the top of a form after a failed submit. It lists every error as a link to its
 * field and takes focus, so keyboard and screen reader users start from it.
 */
export function ErrorSummary({ errors, title = "There is a problem" }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length > 0,
  );
  // Focus on every new set of errors (each failed submit gives a new object), not on every render.
  const hasErrors = entries.length > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [errors, hasErrors]);

  if (entries.length === 0) return null;

  return (
    // autoFocus is for the page as the server sends it, so focus lands here without JavaScript too.
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} autoFocus>
      <h2 className="error-summary__title">{title}</h2>
      <ul className="error-summary__list">
        {entries.map(([name, message]) =>
          isFormLevel(name) ? (
            <li key={name} className="error-summary__text">
              {message}
            </li>
          ) : (
            <li key={name}>
              <a href={`#${fieldId(name)}`} onClick={(event) => focusField(event, fieldId(name))}>
                {message}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/**
 * Without JavaScript the plain #fragment link still moves to the control. With it, the control is
 * focused and its label (or the legend of its fieldset) is scrolled into view above it.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const control = document.getElementById(id);
  if (!control) return;
  event.preventDefault();
  const legend = control.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (legend ?? label ?? control).scrollIntoView();
  control.focus({ preventScroll: true });
}
