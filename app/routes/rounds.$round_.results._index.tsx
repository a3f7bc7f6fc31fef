import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CategoryResults, SealFacts, Turnout } from "~/components/results-sections";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { getUser } from "~/modules/accounts/auth.server";
import { canSeeRound } from "~/modules/rounds/permissions";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { resultsPageData } from "~/modules/voting/results-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params);
  if (!canSeeRound(round, user)) httpError(404, "There is no round with this address.");
  const data = await resultsPageData(round);
  const base = { round: { slug: round.slug, title: round.title } };
  if (!data) return { ...base, state: "open" as const };
  const { categories, ...rest } = data;
  // Before publication the tallies are the programme team's to check: everyone else sees turnout and the seal.
  if (!data.published && !user?.isAdmin) {
    return { ...base, state: "checking" as const, ballots: rest.ballots, eligible: rest.eligible, seal: rest.seal };
  }
  return { ...base, state: data.published ? ("published" as const) : ("preview" as const), ...rest, categories };
}

export default function RoundResults() {
  const data = useLoaderData<typeof loader>();
  const { round } = data;
  const downloads = `/rounds/${round.slug}/results`;
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/", label: "Home" },
          { href: "/rounds", label: "Funding rounds" },
          { href: `/rounds/${round.slug}`, label: round.title },
        ]}
        current="Results"
      />
      <span className="caption">{round.title}</span>
      <h1>Results</h1>
      {data.state === "open" ? (
        <div className="empty-state">
          <p>Voting has not closed yet. The results will appear here once the votes have been counted and checked.</p>
        </div>
      ) : (
        <>
          {data.state === "checking" ? (
            <p className="lede">
              Results are being checked. The programme team publishes them once every outcome has been confirmed.
            </p>
          ) : null}
          {data.state === "preview" ? (
            <p className="flash flash--success results-preview">
              Preview for the programme team: these results are not published yet.{" "}
              <Link to={`/admin/rounds/${round.slug}/results`}>Review and publish them</Link>.
            </p>
          ) : null}
          {data.state === "published" ? <p className="lede">Published on {data.publishedAt}.</p> : null}

          <h2>Turnout</h2>
          <p>
            <Turnout ballots={data.ballots} eligible={data.eligible} />.
          </p>

          {data.state !== "checking" ? (
            <>
              <h2>How the money was decided</h2>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt className="summary-list__key">Funding rule</dt>
                  <dd>
                    {data.rule} Every rule respects the pot; ties are broken by calibrated panel score, then the earlier
                    submission.
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Pot</dt>
                  <dd>
                    {data.pot}, of which {data.spent} is awarded
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Frozen settings (SHA-256)</dt>
                  <dd>
                    {data.frozenSettingsHash ? (
                      <code className="round-hash">{data.frozenSettingsHash}</code>
                    ) : (
                      "Not recorded"
                    )}
                  </dd>
                </div>
              </dl>
              <h2>Votes and outcomes by category</h2>
              <p>Green bars are funded proposals. The dashed line is the funding line.</p>
              {data.categories.map((c) => (
                <CategoryResults key={c.id} category={c} />
              ))}
            </>
          ) : null}

          <h2>The sealed ledger</h2>
          <p>
            Every ballot that counts is in a ledger under a reference of its own, never a name, a time or a count of how
            often someone voted. When voting closed the ledger was sealed with one hash, so it cannot change afterwards.
          </p>
          <SealFacts seal={data.seal} />
          {data.state === "published" ? (
            <>
              <h3>Downloads</h3>
              <ul className="link-list">
                <li>
                  <a href={`${downloads}/ledger.json`} download>
                    Anonymised ledger with the seal and hashing rules (JSON)
                  </a>
                </li>
                <li>
                  <a href={`${downloads}/ledger.csv`} download>
                    Anonymised ledger (CSV)
                  </a>
                </li>
                <li>
                  <a href={`/rounds/${round.slug}/results.json`} download>
                    Results with the frozen settings, votes, tie-breakers and outcomes (JSON)
                  </a>
                </li>
              </ul>
              <p>
                <Link to={`${downloads}/verify`}>Verify these results</Link>: recount them in your browser from these
                files.
              </p>
              <p>
                <Link to={`/rounds/${round.slug}/receipt`}>Check your receipt code</Link>
              </p>
            </>
          ) : (
            <p>
              The ballots are under embargo until the results are published; then the ledger can be downloaded,
              recounted and checked against this seal.
            </p>
          )}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Results of ${data.round.title}` : "Results");
