import { formatPence } from "~/lib/money";

export type ProposalSectionsData = {
  aimsHtml: string;
  deliveryHtml: string;
  learningHtml: string;
  contributeHtml: string;
  milestones: { title: string; targetMonth: string }[];
  budgetTotalPence: number;
  budgetLines?: { description: string; amountPence: number }[];
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2027-09-01" -> "September 2027". */
export function monthLabel(date: string): string {
  const [year, month] = date.split("-").map(Number);
  return `${MONTHS[month - 1]} ${year}`;
}

export function ProposalSections({
  proposal,
  maxAwardPence,
}: {
  proposal: ProposalSectionsData;
  maxAwardPence: number;
}) {
  const sections: [string, string][] = [
    ["What it aims to achieve", proposal.aimsHtml],
    ["How it will be delivered", proposal.deliveryHtml],
    ["How it will share learning", proposal.learningHtml],
    ["How others can contribute", proposal.contributeHtml],
  ];
  return (
    <>
      {sections.map(([heading, html]) => (
        <section className="section" key={heading}>
          <h2>{heading}</h2>
          {html ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="text-muted">Not written yet.</p>
          )}
        </section>
      ))}
      <section className="section">
        <h2>Timeline</h2>
        {proposal.milestones.length === 0 ? (
          <p className="text-muted">No milestones yet.</p>
        ) : (
          <ol className="milestone-list">
            {proposal.milestones.map((m, i) => (
              <li key={i}>
                <strong>{monthLabel(m.targetMonth)}</strong>: {m.title}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="section">
        <h2>Budget</h2>
        <p>
          Total requested: <strong>{formatPence(proposal.budgetTotalPence)}</strong> (the maximum award is{" "}
          {formatPence(maxAwardPence)}).
        </p>
        {proposal.budgetLines ? (
          <BudgetTable
            lines={proposal.budgetLines}
            caption="Budget lines (visible to the team, the panel and the programme team only)"
          />
        ) : null}
      </section>
    </>
  );
}

export function BudgetTable({
  lines,
  caption,
}: {
  lines: { description: string; amountPence: number }[];
  caption: string;
}) {
  const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
  return (
    <div className="table-wrap" role="region" aria-labelledby="budget-caption" tabIndex={0}>
      <table className="table">
        <caption id="budget-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">What the money is for</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <td>{line.description}</td>
              <td className="num">{formatPence(line.amountPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">
              <strong>{formatPence(total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
