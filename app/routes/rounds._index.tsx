import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RoundNumbersList } from "~/components/round-numbers";
import { roundNumbers, type RoundNumbers } from "~/modules/ideas/round-numbers.server";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "~/components/phase-badge";
import { now } from "~/lib/clock";
import { title } from "~/lib/meta";
import { formatPence } from "~/lib/money";
import { formatLondon, formatRelative } from "~/lib/time";
import { listRounds, type RoundSummary } from "~/modules/rounds/queries.server";
import { nextDeadline } from "~/modules/rounds/timeline";

function card(round: RoundSummary, at: Date, numbers: Map<string, RoundNumbers>) {
  const next = nextDeadline(round, at);
  return {
    numbers: numbers.get(round.id) ?? null,
    slug: round.slug,
    title: round.title,
    phase: round.phase,
    pot: formatPence(round.potPence),
    maxAward: formatPence(round.maxAwardPence),
    categoryCount: round.categoryCount,
    next: next ? `${next.label} at ${formatLondon(next.at)} (${formatRelative(next.at, at)})` : null,
  };
}

export async function loader(_: LoaderFunctionArgs) {
  const at = now();
  const { current, past } = await listRounds();
  const all = [...(current ? [current] : []), ...past.flatMap((group) => group.rounds)];
  const numbers = await roundNumbers(all.map((round) => round.id));
  return {
    current: current ? card(current, at, numbers) : null,
    past: past.map((group) => ({ year: group.year, rounds: group.rounds.map((round) => card(round, at, numbers)) })),
  };
}

type Card = ReturnType<typeof card>;

function RoundCard({ round, heading: Heading }: { round: Card; heading: "h2" | "h3" | "h4" }) {
  return (
    <li className="card">
      <Heading className="card__title">
        <Link to={`/rounds/${round.slug}`}>{round.title}</Link>
      </Heading>
      {round.next ? <p className="card__summary">{round.next}.</p> : null}
      <ul className="card__meta">
        <li>
          <PhaseBadge phase={round.phase} />
        </li>
        <li>Pot {round.pot}</li>
        <li>Up to {round.maxAward} a project</li>
        <li>
          {round.categoryCount} {round.categoryCount === 1 ? "category" : "categories"}
        </li>
      </ul>
      {round.numbers ? <RoundNumbersList numbers={round.numbers} /> : null}
    </li>
  );
}

export default function Rounds() {
  const { current, past } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Funding rounds</h1>
      <p className="lede">
        Each round funds improvement ideas chosen by Q members: ideas, then proposals, a panel shortlist, a member vote,
        and projects that share what they learn.
      </p>
      <h2>On now</h2>
      {current ? (
        <ul className="card-list">
          <RoundCard round={current} heading="h3" />
        </ul>
      ) : (
        <div className="empty-state">
          <p>No round is open at the moment. When one opens, it will be here with what you can do and by when.</p>
        </div>
      )}
      <h2>Earlier rounds</h2>
      {past.length === 0 ? (
        <p>There are no earlier rounds yet.</p>
      ) : (
        past.map((group) => (
          <section key={group.year} aria-labelledby={`year-${group.year}`}>
            <h3 id={`year-${group.year}`}>{group.year}</h3>
            <ul className="card-list">
              {group.rounds.map((round) => (
                <RoundCard key={round.slug} round={round} heading="h4" />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Funding rounds");
