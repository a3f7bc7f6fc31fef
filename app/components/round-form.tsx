// The admin round settings form, for a new round and for editing one. It renders from flat
// values (what the loader stored or what was typed), so a failed save or a row button shows
// exactly what the person typed.
import { Form } from "@remix-run/react";
import { Checkbox, Radios } from "./checkbox";
import { ErrorSummary } from "./error-summary";
import { Field } from "./field";
import { CategoryRows, RubricRows } from "./round-form-rows";
import { SubmitButton } from "./submit-button";

type Values = Record<string, string>;
type Errors = Record<string, string | undefined>;

/** Settings that can no longer change, with the words to show instead of an input. */
export type LockedSettings = {
  slug?: boolean;
  /** Schedule fields whose time has passed, with the time as text. */
  passed?: Record<string, string>;
  /** Voting has opened: the settings that decide the vote are shown, not edited. */
  frozen?: { hash: string; shown: Record<string, string> };
};

export type RoundFormProps = {
  values: Values;
  errors?: Errors;
  counts: { categories: number; rubric: number };
  locked?: LockedSettings;
  submitText: string;
};

const SCHEDULE: Array<{ name: string; label: string; hint?: string; optional?: boolean }> = [
  { name: "ideasOpensAt", label: "Ideas open" },
  { name: "proposalsOpensAt", label: "Ideas close and proposals open" },
  { name: "shortlistingOpensAt", label: "Proposals are due and shortlisting starts" },
  { name: "votingOpensAt", label: "Voting opens" },
  { name: "votingClosesAt", label: "Voting closes" },
  {
    name: "closesAt",
    label: "The round closes",
    optional: true,
    hint: "Leave empty to keep funded projects in delivery until you close the round.",
  },
];

/** A setting shown as text, its value carried in a hidden input so the form stays whole. */
function Fixed({
  label,
  name,
  value,
  shown,
  why,
}: {
  label: string;
  name: string;
  value: string;
  shown: string;
  why: string;
}) {
  return (
    <div className="field">
      <p className="field__label">{label}</p>
      <p>
        {shown} <span className="text-muted">({why})</span>
      </p>
      <input type="hidden" name={name} value={value} />
    </div>
  );
}

