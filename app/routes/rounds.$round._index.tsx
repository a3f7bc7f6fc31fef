import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { RoundNumbersList } from "~/components/round-numbers";
import { roundNumbers } from "~/modules/ideas/round-numbers.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "~/components/phase-badge";
import { now } from "~/lib/clock";
import { title } from "~/lib/meta";
import { feedLinks } from "~/modules/delivery/paths";
import { formatPence } from "~/lib/money";
import { formatLondon, formatRelative } from "~/lib/time";
import { getUser } from "~/modules/accounts/auth.server";
import { describeFundingRule } from "~/modules/rounds/model";
import { canSeeRound } from "~/modules/rounds/permissions";
import { getRoundBySlug } from "~/modules/rounds/queries.server";
import { buildTimeline, nextDeadline, timelineDates } from "~/modules/rounds/timeline";
import { RoundParamsSchema } from "~/modules/rounds/validation";
import { isMember } from "~/modules/accounts/permissions";
import { turnout } from "~/modules/voting/queries.server";
import { turnoutText } from "~/modules/voting/turnout";
import { hasReached } from "~/modules/rounds/rules";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const parsed = RoundParamsSchema.safeParse(params);
  const round = parsed.success ? await getRoundBySlug(parsed.data.round) : null;
  // A draft is not public: to everyone else it does not exist.
  if (!round || !canSeeRound(round, user)) httpError(404, "There is no round with this address.");
  const at = now();
  const next = nextDeadline(round, at);
  const numbers = (await roundNumbers([round.id])).get(round.id)!;
  // While voting is open only turnout is shown, never a tally.
  const voting =
    round.phase === "voting"
      ? { turnout: turnoutText(await turnout(round.id)), member: isMember(user), signedIn: Boolean(user) }
      : null;
  return {
    numbers,
    voting,
    round: {
      slug: round.slug,
      title: round.title,
      phase: round.phase,
      themeHtml: round.themeHtml,
      pot: formatPence(round.potPence),
      maxAward: formatPence(round.maxAwardPence),
      picksPerCategory: round.picksPerCategory,
      fundingRule: describeFundingRule(round.fundingRule),
      commentPolicy: round.commentPolicy,
      frozenSettingsHash: round.frozenSettingsHash,
      categories: round.categories.map((c) => ({ id: c.id, name: c.name, description: c.description })),
      topics: round.topics.map((t) => t.name),
    },
    timeline: buildTimeline(round).map((item) => ({
      phase: item.phase,
      label: item.label,
      summary: item.summary,
      state: item.state,
      dates: timelineDates(item),
    })),
    next: next
      ? {
          label: next.label,
          at: formatLondon(next.at),
          iso: next.at.toISOString(),
          relative: formatRelative(next.at, at),
        }
      : null,
  };
}

export default function RoundPage() {
  const { round, timeline, next, numbers, voting } = useLoaderData<typeof loader>();
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/", label: "Home" },
          { href: "/rounds", label: "Funding rounds" },
        ]}
        current={round.title}
      />
      <h1>{round.title}</h1>
      {round.phase === "draft" ? (
        <div className="empty-state">
          <p>This round is a draft: only the programme team can see this page until the round opens.</p>
        </div>
      ) : null}
      <p className="lede">
        <PhaseBadge phase={round.phase} />{" "}
        {next ? (
          <>
            {next.label} at <time dateTime={next.iso}>{next.at}</time> ({next.relative}).
          </>
        ) : null}
      </p>
      {voting ? (
        <section className="round-vote" aria-labelledby="round-vote-title">
          <h2 id="round-vote-title">Voting is open</h2>
          <p className="round-vote__turnout">{voting.turnout}.</p>
          {voting.member ? (
            <p>
              <Link to={`/rounds/${round.slug}/vote`} className="button">
                Cast your ballot
              </Link>
            </p>
          ) : (
            <p>
              Only members vote.{" "}
              {voting.signedIn ? (
                <Link to="/me">Apply to be a member</Link>
              ) : (
                <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/rounds/${round.slug}/vote`)}`}>
                  Sign in to vote
                </Link>
              )}
              .
            </p>
          )}
        </section>
      ) : null}
      <h2 id="numbers">So far</h2>
      <RoundNumbersList numbers={numbers} />
      {round.phase !== "draft" ? (
        <p>
          <Link to={`/rounds/${round.slug}/ideas`}>See the ideas in this round</Link>
          {hasReached(round.phase, "results") ? (
            <>
              {" "}
              · <Link to={`/rounds/${round.slug}/results`}>See the results</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {hasReached(round.phase, "delivery") ? (
        <p>
          <Link to={`/projects?round=${round.slug}`}>See the projects funded in this round and their updates</Link>
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Pot</dt>
          <dd>{round.pot}</dd>
        </div>
        <div>
          <dt>Maximum award</dt>
          <dd>{round.maxAward} per project</dd>
        </div>
        <div>
          <dt>Voting</dt>
          <dd>
            Each member has one ballot with {round.picksPerCategory} {round.picksPerCategory === 1 ? "pick" : "picks"}{" "}
            in each category. {round.fundingRule}
          </dd>
        </div>
        <div>
          <dt>Comments</dt>
          <dd>{round.commentPolicy === "members" ? "Members can comment." : "Anyone with an account can comment."}</dd>
        </div>
      </dl>

      <h2>Theme</h2>
      <div className="prose" dangerouslySetInnerHTML={{ __html: round.themeHtml }} />

      <h2>Categories</h2>
      <ul className="round-categories">
        {round.categories.map((category) => (
          <li key={category.id}>
            <h3>{category.name}</h3>
            {category.description ? <p>{category.description}</p> : null}
          </li>
        ))}
      </ul>

      <h2>Timeline</h2>
      <p>All times are London time.</p>
      <ol className="timeline">
        {timeline.map((item) => (
          <li
            key={item.phase}
            className={`timeline__item timeline__item--${item.state}`}
            aria-current={item.state === "current" ? "step" : undefined}
          >
            <p className="timeline__title">
              {item.label}
              {item.state === "current" ? <span className="timeline__now">now</span> : null}
              {item.state === "done" ? <span className="visually-hidden"> (finished)</span> : null}
            </p>
            <p className="timeline__dates">{item.dates}</p>
            <p>{item.summary}</p>
          </li>
        ))}
      </ol>

      {round.topics.length > 0 ? (
        <>
          <h2>Topics</h2>
          <p>Ideas in this round can be tagged with these topics: {round.topics.join(", ")}.</p>
        </>
      ) : null}

      {round.frozenSettingsHash ? (
        <>
          <h2>Frozen voting settings</h2>
          <p>
            The ballot rule, the funding rule, the pot, the categories and the shortlist were frozen when voting opened.
            Their SHA-256 fingerprint is <code className="round-hash">{round.frozenSettingsHash}</code>; it is published
            again with the results.
          </p>
        </>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...title(data ? data.round.title : "Funding round"),
  ...(data && hasReached(data.round.phase, "delivery")
    ? feedLinks({ kind: "round", roundSlug: data.round.slug }, `${data.round.title}: project updates`)
    : []),
];
