import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BallotFieldsets } from "~/components/ballot-fieldsets";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { now } from "~/lib/clock";
import { DomainError, statusOf } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { useFreshKey } from "~/lib/use-fresh-key";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { forRules } from "~/modules/rounds/model";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { allowed } from "~/modules/rounds/rules";
import { inPageOrder, picksFromForm, toBallotPicks, type PicksByCategory } from "~/modules/voting/ballot-form";
import { ballotFor, paperBallotCount } from "~/modules/voting/queries.server";
import { recordPaperBallot } from "~/modules/voting/record-paper-ballot.server";
import { ballotFormToken } from "~/modules/voting/voter-ref.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  const gate = allowed(forRules(round), "vote", now());
  const ballot = gate.ok ? await ballotFor(round, null) : null;
  return {
    round: { slug: round.slug, title: round.title, closes: formatLondon(round.votingClosesAt) },
    entered: await paperBallotCount(round.id),
    closed: ballot ? null : gate.ok ? "This round has no ballot yet." : gate.reason,
    categories: ballot?.categories ?? [],
    token: ballotFormToken(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const round = await roundFromParams(params);
  const form = await readForm(request);
  const picks = picksFromForm(form);
  const token = typeof form.get("token") === "string" ? String(form.get("token")) : "";
  try {
    const result = await recordPaperBallot(user, {
      roundId: round.id,
      picks: toBallotPicks(picks),
      idempotencyKey: token,
    });
    const text = result.repeated
      ? `That paper ballot was already entered (receipt ${result.receiptCode}); it was not entered twice.`
      : `Paper ballot entered (receipt ${result.receiptCode}). ${result.paperBallots} paper ${result.paperBallots === 1 ? "ballot has" : "ballots have"} been entered in this round.`;
    return redirectWithFlash(`/admin/rounds/${round.slug}/paper-ballots`, text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data<{ picks: PicksByCategory; token: string; errors: Record<string, string> }>(
      {
        picks,
        token,
        errors: inPageOrder(
          error.fieldErrors ?? { form: error.message },
          round.categories.map((c) => c.id),
        ),
      },
      { status: statusOf(error) },
    );
  }
}

export default function PaperBallots() {
  const { round, entered, closed, categories, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formKey = useFreshKey(result);
  return (
    <div className="ballot">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
        ]}
        current={`Paper ballots for ${round.title}`}
      />
      <span className="caption">Paper ballots</span>
      <h1>{round.title}</h1>
      <ErrorSummary errors={result?.errors} />
      <p className="lede">
        {entered === 0
          ? "No paper ballots have been entered yet."
          : `${entered} paper ${entered === 1 ? "ballot has" : "ballots have"} been entered.`}
      </p>
      {closed ? (
        <p>{closed}</p>
      ) : (
        <>
          <p>
            Enter the counted paper ballots from an in-person vote one at a time, until voting closes at {round.closes}.
            Each one is added to the ballot ledger marked as paper, under a reference of its own, and recorded in the
            audit log. Submitting the same form twice enters it once.
          </p>
          <Form method="post" noValidate key={`${token}-${formKey}`}>
            <input type="hidden" name="token" value={result?.token || token} />
            <BallotFieldsets
              roundSlug={round.slug}
              categories={categories}
              picks={result?.picks ?? {}}
              errors={result?.errors}
              ownAllowed
              paper
            />
            <SubmitButton pendingText="Entering…">Enter this paper ballot</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to={`/rounds/${round.slug}`}>See the round's public page</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Paper ballots for ${data.round.title}` : "Paper ballots");
