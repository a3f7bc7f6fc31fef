import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { ShortlistTable } from "~/components/shortlist-table";
import { SubmitButton } from "~/components/submit-button";
import { now } from "~/lib/clock";
import { DomainError, statusOf } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formValues, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { forRules } from "~/modules/rounds/model";
import { allowed } from "~/modules/rounds/rules";
import { assertAdminOrChairNow } from "~/modules/panel/access-check.server";
import { shortlistPage } from "~/modules/panel/ranking.server";
import { confirmShortlist, publishShortlist } from "~/modules/panel/shortlist.server";
import { shortlistFormDecisions } from "~/modules/panel/validation";

async function findRoundFor(request: Request, params: unknown) {
  const user = await requireUser(request);
  const round = await roundFromParams(params);
  try {
    await assertAdminOrChairNow(round.id, user);
  } catch (error) {
    if (error instanceof DomainError) httpError(statusOf(error), error.message);
    throw error;
  }
  return { user, round };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round } = await findRoundFor(request, params);
  const page = await shortlistPage(round, user.id);
  const gate = allowed(forRules(round), "shortlist", now());
  const rows = page.ranking.categories.flatMap((c) => c.rows);
  return {
    round: { slug: round.slug, title: round.title },
    isAdmin: user.isAdmin,
    ranking: page.ranking,
    publishedAt: page.publishedAt ? formatLondon(page.publishedAt) : null,
    closed: gate.ok ? null : gate.reason,
    confirmed: rows.length > 0 && rows.every((r) => r.decision !== null),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round } = await findRoundFor(request, params);
  const form = await readForm(request);
  const values = formValues(form);
  const back = `/admin/rounds/${round.slug}/shortlist`;
  try {
    if (form.get("intent") === "publish") {
      const result = await publishShortlist(user, { roundId: round.id });
      return redirectWithFlash(
        back,
        `The shortlist is published: ${result.shortlisted} shortlisted, ${result.notShortlisted} not shortlisted. Every team is being emailed.`,
      );
    }
    const ideaIds = form.getAll("ideaId").filter((v): v is string => typeof v === "string");
    const result = await confirmShortlist(user, {
      roundId: round.id,
      decisions: shortlistFormDecisions(form, ideaIds),
    });
    return redirectWithFlash(
      back,
      `Shortlist confirmed: ${result.shortlisted} ${result.shortlisted === 1 ? "proposal" : "proposals"}, ${result.departures} ${result.departures === 1 ? "change" : "changes"} from the recommendation.`,
    );
  } catch (error) {
    return domainFailure(error, values);
  }
}

export default function Shortlist() {
  const { round, isAdmin, ranking, publishedAt, closed, confirmed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const editable = !publishedAt && !closed;
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to={isAdmin ? "/admin" : "/panel"}>{isAdmin ? "Admin" : "Your reviews"}</Link>
          </li>
          {isAdmin ? (
            <li className="breadcrumbs__item">
              <Link to={`/admin/rounds/${round.slug}`}>{round.title}</Link>
            </li>
          ) : null}
          {isAdmin ? (
            <li className="breadcrumbs__item">
              <Link to={`/admin/rounds/${round.slug}/panel`}>Panel</Link>
            </li>
          ) : null}
          <li className="breadcrumbs__item" aria-current="page">
            Shortlist
          </li>
        </ol>
      </nav>
      <span className="caption">Ranking and shortlist</span>
      <h1>{round.title}</h1>
      <ErrorSummary errors={result?.errors} />
      {publishedAt ? (
        <p>The shortlist was published on {publishedAt}. Scores and decisions can no longer change.</p>
      ) : closed ? (
        <p>{closed}</p>
      ) : null}
      <p>
        The shortlist has {ranking.shortlistSize} seats, split between categories in proportion to the proposals each
        received (largest remainder). Within a category proposals are ranked by their calibrated score: each reviewer's
        totals are standardised against that reviewer's own mean and spread (reviewers with 2 scores, or no spread, are
        only shifted by their own mean; a reviewer with 1 score counts as given). Reviewers disagree strongly when their
        weighted totals for a proposal differ by more than {ranking.threshold} points on the 1–5 scale. Ties break by
        the raw mean, then the earlier submission.
      </p>
      <Form method="post" noValidate>
        {ranking.categories.map((c) => (
          <ShortlistTable
            key={c.id}
            roundSlug={round.slug}
            category={c}
            editable={editable}
            values={result?.values}
            errors={result?.errors}
            threshold={ranking.threshold}
          />
        ))}
        {editable && ranking.categories.some((c) => c.rows.length > 0) ? (
          <SubmitButton name="intent" value="confirm" pendingText="Confirming…">
            Confirm the shortlist
          </SubmitButton>
        ) : null}
      </Form>
      {editable && confirmed ? (
        <>
          <h2>Publish the shortlist</h2>
          <Form method="post" noValidate>
            <p>
              Publishing marks every proposal shortlisted or not shortlisted, emails every team its outcome with the
              reviewers' feedback, and freezes the scores. It cannot be undone.
            </p>
            <SubmitButton name="intent" value="publish" variant="warning" pendingText="Publishing…">
              Publish the shortlist and notify applicants
            </SubmitButton>
          </Form>
        </>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Shortlist for ${data.round.title}` : "Shortlist");