export function RoundForm({ values, errors = {}, counts, locked = {}, submitText }: RoundFormProps) {
  const frozen = locked.frozen;
  const v = (name: string) => values[name] ?? "";
  return (
    <Form method="post" noValidate className="round-form">
      {/* The first submit button is the one Enter presses: make it "save", not "add a category". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitText}
      </button>
      <ErrorSummary errors={errors} />

      <h2>About the round</h2>
      {locked.slug ? (
        <Fixed
          label="Short name"
          name="slug"
          value={v("slug")}
          shown={`/rounds/${v("slug")}`}
          why="fixed once the round opened, because people link to it"
        />
      ) : (
        <Field
          label="Short name"
          name="slug"
          hint="Used in the round's address, like /rounds/2027. Lower-case letters, digits and hyphens."
          defaultValue={v("slug")}
          error={errors.slug}
          inputClassName="input--width-20"
          maxLength={40}
          spellCheck={false}
        />
      )}
      <Field label="Title" name="title" defaultValue={v("title")} error={errors.title} maxLength={120} />
      <Field
        label="Theme"
        name="themeMd"
        multiline
        rows={10}
        maxWords={2000}
        hint="What the round is about and what makes a strong idea. Markdown: **bold**, *italic*, [a link](https://…), a blank line between paragraphs, - for lists."
        defaultValue={v("themeMd")}
        error={errors.themeMd}
      />

      <CategoryRows values={values} errors={errors} count={counts.categories} frozen={Boolean(frozen)} />

      <h2>Money</h2>
      {frozen ? (
        <>
          <Fixed
            label="Maximum award"
            name="maxAward"
            value={v("maxAward")}
            shown={frozen.shown.maxAward}
            why="frozen when voting opened"
          />
          <Fixed label="Pot" name="pot" value={v("pot")} shown={frozen.shown.pot} why="frozen when voting opened" />
        </>
      ) : (
        <>
          <Field
            label="Maximum award, in pounds"
            name="maxAward"
            prefix="£"
            inputMode="decimal"
            inputClassName="input--width-10"
            hint="The most one project can receive."
            defaultValue={v("maxAward")}
            error={errors.maxAward}
          />
          <Field
            label="Pot, in pounds"
            name="pot"
            prefix="£"
            inputMode="decimal"
            inputClassName="input--width-10"
            hint="The total to share between funded projects."
            defaultValue={v("pot")}
            error={errors.pot}
          />
        </>
      )}

      <fieldset className="fieldset round-form__group">
        <legend className="fieldset__legend">
          <h2>Schedule</h2>
        </legend>
        <p className="field__hint">
          All times are London time: GMT in winter, BST (GMT+1) in summer. Each time must be after the one before it.
        </p>
        {SCHEDULE.map(({ name, label, hint, optional }) => {
          const field = `schedule.${name}`;
          const passed = locked.passed?.[name];
          return passed ? (
            <Fixed key={name} label={label} name={field} value={v(field)} shown={passed} why="this time has passed" />
          ) : (
            <Field
              key={name}
              label={`${label} (London time)`}
              name={field}
              type="datetime-local"
              optional={optional}
              hint={hint}
              defaultValue={v(field)}
              error={errors[field]}
              inputClassName="input--width-20"
            />
          );
        })}
      </fieldset>

      <h2>The vote</h2>
      {frozen ? (
        <>
          <Fixed
            label="Picks per category"
            name="picksPerCategory"
            value={v("picksPerCategory")}
            shown={v("picksPerCategory")}
            why="frozen when voting opened"
          />
          <Fixed
            label="Members may pick an idea on whose team they are"
            name="allowOwnIdea"
            value={v("allowOwnIdea") === "on" ? "on" : ""}
            shown={v("allowOwnIdea") === "on" ? "Yes" : "No"}
            why="frozen when voting opened"
          />
          <Fixed
            label="How votes decide the awards"
            name="fundingRule.kind"
            value={v("fundingRule.kind")}
            shown={frozen.shown.fundingRule}
            why="frozen when voting opened"
          />
          <input type="hidden" name="fundingRule.fraction" value={v("fundingRule.fraction")} />
          <input type="hidden" name="fundingRule.n" value={v("fundingRule.n")} />
          <p>
            Hash of the frozen settings (SHA-256): <code className="round-form__hash">{frozen.hash}</code>
          </p>
        </>
      ) : (
        <>
          <Field
            label="Picks per category"
            name="picksPerCategory"
            inputMode="numeric"
            inputClassName="input--width-2"
            hint="How many proposals each member picks in every category, all of equal weight. In 2019 it was 3."
            defaultValue={v("picksPerCategory")}
            error={errors.picksPerCategory}
          />
          <input type="hidden" name="allowOwnIdea" value="false" />
          <Checkbox
            name="allowOwnIdea"
            value="on"
            label="Members may pick a proposal on whose team they are"
            defaultChecked={v("allowOwnIdea") === "on"}
            error={errors.allowOwnIdea}
          />
          <Radios
            name="fundingRule.kind"
            legend="How votes decide the awards"
            hint="Whatever the rule, the awards never add up to more than the pot."
            defaultValue={v("fundingRule.kind")}
            error={errors["fundingRule.kind"]}
            options={[
              {
                value: "topFraction",
                label: "The top fraction of each category by votes",
                hint: "Give the fraction below, like 2/3 (as in 2019).",
              },
              { value: "topN", label: "The top number in each category by votes", hint: "Give the number below." },
              { value: "fundAll", label: "Every shortlisted proposal" },
              { value: "greedyWithinPot", label: "By votes, while the pot lasts" },
            ]}
          />
          <Field
            label="Fraction to fund"
            name="fundingRule.fraction"
            hint="Only for “the top fraction”: like 2/3, 0.5 or 50%."
            inputClassName="input--width-5"
            defaultValue={v("fundingRule.fraction")}
            error={errors["fundingRule.fraction"]}
          />
          <Field
            label="Number to fund in each category"
            name="fundingRule.n"
            hint="Only for “the top number”."
            inputMode="numeric"
            inputClassName="input--width-4"
            defaultValue={v("fundingRule.n")}
            error={errors["fundingRule.n"]}
          />
        </>
      )}

      <h2>Shortlist and conversation</h2>
      <Field
        label="Shortlist size"
        name="shortlistSize"
        inputMode="numeric"
        inputClassName="input--width-4"
        hint="How many proposals the panel shortlists in all; seats are shared between categories in proportion to proposals received."
        defaultValue={v("shortlistSize")}
        error={errors.shortlistSize}
      />
      <Radios
        name="commentPolicy"
        legend="Who may comment"
        defaultValue={v("commentPolicy")}
        error={errors.commentPolicy}
        options={[
          { value: "accounts", label: "Anyone with an account" },
          { value: "members", label: "Members only" },
        ]}
      />
      <Field
        label="Topics"
        name="topics"
        optional
        multiline
        rows={6}
        hint="One a line. Idea leads tag their ideas with them, and people filter ideas by them."
        defaultValue={v("topics")}
        error={errors.topics}
      />

      <RubricRows values={values} errors={errors} count={counts.rubric} />

      <div className="button-group">
        <SubmitButton name="intent" value="save" pendingText="Saving…">
          {submitText}
        </SubmitButton>
      </div>
    </Form>
  );
}

/**
 * A key that changes with the values: inputs are uncontrolled, so after a row button moves or
 * removes a row (with JavaScript on) the form must be mounted afresh to show the new values.
 */
export function valuesKey(values: Values): string {
  let hash = 0;
  for (const char of JSON.stringify(values)) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return String(hash);
}
