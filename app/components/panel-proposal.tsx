// A proposal in full as the panel reads it (review page and panel pack), private fields included.
import { Engagement } from "~/components/engagement";
import type { EngagementSummary } from "~/modules/ideas/engagement.server";
export type PanelProposalView = {
  title: string;
  summary: string;
  category: string;
  challengeHtml: string;
  sections: { heading: string; html: string }[];
  milestones: { title: string; month: string }[];
  budget: { description: string; amount: string }[];
  budgetTotal: string;
  team: { name: string; organisation: string; role: string }[];
  engagement: EngagementSummary | null;
};

export function PanelProposal({
  p,
  headingLevel = 2,
  idPrefix,
}: {
  p: PanelProposalView;
  headingLevel?: 2 | 3;
  idPrefix: string;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="panel-proposal">
      <p className="lede">{p.summary}</p>
      <dl className="summary-list">
        <div>
          <dt>Category</dt>
          <dd>{p.category}</dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            {p.team
              .map(
                (m) => `${m.name} (${m.organisation || "no organisation given"})${m.role === "lead" ? ", lead" : ""}`,
              )
              .join("; ")}
          </dd>
        </div>
        {p.engagement ? (
          <div>
            <dt>Engagement</dt>
            <dd>
              <Engagement engagement={p.engagement} />.
            </dd>
          </div>
        ) : null}
      </dl>
      <H>The challenge</H>
      <div className="prose" dangerouslySetInnerHTML={{ __html: p.challengeHtml }} />
      {p.sections.map((s) => (
        <section key={s.heading}>
          <H>{s.heading}</H>
          <div className="prose" dangerouslySetInnerHTML={{ __html: s.html || "<p>Not answered.</p>" }} />
        </section>
      ))}
      <H>Milestones</H>
      {p.milestones.length === 0 ? (
        <p>None given.</p>
      ) : (
        <ul>
          {p.milestones.map((m, i) => (
            <li key={i}>
              {m.month}: {m.title}
            </li>
          ))}
        </ul>
      )}
      <div className="table-wrap" role="region" aria-labelledby={`${idPrefix}-budget`} tabIndex={0}>
        <table className="table">
          <caption id={`${idPrefix}-budget`}>Budget (private to the team, the panel and admins)</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {p.budget.map((b, i) => (
              <tr key={i}>
                <td>{b.description}</td>
                <td className="num">{b.amount}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td className="num">{p.budgetTotal}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
