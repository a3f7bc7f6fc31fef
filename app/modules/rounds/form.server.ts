// Reading the admin round form: a row button (add, remove, move) shows the form again with
// the change applied; "save" validates the whole form.
import { formValues, parseForm, type FieldErrors } from "~/lib/forms.server";
import { applyFormIntent, type FormValues } from "./form-values";
import { RoundFormSchema, type RoundSettings } from "./validation";

export type RoundFormResult =
  | { kind: "rerender"; values: FormValues }
  | { kind: "invalid"; errors: FieldErrors; values: FormValues }
  | { kind: "valid"; settings: RoundSettings; values: FormValues };

export function readRoundForm(form: FormData): RoundFormResult {
  const values = formValues(form, ["intent"]);
  const intent = String(form.get("intent") ?? "save");
  const changed = applyFormIntent(values, intent);
  if (changed) return { kind: "rerender", values: changed };
  const parsed = parseForm(RoundFormSchema, form);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values };
  return { kind: "valid", settings: parsed.data, values };
}
