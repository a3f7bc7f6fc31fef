// One category of the ranking, with the shortlist decision controls for each proposal.
import { ideaPath } from "~/modules/ideas/paths";
import { Engagement } from "~/components/engagement";
import type { EngagementSummary } from "~/modules/ideas/engagement.server";
import { errorId, fieldId } from "./field";

type Row = {
  ideaId: string;
  slug: string;
  title: string;
  rank: number;
  recommended: boolean;
  hidden: boolean;
  score: { reviews: number; rawMean: number; calibratedMean: number; range: number; disagreement: boolean } | null;
  engagement: EngagementSummary;
  decision: { included: boolean; rationale: string | null } | null;
};
type Category = { id: string; name: string; proposals: number; seats: number; unfilledSeats: number; rows: Row[] };

export function ShortlistTable({
  category,
  editable,
  values,
  errors,
  threshold,
  roundSlug,
}: {
  category: Category;
  editable: boolean;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  threshold: number;
  roundSlug?: string;
}) {
  const captionId = `category-${category.id}`;
  const failed = values?.intent === "confirm";
  return (
    <section aria-labelledby={`${captionId}-h`}>
      <h2 id={`${captionId}-h`}>{category.name}</h2>
      <p>
        {category.proposals} {category.proposals === 1 ? "proposal" : "proposals"}, {category.seats}{" "}
        {category.seats === 1 ? "seat" : "seats"}.
        {category.unfilledSeats > 0
          ? ` ${category.unfilledSeats} ${category.unfilledSeats === 1 ? "seat is" : "seats are"} left unfilled: too few proposals.`
          : ""}
      </p>
      {category.rows.length === 0 ? (
        <p>No proposals in this category.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="table">
            <caption id={captionId}>{category.name}: proposals ranked by calibrated score</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Proposal</th>
                <th scope="col" className="num">
                  Reviews
                </th>
                <th scope="col" className="num">
                  Raw mean
                </th>
                <th scope="col" className="num">
                  Calibrated
                </th>
                <th scope="col">Disagreement (over {threshold})</th>
                <th scope="col">Engagement</th>
                <th scope="col">Recommended</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {category.rows.map((r) => {
                const included = failed
                  ? values?.[`include-${r.ideaId}`] === "on"
                  : (r.decision?.included ?? r.recommended);
                const rationale = failed ? values?.[`rationale-${r.ideaId}`] : (r.decision?.rationale ?? "");
                const error = errors?.[`rationale-${r.ideaId}`];
                return (
                  <tr
                    key={r.ideaId}
                    className={
                      r.decision && r.decision.included !== r.recommended ? "shortlist-row--departure" : undefined
                    }
                  >
                    <td className="num">{r.rank}</td>
                    <td>{roundSlug ? <a href={ideaPath(roundSlug, r.slug)}>{r.title}</a> : r.title}</td>
                    {r.hidden ? (
                      <td colSpan={4}>Hidden: you have a conflict with this proposal.</td>
                    ) : r.score ? (
                      <>
                        <td className="num">{r.score.reviews}</td>
                        <td className="num">{r.score.rawMean.toFixed(2)}</td>
                        <td className="num">{r.score.calibratedMean.toFixed(2)}</td>
                        <td>
                          {r.score.disagreement
                            ? `Yes: totals span ${r.score.range.toFixed(2)}`
                            : `No (${r.score.range.toFixed(2)})`}
                        </td>
                      </>
                    ) : (
                      <td colSpan={4}>No submitted reviews yet.</td>
                    )}
                    <td>
                      <Engagement engagement={r.engagement} />
                    </td>
                    <td>{r.recommended ? "Yes" : "No"}</td>
                    <td className="shortlist-decision">
                      <input type="hidden" name="ideaId" value={r.ideaId} />
                      {editable ? (
                        <div className={error ? "field field--error" : "field"}>
                          <div className="checkbox">
                            <input
                              className="checkbox__input"
                              type="checkbox"
                              id={`include-${r.ideaId}`}
                              name={`include-${r.ideaId}`}
                              value="on"
                              defaultChecked={included}
                            />
                            <label className="checkbox__label" htmlFor={`include-${r.ideaId}`}>
                              Shortlist<span className="visually-hidden"> “{r.title}”</span>
                            </label>
                          </div>
                          <label className="field__label" htmlFor={fieldId(`rationale-${r.ideaId}`)}>
                            Reason for a change<span className="visually-hidden"> to “{r.title}”</span>
                          </label>
                          {error ? (
                            <p className="field__error" id={errorId(`rationale-${r.ideaId}`)}>
                              <span className="visually-hidden">Error:</span> {error}
                            </p>
                          ) : null}
                          <input
                            className="input"
                            id={fieldId(`rationale-${r.ideaId}`)}
                            name={`rationale-${r.ideaId}`}
                            defaultValue={rationale ?? ""}
                            aria-describedby={error ? errorId(`rationale-${r.ideaId}`) : undefined}
                          />
                        </div>
                      ) : r.decision ? (
                        <>
                          {r.decision.included ? "Shortlisted" : "Not shortlisted"}
                          {r.decision.rationale ? `: ${r.decision.rationale}` : ""}
                        </>
                      ) : (
                        "Not decided"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
