import type { RoundNumbers } from "~/modules/ideas/round-numbers.server";

/** The round's numbers so far: ideas, proposals, shortlisted, funded. */
export function RoundNumbersList({ numbers }: { numbers: RoundNumbers }) {
  const items = [
    [numbers.ideas, "ideas"],
    [numbers.proposals, "proposals"],
    [numbers.shortlisted, "shortlisted"],
    [numbers.funded, "funded"],
  ] as const;
  return (
    <dl className="round-numbers">
      {items.map(([value, label]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString("en-GB")}</dd>
        </div>
      ))}
    </dl>
  );
}
