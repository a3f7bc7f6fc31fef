import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BallotFieldsets, HiddenPicks } from "~/components/ballot-fieldsets";
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
import { requireMember, requireUser } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import { roundFromParams } from "~/modules/ideas/route-context.server";
import { forRules } from "~/modules/rounds/model";
import { allowed } from "~/modules/rounds/rules";
import { inPageOrder, picksFromForm, toBallotPicks, type PicksByCategory } from "~/modules/voting/ballot-form";
import { castBallot } from "~/modules/voting/cast-ballot.server";
import { ballotFor, checkPicks } from "~/modules/voting/queries.server";
import { ballotFormToken } from "~/modules/voting/voter-ref.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = await roundFromParams(params, user);
  const base = { round: { slug: round.slug, title: round.title, closes: formatLondon(round.votingClosesAt) } };
  if (!isMember(user)) {
    return data({ ...base, state: "not-member" as const, pending: user.membership === "pending" }, { status: 403 });
  }
  const gate = allowed(forRules(round), "vote", now());
  const ballot = gate.ok ? await ballotFor(round, user.id) : null;
  if (!ballot) {
    return { ...base, state: "closed" as const, reason: gate.ok ? "This round has no ballot yet." : gate.reason };
  }
  return {
    ...base,
    state: "open" as const,
    categories: ballot.categories,
    allowOwnIdea: ballot.rules.allowOwnIdea,
    current: ballot.current
      ? {
          castAt: formatLondon(ballot.current.castAt),
          receiptCode: ballot.current.receiptCode,
          picks: ballot.current.picks,
        }
      : null,
    // The idempotency key of the submission this page becomes: a double submit is one ballot.
    token: ballotFormToken(),
  };
}

type Step = { step: "choose" | "check"; picks: PicksByCategory; token: string; errors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireMember(request);
  const round = await roundFromParams(params, user);
  const form = await readForm(request);
  const picks = picksFromForm(form);
  const token = typeof form.get("token") === "string" ? String(form.get("token")) : "";
  const intent = form.get("intent");
  const order = round.categories.map((c) => c.id);
  const back = (errors: Record<string, string>, status = 400) =>
    data<Step>({ step: "choose", picks, token, errors: inPageOrder(errors, order) }, { status });

  if (intent === "change") return data<Step>({ step: "choose", picks, token, errors: {} });
  if (intent === "submit") {
    try {
      const result = await castBallot(user, { roundId: round.id, picks: toBallotPicks(picks), idempotencyKey: token });
      const replaced = result.version > 1 ? " It replaces your earlier ballot." : "";
      return redirectWithFlash(
        `/rounds/${round.slug}/vote`,
        `Your ballot has been recorded.${replaced} Your receipt code is ${result.receiptCode}. We have emailed it to you.`,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return back(error.fieldErrors ?? { form: error.message }, statusOf(error));
    }
  }
  // "check": the same validation as casting, nothing written.
  const gate = allowed(forRules(round), "vote", now());
  const ballot = gate.ok ? await ballotFor(round, user.id) : null;
  if (!ballot) return back({ form: gate.ok ? "This round has no ballot yet." : gate.reason }, 403);
  const check = checkPicks(ballot.rules, ballot.own, picks);
  if (!check.ok) return back(check.errors);
  return data<Step>({ step: "check", picks, token, errors: {} });
}

export default function Vote() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formKey = useFreshKey(result);
  const crumbs = [
    { href: "/", label: "Home" },
    { href: "/rounds", label: "Funding rounds" },
    { href: `/rounds/${page.round.slug}`, label: page.round.title },
  ];

  if (page.state === "not-member") {
    return (
      <div className="ballot">
        <Breadcrumbs items={crumbs} current="Vote" />
        <h1>Only members can vote</h1>
        <p>
          Each member of the Q community has one ballot in {page.round.title}. Your account is not a member, so you
          cannot vote.
        </p>
        {page.pending ? (
          <p>
            Your application to be a member is waiting for the programme team. Once it is approved you can vote until{" "}
            {page.round.closes}.
          </p>
        ) : (
          <p>
            <Link to="/me">Apply to be a member from your account page</Link>. Voting closes at {page.round.closes}.
          </p>
        )}
      </div>
    );
  }
  if (page.state === "closed") {
    return (
      <div className="ballot">
        <Breadcrumbs items={crumbs} current="Vote" />
        <h1>Voting is not open</h1>
        <p>{page.reason}</p>
        <p>
          <Link to={`/rounds/${page.round.slug}`}>Read about {page.round.title}</Link>
        </p>
      </div>
    );
  }

  const titles = new Map(page.categories.flatMap((c) => c.proposals.map((p) => [p.id, p.title] as const)));
  if (result?.step === "check") {
    return (
      <div className="ballot">
        <Breadcrumbs items={crumbs} current="Vote" />
        <span className="caption">{page.round.title}</span>
        <h1>Check your ballot before you submit it</h1>
        <Form method="post" noValidate key={formKey}>
          <input type="hidden" name="token" value={result.token} />
          <HiddenPicks picks={result.picks} />
          <dl className="summary-list">
            {page.categories.map((c) => (
              <div key={c.id}>
                <dt>{c.name}</dt>
                <dd>
                  <ul className="ballot-picks">
                    {(result.picks[c.id] ?? []).map((id) => (
                      <li key={id}>{titles.get(id)}</li>
                    ))}
                  </ul>
                </dd>
                <dd className="summary-list__actions">
                  <button type="submit" name="intent" value="change" className="link-button">
                    Change<span className="visually-hidden"> your choices in {c.name}</span>
                  </button>
                </dd>
              </div>
            ))}
          </dl>
          <h2>Now submit your ballot</h2>
          <p>
            {page.current
              ? "This ballot replaces the one you cast before; only your last ballot counts."
              : "You can replace your ballot until voting closes; only your last ballot counts."}{" "}
            Nobody can see who you chose: your ballot is recorded under a code that only the system can link to you.
          </p>
          <SubmitButton name="intent" value="submit" pendingText="Submitting…">
            Submit ballot
          </SubmitButton>
        </Form>
      </div>
    );
  }

  const picks = result?.picks ?? page.current?.picks ?? {};
  return (
    <div className="ballot">
      <Breadcrumbs items={crumbs} current="Vote" />
      <span className="caption">{page.round.title}</span>
      <h1>{page.current ? "Replace your ballot" : "Cast your ballot"}</h1>
      <ErrorSummary errors={result?.errors} />
      {page.current ? (
        <div className="ballot-current">
          <p>
            You voted on {page.current.castAt} — you can replace your ballot until {page.round.closes}. Your receipt
            code is <strong className="receipt-code">{page.current.receiptCode}</strong>.
          </p>
          <p>
            Your current choices are ticked below. Change them and submit again to replace your ballot; only your last
            ballot counts.
          </p>
        </div>
      ) : (
        <p className="lede">
          Choose the proposals you want funded in each category, then check your choices before you submit. You can
          replace your ballot until {page.round.closes}.
        </p>
      )}
      <Form method="post" noValidate key={`${page.token}-${formKey}`}>
        <input type="hidden" name="token" value={result?.token || page.token} />
        <BallotFieldsets
          roundSlug={page.round.slug}
          categories={page.categories}
          picks={picks}
          errors={result?.errors}
          ownAllowed={page.allowOwnIdea}
        />
        <SubmitButton name="intent" value="check" pendingText="Checking…">
          Continue
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Vote in ${data.round.title}` : "Vote");
