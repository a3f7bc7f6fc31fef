import type { FieldDiff } from "~/modules/ideas/diff";

/**
 * A word diff: added words underlined in <ins>, removed words struck through in <del>, each
 * with a hidden label because screen readers do not announce <ins> and <del> by themselves.
 */
export function DiffView({ fields, headingLevel = 3 }: { fields: FieldDiff[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="diff">
      <p className="diff__key text-muted small">
        Added words are <ins className="diff__added">underlined</ins>; removed words are{" "}
        <del className="diff__removed">struck through</del>.
      </p>
      {fields.map((field) => (
        <section key={field.field} className="diff__field">
          <Heading className="diff__label">
            {field.label}
            {field.changed ? null : <span className="text-muted small"> (no change)</span>}
          </Heading>
          <p className="diff__text">
            {field.segments.map((segment, i) =>
              segment.kind === "added" ? (
                <ins key={i} className="diff__added">
                  <span className="visually-hidden">[added: </span>
                  {segment.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : segment.kind === "removed" ? (
                <del key={i} className="diff__removed">
                  <span className="visually-hidden">[removed: </span>
                  {segment.text}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </p>
        </section>
      ))}
    </div>
  );
}
