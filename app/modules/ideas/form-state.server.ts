// Keeping what people typed across posts: previews, failed saves and added or removed rows.
import { formValues } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { normaliseNewlines } from "./words.server";

/** Every field as typed; the repeated topic boxes joined with commas. */
export function ideaFormValues(form: FormData): Record<string, string> {
  const values = formValues(form);
  values.topicIds = form
    .getAll("topicIds")
    .filter((v): v is string => typeof v === "string")
    .join(",");
  return values;
}

/** Rendered previews of the named markdown fields, exactly as they would be saved. */
export function previews(values: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const md = normaliseNewlines(values[name] ?? "").trim();
    out[name] = md ? renderMarkdown(md, "full") : "";
  }
  return out;
}
