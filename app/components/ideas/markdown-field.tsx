import { Field } from "~/components/field";

/**
 * A markdown textarea with a syntax hint, a word count, and (after the form's Preview button
 * posted) the rendered preview right below it. Works without JavaScript.
 */
export function MarkdownField(props: {
  label: string;
  name: string;
  hint?: string;
  maxWords: number;
  defaultValue?: string;
  error?: string;
  previewHtml?: string;
  rows?: number;
  optional?: boolean;
}) {
  const { previewHtml, hint, ...field } = props;
  return (
    <div className="markdown-field">
      <Field
        {...field}
        multiline
        rows={props.rows ?? 8}
        hint={
          <>
            {hint ? <>{hint} </> : null}
            You can use Markdown: **bold**, _italic_, lists starting with “-”, and [links](https://example.org).
          </>
        }
      />
      {previewHtml !== undefined ? (
        <section className="markdown-preview" aria-label={`Preview of ${props.label.toLowerCase()}`}>
          <p className="markdown-preview__title">Preview</p>
          {previewHtml ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: previewHtml }} />
          ) : (
            <p className="text-muted">Nothing to preview yet.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
