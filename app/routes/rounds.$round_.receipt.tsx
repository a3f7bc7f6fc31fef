import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { fieldErrorsFrom } from "~/lib/forms.server";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { getUser } from "~/modules/accounts/auth.server";
import { ideaPath } from "~/modules/ideas/paths";
import { canSeeRound } from "~/modules/rounds/permissions";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { checkReceipt, resultsPublished } from "~/modules/voting/results-queries.server";
import { ReceiptSchema } from "~/modules/voting/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params);
  if (!canSeeRound(round, user)) httpError(404, "There is no round with this address.");
  const base = { round: { slug: round.slug, title: round.title } };
  // The ballots are under embargo with the results: a code is checked only once they are published.
  if (!(await resultsPublished(round.id)))
    return { ...base, sealed: false as const, code: "", errors: null, check: null };
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { ...base, sealed: true as const, code: "", errors: null, check: null };
  const parsed = ReceiptSchema.safeParse({ code: typed });
  if (!parsed.success)
    return data(
      { ...base, sealed: true as const, code: typed, errors: fieldErrorsFrom(parsed.error), check: null },
      { status: 400 },
    );
  const result = await checkReceipt(round, parsed.data.code);
  const check =
    result && result.found
      ? {
          found: true as const,
          code: parsed.data.code,
          source: result.source,
          picks: result.picks.map((p) => ({ title: p.title, href: p.slug ? ideaPath(round.slug, p.slug) : null })),
          entryHash: result.entryHash,
          proof: result.proof,
          root: result.root,
          verified: result.verified,
        }
      : { found: false as const, code: parsed.data.code };
  return { ...base, sealed: true as const, code: parsed.data.code, errors: null, check };
}

export default function Receipt() {
  const { round, sealed, code, errors, check } = useLoaderData<typeof loader>();
  return (
    <div className="receipt-page">
      <Breadcrumbs
        items={[
          { href: "/", label: "Home" },
          { href: `/rounds/${round.slug}`, label: round.title },
          { href: `/rounds/${round.slug}/results`, label: "Results" },
        ]}
        current="Check a receipt"
      />
      <span className="caption">{round.title}</span>
      <h1>Check your receipt</h1>
      {!sealed ? (
        <div className="empty-state">
          <p>
            Receipts can be checked once the results are published: until then the ballots are under embargo. The ledger
            was sealed when voting closed, so it cannot change in the meantime.
          </p>
        </div>
      ) : (
        <>
          <p>
            When you voted you were given a receipt code. Enter it to see the ballot it belongs to and to check that the
            ballot was counted. The check shows what was picked, never who voted, when, or how many times.
          </p>
          <ErrorSummary errors={errors ?? undefined} />
          <form method="get" action={`/rounds/${round.slug}/receipt`} noValidate>
            <Field
              label="Receipt code"
              name="code"
              hint="10 letters and numbers, like 7KQ2M-XW9FD. Case, spaces and dashes do not matter."
              defaultValue={code}
              error={errors?.code}
              autoComplete="off"
              spellCheck={false}
              inputClassName="input--width-20"
            />
            <button type="submit" className="button">
              Check receipt
            </button>
          </form>
          {check && !check.found ? (
            <section aria-labelledby="receipt-result" className="receipt-result">
              <h2 id="receipt-result">Not among the counted ballots</h2>
              <p>
                No ballot that counted has the receipt code {check.code}. Either the code is mistyped, or it belongs to
                a ballot that was replaced by a later one: only each voter&apos;s last ballot counts, and only those are
                published. If you voted again, check the code of your last ballot.
              </p>
            </section>
          ) : null}
          {check && check.found ? (
            <section aria-labelledby="receipt-result" className="receipt-result">
              <h2 id="receipt-result">Found: receipt {check.code}</h2>
              <p className="lede">This ballot counted.</p>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt className="summary-list__key">Cast</dt>
                  <dd>{check.source === "paper" ? "On paper" : "Online"}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Picks</dt>
                  <dd>
                    <ul className="link-list">
                      {check.picks.map((p) => (
                        <li key={p.title}>{p.href ? <a href={p.href}>{p.title}</a> : p.title}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Entry hash</dt>
                  <dd>
                    <code className="round-hash">{check.entryHash}</code>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">In the sealed ledger</dt>
                  <dd>
                    {check.verified
                      ? `Yes: its Merkle proof (${check.proof.length} steps) leads to the published seal.`
                      : "No: its proof does not lead to the published seal. Please tell the programme team."}
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Published seal</dt>
                  <dd>
                    <code className="round-hash">{check.root}</code>
                  </dd>
                </div>
              </dl>
              <details className="details">
                <summary>The proof, step by step</summary>
                <div className="details__content">
                  <p>
                    Start from sha256("leaf:" + entry hash). At each step hash "node:" + left + right, with the step's
                    hash on the side shown.
                  </p>
                  <ol className="receipt-proof">
                    {check.proof.map((s, i) => (
                      <li key={i}>
                        <span>{s.side === "left" ? "Left" : "Right"}:</span>{" "}
                        <code className="round-hash">{s.hash}</code>
                      </li>
                    ))}
                  </ol>
                </div>
              </details>
            </section>
          ) : null}
          <p>
            <Link to={`/rounds/${round.slug}/results`}>Back to the results</Link>
          </p>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Check a receipt – ${data.round.title}` : "Check a receipt");
