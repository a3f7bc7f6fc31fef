import { Link } from "@remix-run/react";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { formatPence } from "~/lib/money";
import { ideaPath } from "~/modules/ideas/paths";
import { chosenText, pickField, type PicksByCategory } from "~/modules/voting/ballot-form";
import { classNames, describedBy, errorId, FieldError, fieldId, hintId } from "./field";

export type BallotOption = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  team: string[];
  requestedPence: number;
  own: boolean;
};
export type BallotGroup = { id: string; name: string; required: number; proposals: BallotOption[] };

type Props = {
  roundSlug: string;
  categories: BallotGroup[];
  picks: PicksByCategory;
  errors?: Record<string, string>;
  /** Own ideas are shown but cannot be chosen when the round's frozen rule says so. */
  ownAllowed: boolean;
  /** A paper ballot: nobody's own ideas, and the wording is about the paper in front of the admin. */
  paper?: boolean;
};

/** One fieldset of checkboxes per category of the vote; with JavaScript, a live count under each legend. */
export function BallotFieldsets(props: Props) {
  return (
    <>
      {props.categories.map((category) => (
        <CategoryFieldset key={category.id} category={category} {...props} />
      ))}
    </>
  );
}

function CategoryFieldset({
  category,
  roundSlug,
  picks,
  errors,
  ownAllowed,
  paper,
}: Props & { category: BallotGroup }) {
  const name = pickField(category.id);
  const chosen = picks[category.id] ?? [];
  const error = errors?.[name];
  const [count, setCount] = useState(chosen.length);
  // The count is only shown once JavaScript runs: without it, it could not follow the ticks.
  const live = useHydrated();
  const onChange = (event: FormEvent<HTMLFieldSetElement>) =>
    setCount(event.currentTarget.querySelectorAll("input[type=checkbox]:checked").length);
  const firstEnabled = category.proposals.findIndex((p) => ownAllowed || paper || !p.own);
  const hint = paper
    ? `Tick the ${category.required === 1 ? "proposal" : `${category.required} proposals`} marked on the paper ballot.`
    : `Choose ${category.required} of the ${category.proposals.length} shortlisted proposals.`;
  return (
    <div className={classNames("field", "ballot-category", error && "field--error")}>
      <fieldset
        className="fieldset"
        aria-describedby={describedBy(name, { hint: true, error: Boolean(error) })}
        onChange={onChange}
      >
        <legend className="fieldset__legend">
          <h2 className="ballot-category__title">{category.name}</h2>
        </legend>
        <div className="field__hint" id={hintId(name)}>
          {hint}
        </div>
        {error ? <FieldError id={errorId(name)} message={error} /> : null}
        {live ? (
          <p className="ballot-category__count" aria-live="polite">
            {chosenText(count, category.required)}
          </p>
        ) : null}
        <ul className="ballot-options">
          {category.proposals.map((p, i) => {
            const id = i === firstEnabled ? fieldId(name) : `${fieldId(name)}-${p.id}`;
            const blocked = !paper && p.own && !ownAllowed;
            return (
              <li key={p.id} className="ballot-option">
                <div className="checkbox">
                  <input
                    className="checkbox__input"
                    type="checkbox"
                    id={id}
                    name={name}
                    value={p.id}
                    defaultChecked={chosen.includes(p.id)}
                    disabled={blocked}
                    aria-describedby={`${id}-details`}
                  />
                  <label className="checkbox__label" htmlFor={id}>
                    {p.title}
                  </label>
                  <div className="checkbox__hint ballot-option__details" id={`${id}-details`}>
                    <p>{p.summary}</p>
                    <p>
                      Team: {p.team.join(", ")}. Requested: {formatPence(p.requestedPence)}.
                    </p>
                    {blocked ? (
                      <p className="ballot-option__own">
                        You are on this idea's team, and in this round members cannot vote for their own ideas.
                      </p>
                    ) : null}
                    {!paper && p.own && ownAllowed ? (
                      <p>You are on this idea's team; in this round you may still choose it.</p>
                    ) : null}
                    <p>
                      <Link to={ideaPath(roundSlug, p.slug)}>
                        Read the full proposal<span className="visually-hidden">: {p.title}</span>
                      </Link>
                    </p>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

const noSubscription = () => () => {};

/** False during server render and hydration, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** The picks as hidden fields, so the "check your answers" step can send them on without JavaScript. */
export function HiddenPicks({ picks }: { picks: PicksByCategory }) {
  return (
    <>
      {Object.entries(picks).flatMap(([categoryId, ids]) =>
        ids.map((id) => <input key={`${categoryId}:${id}`} type="hidden" name={pickField(categoryId)} value={id} />),
      )}
    </>
  );
}
