// The rubric as radios (anchors as hints, weight in the legend), and others' submitted reviews.
import { Radios } from "./checkbox";

type Criterion = { name: string; description: string; anchors: string[]; weight: number };
type Score = { criterionId: string; score: number };

export function RubricFields({
  rubric,
  saved,
  values,
  errors,
}: {
  rubric: Criterion[];
  saved: Score[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const totalWeight = rubric.reduce((s, c) => s + c.weight, 0);
  return (
    <>
      {rubric.map((c, i) => {
        const name = `score-${i}`;
        const savedScore = saved.find((s) => s.criterionId === String(i))?.score;
        return (
          <Radios
            key={name}
            name={name}
            legend={
              <>
                {c.name}{" "}
                <span className="small text-muted">
                  (weight {c.weight} of {totalWeight})
                </span>
              </>
            }
            hint={c.description}
            defaultValue={values?.[name] ?? (savedScore ? String(savedScore) : undefined)}
            error={errors?.[name]}
            options={c.anchors.map((anchor, p) => ({ value: String(p + 1), label: `${p + 1}`, hint: anchor }))}
          />
        );
      })}
    </>
  );
}

type Other = { name: string; scores: Score[]; total: string | null; panelComment: string; submittedAt: string };

export function OthersReviews({ rubric, others }: { rubric: Criterion[]; others: Other[] }) {
  if (others.length === 0) return <p>No other reviewer has submitted a review yet.</p>;
  // Criteria down the side, reviewers across: a panel has few reviewers per proposal, so it fits.
  return (
    <>
      <div className="table-wrap" role="region" aria-labelledby="others-caption" tabIndex={0}>
        <table className="table">
          <caption id="others-caption">Other reviewers' submitted scores (1–5)</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {others.map((o, r) => (
                <th scope="col" className="num" key={r}>
                  {o.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rubric.map((c, i) => (
              <tr key={i}>
                <th scope="row">{c.name}</th>
                {others.map((o, r) => (
                  <td className="num" key={r}>
                    {o.scores.find((s) => s.criterionId === String(i))?.score ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Weighted total</th>
              {others.map((o, r) => (
                <td className="num" key={r}>
                  <strong>{o.total ?? "—"}</strong>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h3>Their comments for the panel</h3>
      <dl className="summary-list">
        {others.map((o, r) => (
          <div key={r}>
            <dt>{o.name}</dt>
            <dd>{o.panelComment}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
