import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Checkbox, Radios } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { SealFacts, Turnout } from "~/components/results-sections";
import { SubmitButton } from "~/components/submit-button";
import { now } from "~/lib/clock";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { forRules } from "~/modules/rounds/model";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { allowed } from "~/modules/rounds/rules";
import { overrideResultLine, undoOverride } from "~/modules/voting/override-result.server";
import { publishResults } from "~/modules/voting/publish-results.server";
import { resultsPageData } from "~/modules/voting/results-page.server";
import { OverrideLineSchema, PublishResultsSchema, UndoOverrideSchema } from "~/modules/voting/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  const results = await resultsPageData(round);
  const gate = allowed(forRules(round), "publishResults", now());
  const editable = Boolean(results && !results.published && gate.ok);
  const lineId = new URL(request.url).searchParams.get("line");
  const line =
    editable && lineId ? (results!.categories.flatMap((c) => c.lines).find((l) => l.ideaId === lineId) ?? null) : null;
  return {
    round: { slug: round.slug, title: round.title, phase: round.phase },
    results,
    editable,
    closed: gate.ok ? null : gate.reason,
    line,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const round = await roundFromParams(params);
  const form = await readForm(request);
  const values = formValues(form);
  const back = `/admin/rounds/${round.slug}/results`;
  try {
    switch (form.get("intent")) {
      case "override": {
        const parsed = parseForm(OverrideLineSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
        const result = await overrideResultLine(user, { roundId: round.id, ...parsed.data });
        return redirectWithFlash(
          back,
          `Override saved: the proposal is now ${result.funded ? "funded" : "not funded"}. The reason will be published with the results.`,
        );
      }
      case "undo": {
        const parsed = parseForm(UndoOverrideSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
        await undoOverride(user, { roundId: round.id, ideaId: parsed.data.ideaId });
        return redirectWithFlash(back, "Override undone: the line follows the rule again.");
      }
      case "publish": {
        const parsed = parseForm(PublishResultsSchema, form);
        if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
        const result = await publishResults(user, { roundId: round.id });
        return redirectWithFlash(
          `/rounds/${round.slug}/results`,
          `Results published: ${result.funded} funded, ${result.notFunded} not funded. Every team is being told, and the round is now in delivery.`,
        );
      }
      default:
        return formFailure({ form: "Choose what to do." }, values);
    }
  } catch (error) {
    return domainFailure(error, values);
  }
}

export default function AdminResults() {
  const { round, results, editable, closed, line } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure?.errors;
  const back = `/admin/rounds/${round.slug}/results`;
  const overrides = results ? results.categories.flatMap((c) => c.lines).filter((l) => l.overrideReason).length : 0;
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
          { href: `/admin/rounds/${round.slug}/phase`, label: round.title },
        ]}
        current="Results"
      />
      <span className="caption">{round.title}</span>
      <h1>Review and publish results</h1>
      <ErrorSummary errors={errors} />
      {!results ? (
        <div className="empty-state">
          <p>There are no results yet: they are computed when voting closes and the ledger is sealed.</p>
        </div>
      ) : (
        <>
          {results.published ? (
            <p className="lede">
              Published on {results.publishedAt}.{" "}
              <Link to={`/rounds/${round.slug}/results`}>See the public results page</Link>.
            </p>
          ) : closed ? (
            <p>{closed}</p>
          ) : (
            <p className="lede">
              These results were computed from the sealed ledger by the frozen rule. Check each line, override any with
              a public reason, then publish. <Link to={`/rounds/${round.slug}/results`}>Preview the public page</Link>.
            </p>
          )}
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt className="summary-list__key">Turnout</dt>
              <dd>
                <Turnout ballots={results.ballots} eligible={results.eligible} />
              </dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Funding rule</dt>
              <dd>{results.rule}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Awarded</dt>
              <dd>
                {results.spent} of the {results.pot} pot
              </dd>
            </div>
          </dl>
          <SealFacts seal={results.seal} />

          {line ? (
            <section id="override" aria-labelledby="override-h" className="results-override-form">
              <h2 id="override-h">Override “{line.title}”</h2>
              <p>
                The rule {line.recommendedFunded ? "funds" : "does not fund"} this proposal: {line.explanation}
              </p>
              <Form method="post" action={`${back}?line=${line.ideaId}`} noValidate>
                <input type="hidden" name="intent" value="override" />
                <input type="hidden" name="ideaId" value={line.ideaId} />
                <Radios
                  name="funded"
                  legend="Outcome"
                  inline
                  defaultValue={failure?.values?.funded ?? (line.recommendedFunded ? "no" : "yes")}
                  error={errors?.funded}
                  options={[
                    { value: "yes", label: "Fund" },
                    { value: "no", label: "Do not fund" },
                  ]}
                />
                <Field
                  label="Public reason"
                  name="reason"
                  hint="Shown on the results page beside this proposal's outcome."
                  multiline
                  rows={4}
                  maxLength={1000}
                  defaultValue={failure?.values?.reason ?? ""}
                  error={errors?.reason}
                />
                <div className="button-group">
                  <SubmitButton pendingText="Saving…">Save override</SubmitButton>
                  <Link to={back}>Cancel</Link>
                </div>
              </Form>
            </section>
          ) : null}

          {results.categories.map((c) => (
            <section key={c.id} aria-labelledby={`cat-${c.id}`}>
              <h2 id={`cat-${c.id}`}>{c.name}</h2>
              {c.lines.length === 0 ? (
                <p>No proposals were shortlisted in this category.</p>
              ) : (
                <div className="table-wrap" role="region" aria-labelledby={`cap-${c.id}`} tabIndex={0}>
                  <table className="table">
                    <caption id={`cap-${c.id}`}>{c.name}: computed results</caption>
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
                        <th scope="col">Rule says</th>
                        <th scope="col">Outcome</th>
                        <th scope="col">Explanation</th>
                        {editable ? <th scope="col">Change</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {c.lines.map((l) => (
                        <tr key={l.ideaId} className={l.overrideReason ? "shortlist-row--departure" : undefined}>
                          <td className="num">{l.rank}</td>
                          <th scope="row">
                            <a href={l.href}>{l.title}</a>
                          </th>
                          <td className="num">{l.votes}</td>
                          <td className="num">{l.requested}</td>
                          <td>{l.recommendedFunded ? "Fund" : "Do not fund"}</td>
                          <td>
                            {l.funded ? "Funded" : "Not funded"}
                            {l.overrideReason ? <> (overridden: {l.overrideReason})</> : null}
                          </td>
                          <td>{l.explanation}</td>
                          {editable ? (
                            <td>
                              {l.overrideReason ? (
                                <Form method="post" action={back}>
                                  <input type="hidden" name="ideaId" value={l.ideaId} />
                                  <button type="submit" className="button button--secondary" name="intent" value="undo">
                                    Undo override<span className="visually-hidden"> of “{l.title}”</span>
                                  </button>
                                </Form>
                              ) : (
                                <Link to={`${back}?line=${l.ideaId}#override`}>
                                  Override<span className="visually-hidden"> “{l.title}”</span>
                                </Link>
                              )}
                            </td>
                          ) : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}

          {editable ? (
            <section aria-labelledby="publish-h">
              <h2 id="publish-h">Publish the results</h2>
              <p>
                Publishing makes every shortlisted proposal funded or not funded as shown above ({overrides}{" "}
                {overrides === 1 ? "override" : "overrides"}), tells every team, opens the results page to everyone and
                moves the round into delivery. It cannot be undone.
              </p>
              <Form method="post" action={back} noValidate>
                <Checkbox
                  name="confirm"
                  value="yes"
                  label="I have checked every outcome and want to publish the results"
                  error={errors?.confirm}
                />
                <SubmitButton name="intent" value="publish" variant="warning" pendingText="Publishing…">
                  Publish results
                </SubmitButton>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Results of ${data.round.title}` : "Results");
