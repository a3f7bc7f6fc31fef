// The admin round form as flat values ("categories.0.name" -> "Digital"), and the buttons that
// change its rows (add, remove, move) without JavaScript: the server applies the intent to what
// was typed and shows the form again, so nothing typed is lost.
import { formatPence } from "../../lib/money";
import { toLondonInputValue } from "../../lib/time";
import type { FundingRule } from "./frozen-settings";
import { fractionText } from "./model";
import { SCHEDULE_FIELDS } from "./rules";
import { defaultRubric, nestFormFields, type RubricCriterion } from "./validation";

export type FormValues = Record<string, string>;
type Row = Record<string, unknown>;

/** The inverse of nestFormFields: { categories: [{ name }] } -> { "categories.0.name": name }. */
export function flattenFormFields(value: unknown, prefix = "", out: FormValues = {}): FormValues {
  if (value === null || value === undefined) return out;
  if (typeof value !== "object") {
    if (prefix) out[prefix] = String(value);
    return out;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) flattenFormFields(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

type RowGroup = "categories" | "rubric";

function rows(values: FormValues, group: RowGroup): Row[] {
  const nested = nestFormFields(values)[group];
  return Array.isArray(nested) ? nested.filter((row): row is Row => typeof row === "object" && row !== null) : [];
}

function withRows(values: FormValues, group: RowGroup, next: Row[]): FormValues {
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith(`${group}.`)));
  return { ...kept, ...flattenFormFields(next, group) };
}

/** How many rows a group has, for rendering (gaps closed). */
export function rowCount(values: FormValues, group: RowGroup): number {
  return rows(values, group).length;
}

const blankCriterion = (): Row => ({ name: "", description: "", anchors: ["", "", "", "", ""], weight: "1" });

/**
 * Applies a row button ("add-category", "remove-category.2", "move-category-up.1",
 * "move-category-down.0", "add-criterion", "remove-criterion.3") to the typed values.
 * Returns null for anything else (such as "save").
 */
export function applyFormIntent(values: FormValues, intent: string): FormValues | null {
  const match = /^(add|remove|move)-(category|criterion)(?:-(up|down))?(?:\.(\d+))?$/.exec(intent);
  if (!match) return null;
  const [, verb, noun, direction, indexText] = match;
  const group: RowGroup = noun === "category" ? "categories" : "rubric";
  const list = rows(values, group);
  const index = indexText === undefined ? -1 : Number(indexText);
  if (verb === "add") {
    list.push(group === "categories" ? { id: "", name: "", description: "" } : blankCriterion());
  } else if (index < 0 || index >= list.length) {
    return values;
  } else if (verb === "remove") {
    list.splice(index, 1);
  } else {
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= list.length) return values;
    [list[index], list[target]] = [list[target], list[index]];
  }
  return withRows(values, group, list);
}

function fundingValues(rule: FundingRule): FormValues {
  const base = { "fundingRule.kind": rule.kind, "fundingRule.fraction": "", "fundingRule.n": "" };
  if (rule.kind === "topFraction") base["fundingRule.fraction"] = fractionText(rule.fraction);
  if (rule.kind === "topN") base["fundingRule.n"] = String(rule.n);
  return base;
}

const pounds = (pence: number) => formatPence(pence).replace(/^£/, "");

function rubricValues(rubric: RubricCriterion[]): FormValues {
  return flattenFormFields(
    rubric.map((c) => ({ ...c, weight: String(c.weight) })),
    "rubric",
  );
}

export type StoredRound = {
  slug: string;
  title: string;
  themeMd: string;
  ideasOpensAt: Date;
  proposalsOpensAt: Date;
  shortlistingOpensAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  closesAt: Date | null;
  maxAwardPence: number;
  potPence: number;
  picksPerCategory: number;
  allowOwnIdea: boolean;
  fundingRule: FundingRule;
  shortlistSize: number;
  commentPolicy: "accounts" | "members";
  rubric: RubricCriterion[];
  categories: Array<{ id: string; name: string; description: string }>;
  topics: Array<{ name: string }>;
};

/** A stored round as the edit form shows it: pounds, London times, one topic per line. */
export function roundToFormValues(round: StoredRound): FormValues {
  const values: FormValues = {
    slug: round.slug,
    title: round.title,
    themeMd: round.themeMd,
    maxAward: pounds(round.maxAwardPence),
    pot: pounds(round.potPence),
    picksPerCategory: String(round.picksPerCategory),
    shortlistSize: String(round.shortlistSize),
    commentPolicy: round.commentPolicy,
    topics: round.topics.map((t) => t.name).join("\n"),
    ...fundingValues(round.fundingRule),
    ...flattenFormFields(
      round.categories.map(({ id, name, description }) => ({ id, name, description })),
      "categories",
    ),
    ...rubricValues(round.rubric),
  };
  for (const field of SCHEDULE_FIELDS) {
    const at = round[field];
    values[`schedule.${field}`] = at ? toLondonInputValue(at) : "";
  }
  if (round.allowOwnIdea) values.allowOwnIdea = "on";
  return values;
}

/** A new round starts with one empty category, the 2019 ballot and funding rules and the default rubric. */
export function newRoundFormValues(): FormValues {
  const values: FormValues = {
    slug: "",
    title: "",
    themeMd: "",
    "categories.0.id": "",
    "categories.0.name": "",
    "categories.0.description": "",
    maxAward: "30,000",
    pot: "",
    picksPerCategory: "3",
    shortlistSize: "30",
    commentPolicy: "accounts",
    topics: "",
    ...fundingValues({ kind: "topFraction", fraction: 2 / 3 }),
    ...rubricValues(defaultRubric()),
  };
  for (const field of SCHEDULE_FIELDS) values[`schedule.${field}`] = "";
  return values;
}
