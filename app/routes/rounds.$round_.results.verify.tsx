import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { getUser } from "~/modules/accounts/auth.server";
import { canSeeRound } from "~/modules/rounds/permissions";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { resultsPublished } from "~/modules/voting/results-queries.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params);
  if (!canSeeRound(round, user)) httpError(404, "There is no round with this address.");
  return { round: { slug: round.slug, title: round.title }, published: await resultsPublished(round.id) };
}

type Run = { state: "idle" | "running" | "matches" | "differs"; steps: string[]; difference: string | null };

/**
 * Fetches the two published files and recounts them here, with the browser's own SHA-256
 * (WebCrypto) and the same code as the command (recount-files.ts), loaded only when it runs.
 */
function useRecount(slug: string, published: boolean) {
  const [run, setRun] = useState<Run>({ state: "idle", steps: [], difference: null });
  const start = async () => {
    const steps: string[] = [];
    const say = (line: string) => {
      steps.push(line);
      setRun({ state: "running", steps: [...steps], difference: null });
    };
    try {
      const read = async (path: string) => {
        const response = await fetch(path, { cache: "no-store" });
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        say(`Downloaded ${path}.`);
        return response.json();
      };
      const ledger = await read(`/rounds/${slug}/results/ledger.json`);
      const results = await read(`/rounds/${slug}/results.json`);
      const { recountFiles } = await import("~/modules/voting/recount-files");
      const outcome = await recountFiles(ledger, results, say);
      setRun({ state: outcome.ok ? "matches" : "differs", steps, difference: outcome.ok ? null : outcome.difference });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      setRun({ state: "differs", steps, difference: `The files could not be read: ${why}.` });
    }
  };
  // Runs once the page's JavaScript is there; without JavaScript the page explains the command.
  useEffect(() => {
    if (!published) return;
    const timer = setTimeout(() => void start(), 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug, published]);
  return { run, start, setRun };
}

export default function VerifyResults() {
  const { round, published } = useLoaderData<typeof loader>();
  const { run, start, setRun } = useRecount(round.slug, published);
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/", label: "Home" },
          { href: `/rounds/${round.slug}`, label: round.title },
          { href: `/rounds/${round.slug}/results`, label: "Results" },
        ]}
        current="Verify these results"
      />
      <span className="caption">{round.title}</span>
      <h1>Verify these results</h1>
      {!published ? (
        <div className="empty-state">
          <p>
            The results are not published yet, so there is nothing to verify: the ballots are under embargo until then.
          </p>
        </div>
      ) : (
        <>
          <p className="lede">
            This page downloads the published ballot ledger and results, and recounts them in your browser: it checks
            each ballot&apos;s hash, the seal, the frozen settings, the votes, and the funding rule&apos;s outcome for
            every proposal. Nothing is sent anywhere.
          </p>
          <section aria-labelledby="recount-h">
            <h2 id="recount-h">The recount</h2>
            {run.state === "idle" ? (
              <p>
                The recount starts when this page&apos;s JavaScript has loaded. Without JavaScript, use the command
                below.
              </p>
            ) : (
              <ol className="recount-steps" aria-live="polite">
                {run.steps.map((step, i) => (
                  <li key={i}>{step}</li>
                ))}
              </ol>
            )}
            <div role="status" className="recount-outcome">
              {run.state === "running" ? <p>Recounting…</p> : null}
              {run.state === "matches" ? (
                <p className="flash flash--success">The recount matches the published results.</p>
              ) : null}
              {run.state === "differs" ? (
                <p className="flash flash--error">The recount does not match the published results. {run.difference}</p>
              ) : null}
            </div>
            {run.state === "matches" || run.state === "differs" ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setRun({ state: "running", steps: [], difference: null });
                  void start();
                }}
              >
                Recount again
              </button>
            ) : null}
          </section>
          <section aria-labelledby="command-h">
            <h2 id="command-h">Recount on your own computer</h2>
            <p>
              Download <a href={`/rounds/${round.slug}/results/ledger.json`}>the ledger</a> and{" "}
              <a href={`/rounds/${round.slug}/results.json`}>the results</a>, then, in a copy of the Q Exchange source
              code (Node.js 20 or later, after <code>npm ci</code>), run:
            </p>
            <pre>
              <code>{`npm run recount -- --ledger ledger.json --results results.json`}</code>
            </pre>
            <p>
              It needs no database and no settings, prints each step, and ends with exit code 0 when everything matches,
              or 1 and the first difference, naming the proposal.
            </p>
          </section>
          <p>
            <Link to={`/rounds/${round.slug}/results`}>Back to the results</Link>
          </p>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Verify the results of ${data.round.title}` : "Verify the results");
