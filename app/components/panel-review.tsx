// The rubric as radios (anchors as hints, weight in the legend), and others' submitted reviews.
import { Radios } from "./checkbox";

type Criterion = { name: string; description: string; anchors: string[]; weight: number };
type Score = { criterionId: string; score: number };

export function RubricFields({ rubric, saved, values, errors }: { rubric: Criterion[]; saved: Score[]; values?: Record<string, string>; errors?: Record<string, string> }) {
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
            legend={<>{c.name} <span className="small text-muted">(weight {c.weight} of {totalWeight})</span></>}
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
  return (
    <div className="table-wrap" role="region" aria-labelledby="others-caption" tabIndex={0}>
      <table className="table">
        <caption id="others-caption">Other reviewers' submitted scores (1–5) and comments</caption>
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            {rubric.map((c, i) => <th scope="col" className="num" key={i}>{c.name}</th>)}
            <th scope="col" className="num">Weighted total</th>
            <th scope="col">Comment for the panel</th>
          </tr>
        </thead>
        <tbody>
          {others.map((o, r) => (
            <tr key={r}>
              <th scope="row">{o.name}</th>
              {rubric.map((_, i) => <td className="num" key={i}>{o.scores.find((s) => s.criterionId === String(i))?.score ?? "—"}</td>)}
              <td className="num">{o.total ?? "—"}</td>
              <td>{o.panelComment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
