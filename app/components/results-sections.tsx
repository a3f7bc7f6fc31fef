import { ResultsChart } from "~/components/results-chart";

export type SealData = { root: string; ballots: number; sealedAt: string; sealedIso: string };
export type LineData = {
  ideaId: string;
  href: string;
  title: string;
  votes: number;
  rank: number;
  requested: string;
  recommendedFunded: boolean;
  funded: boolean;
  explanation: string;
  overrideReason: string | null;
};
export type CategoryData = { id: string; name: string; lines: LineData[] };

/** Ballots over eligible members, as "608 of 3,377 members (18.0%)". */
export function Turnout({ ballots, eligible }: { ballots: number; eligible: number }) {
  const share = eligible > 0 ? ((ballots / eligible) * 100).toFixed(1) : "0.0";
  return (
    <>
      {ballots.toLocaleString("en-GB")} of {eligible.toLocaleString("en-GB")} eligible members voted ({share}%)
    </>
  );
}

export function SealFacts({ seal }: { seal: SealData }) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt className="summary-list__key">Seal (Merkle root)</dt>
        <dd>
          <code className="round-hash">{seal.root}</code>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Ballots sealed</dt>
        <dd>{seal.ballots.toLocaleString("en-GB")} (each voter&apos;s last ballot)</dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Sealed at</dt>
        <dd>
          <time dateTime={seal.sealedIso}>{seal.sealedAt}</time>
        </dd>
      </div>
    </dl>
  );
}

/** The number of lines from the top that are funded without a gap: where the funding line falls. */
export function fundingLine(lines: ReadonlyArray<{ funded: boolean }>): number {
  const gap = lines.findIndex((l) => !l.funded);
  return gap === -1 ? lines.length : gap;
}

/** One category's chart and its table: every proposal's votes, outcome and explanation. */
export function CategoryResults({ category }: { category: CategoryData }) {
  const id = `results-${category.id}`;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{category.name}</h3>
      {category.lines.length === 0 ? (
        <p>No proposals were shortlisted in this category.</p>
      ) : (
        <>
          <ResultsChart
            id={`${id}-chart`}
            category={category.name}
            bars={category.lines.map((l) => ({ id: l.ideaId, label: l.title, votes: l.votes, funded: l.funded }))}
            line={fundingLine(category.lines)}
          />
          <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="table">
              <caption id={`${id}-caption`}>{category.name}: votes, outcome and why</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Place
                  </th>
                  <th scope="col">Proposal</th>
                  <th scope="col" className="num">
                    Votes
                  </th>
                  <th scope="col" className="num">
                    Requested
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {category.lines.map((l) => (
                  <tr key={l.ideaId}>
                    <td className="num">{l.rank}</td>
                    <th scope="row">
                      <a href={l.href}>{l.title}</a>
                    </th>
                    <td className="num">{l.votes}</td>
                    <td className="num">{l.requested}</td>
                    <td>
                      {l.funded ? (
                        <span className="badge badge--success">Funded</span>
                      ) : (
                        <span className="badge badge--neutral">Not funded</span>
                      )}
                    </td>
                    <td>
                      {l.explanation}
                      {l.overrideReason ? (
                        <p className="results-override">
                          <strong>Decided by the programme team, overriding the rule:</strong> {l.overrideReason}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
