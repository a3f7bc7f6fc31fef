// The admin round form, shared by browser and server. Field names are flat form names
// ("categories.0.name", "schedule.votingOpensAt", "rubric.2.anchors.4"); RoundFormSchema nests
// them first, so each issue's path joined with "." is the name of the field to show it at.
import { z } from "zod";
import { formatPence, parsePounds } from "../../lib/money";
import { parseLondonDateTime } from "../../lib/time";
import type { FundingRule } from "./frozen-settings";
import { PHASES, SCHEDULE_FIELDS, validateSchedule, type RoundSchedule } from "./rules";

/** Slugs that would collide with fixed URLs such as /admin/rounds/new. */
const RESERVED_SLUGS = new Set(["new"]);

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(min, min <= 1 ? `Enter ${label}.` : `${capital(label)} must be at least ${min} characters.`)
    .max(max, `${capital(label)} must be at most ${max} characters.`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `Enter ${label} as a whole number.` })
      .int(`Enter ${label} as a whole number.`)
      .min(min, `${capital(label)} must be at least ${min}.`)
      .max(max, `${capital(label)} must be at most ${max}.`),
  );

/** A checkbox: present ("on") means yes; a hidden "false" before it may make the value a list. */
const checkbox = z.preprocess((v) => {
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === true || last === "on" || last === "true" || last === "1";
}, z.boolean());

const pounds = (label: string) =>
  z.string({ error: `Enter ${label}.` }).transform((value, ctx) => {
    const parsed = parsePounds(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
    else if (parsed.pence <= 0) ctx.addIssue({ code: "custom", message: `${capital(label)} must be more than £0.` });
    return parsed.ok ? parsed.pence : z.NEVER;
  });

const londonTime = z.string({ error: "Enter a date and time." }).transform((value, ctx) => {
  const parsed = parseLondonDateTime(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
  return parsed.ok ? parsed.value : z.NEVER;
});
const optionalLondonTime = z.preprocess((v) => (v === "" || v == null ? null : v), londonTime.nullable());

// Cross-field checks run even when some fields failed, so every error shows at once; they need
// only the value to be an object, and each looks only at fields that parsed.
const isObjectPayload = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

export const ScheduleSchema = z
  .object({
    ideasOpensAt: londonTime,
    proposalsOpensAt: londonTime,
    shortlistingOpensAt: londonTime,
    votingOpensAt: londonTime,
    votingClosesAt: londonTime,
    closesAt: optionalLondonTime,
  })
  .superRefine(
    (schedule, ctx) => {
      const errors = validateSchedule(schedule as RoundSchedule);
      for (const field of SCHEDULE_FIELDS) {
        if (errors[field] && schedule[field] instanceof Date)
          ctx.addIssue({ code: "custom", message: errors[field], path: [field] });
      }
    },
    { when: isObjectPayload },
  );

/** "0.6667", "2/3" or "66.7%", as a fraction in (0, 1]. */
const fraction = z
  .union([z.string(), z.number()], { error: "Enter the fraction to fund, like 2/3." })
  .transform((value, ctx) => {
    const s = String(value).trim();
    const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
    const n = ratio
      ? Number(ratio[1]) / Number(ratio[2])
      : percent
        ? Number(percent[1]) / 100
        : /^\d*\.?\d+$/.test(s)
          ? Number(s)
          : NaN;
    if (!(n > 0 && n <= 1)) {
      ctx.addIssue({ code: "custom", message: "Enter a fraction more than 0 and at most 1, like 2/3 or 0.5." });
      return z.NEVER;
    }
    return n;
  });

export const FundingRuleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("topFraction"), fraction }),
    z.object({ kind: z.literal("topN"), n: wholeNumber("the number to fund in each category", 1, 1000) }),
    z.object({ kind: z.literal("fundAll") }),
    z.object({ kind: z.literal("greedyWithinPot") }),
  ],
  { error: "Choose how votes decide the awards." },
) satisfies z.ZodType<FundingRule, unknown>;

export const RubricCriterionSchema = z.object({
  name: text("the criterion's name", 2, 80),
  description: text("what the criterion looks at", 1, 500),
  anchors: z.tuple(
    [1, 2, 3, 4, 5].map((point) => text(`what a score of ${point} means`, 1, 300)) as [
      ReturnType<typeof text>,
      ReturnType<typeof text>,
      ReturnType<typeof text>,
      ReturnType<typeof text>,
      ReturnType<typeof text>,
    ],
    { error: "Describe each of the five points of the scale." },
  ),
  weight: wholeNumber("the weight", 1, 10),
});
export type RubricCriterion = z.output<typeof RubricCriterionSchema>;

const CategorySchema = z.object({
  /** Present when editing an existing category, so renames keep the category's identity. */
  id: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  name: text("the category's name", 2, 80),
  description: z.preprocess(
    (v) => v ?? "",
    z.string().trim().max(500, "The description must be at most 500 characters."),
  ),
});

/** Topics people can tag ideas with, one a line in a textarea; blanks and repeats are dropped. */
export const TopicsSchema = z
  .preprocess((v) => v ?? "", z.string())
  .transform((value, ctx) => {
    const seen = new Set<string>();
    const topics: string[] = [];
    for (const line of value.split(/\r?\n/)) {
      const topic = line.trim().replace(/\s+/g, " ");
      if (!topic || seen.has(topic.toLowerCase())) continue;
      seen.add(topic.toLowerCase());
      topics.push(topic);
    }
    const long = topics.find((t) => t.length > 60);
    if (long)
      ctx.addIssue({
        code: "custom",
        message: `Each topic must be at most 60 characters; “${long.slice(0, 30)}…” is longer.`,
      });
    else if (topics.length > 40) ctx.addIssue({ code: "custom", message: "A round can have at most 40 topics." });
    return topics;
  });

const RoundFieldsSchema = z.object({
  slug: z
    .string({ error: "Enter a short name for the address." })
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, like 2027 or spring-2027.")
    .min(2, "The short name must be at least 2 characters.")
    .max(40, "The short name must be at most 40 characters.")
    .refine((slug) => !RESERVED_SLUGS.has(slug), "That short name is reserved; choose another."),
  title: text("a title", 3, 120),
  themeMd: text("the theme", 1, 100_000).refine((md) => words(md) <= 2000, "The theme must be at most 2,000 words."),
  categories: z
    .array(CategorySchema, { error: "Add at least one category." })
    .min(1, "Add at least one category.")
    .max(10, "A round can have at most 10 categories."),
  maxAward: pounds("the maximum award"),
  pot: pounds("the pot"),
  // A missing group becomes {} so its errors show at its fields, not at the group.
  schedule: z.preprocess((v) => v ?? {}, ScheduleSchema),
  picksPerCategory: wholeNumber("the picks per category", 1, 10),
  allowOwnIdea: checkbox,
  fundingRule: z.preprocess((v) => v ?? {}, FundingRuleSchema),
  shortlistSize: wholeNumber("the shortlist size", 1, 1000),
  commentPolicy: z.enum(["accounts", "members"], { error: "Choose who may comment." }),
  rubric: z
    .array(RubricCriterionSchema, { error: "Add at least one criterion." })
    .min(1, "Add at least one criterion.")
    .max(10, "A rubric can have at most 10 criteria."),
  topics: TopicsSchema,
});

export const RoundSettingsSchema = RoundFieldsSchema.superRefine((round, ctx) => crossFieldIssues(round, ctx), {
  when: isObjectPayload,
}).transform(({ maxAward, pot, ...rest }) => ({ ...rest, maxAwardPence: maxAward, potPence: pot }));

// What a cross-field check may see: any field may have failed to parse.
type Unchecked = Partial<z.output<typeof RoundFieldsSchema>>;

function crossFieldIssues(round: Unchecked, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", message, path });
  if (typeof round.maxAward === "number" && typeof round.pot === "number" && round.pot < round.maxAward) {
    issue(["pot"], `The pot must be at least the maximum award (${formatPence(round.maxAward)}).`);
  }
  const categories = Array.isArray(round.categories) ? round.categories : [];
  duplicates(categories.map((c) => c?.name)).forEach((i) =>
    issue(["categories", i, "name"], "Two categories cannot share a name."),
  );
  const rubric = Array.isArray(round.rubric) ? round.rubric : [];
  duplicates(rubric.map((c) => c?.name)).forEach((i) =>
    issue(["rubric", i, "name"], "Two criteria cannot share a name."),
  );
  const picks = round.picksPerCategory;
  if (typeof picks === "number" && typeof round.shortlistSize === "number" && categories.length > 0) {
    const needed = picks * categories.length;
    if (round.shortlistSize < needed) {
      issue(
        ["shortlistSize"],
        `Each of the ${categories.length} categories needs at least ${picks} shortlisted proposals for voting to open; make the shortlist at least ${needed}.`,
      );
    }
  }
}

/** Indexes of names (compared ignoring case) that an earlier entry already has. */
function duplicates(names: unknown[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  names.forEach((name, i) => {
    if (typeof name !== "string") return;
    const key = name.trim().toLowerCase();
    if (seen.has(key)) out.push(i);
    seen.add(key);
  });
  return out;
}

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Turns flat form names into nested values: "categories.0.name" -> { categories: [{ name }] }.
 * Rows must be numbered from 0 without gaps; a gap stays a gap so errors keep their field names.
 */
export function nestFormFields(flat: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const keys = name.split(".");
    if (keys.some((key) => UNSAFE_KEYS.has(key))) continue;
    let node = root;
    for (const [depth, key] of keys.entries()) {
      if (depth === keys.length - 1) {
        node[key] = value;
        break;
      }
      const child = node[key];
      if (typeof child !== "object" || child === null) node[key] = /^\d+$/.test(keys[depth + 1]) ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
  }
  return root;
}

/** The admin round form (flat form fields in, settings with pence and UTC Dates out). */
export const RoundFormSchema = z.preprocess(
  (raw) =>
    raw && typeof raw === "object" && !Array.isArray(raw) ? nestFormFields(raw as Record<string, unknown>) : raw,
  RoundSettingsSchema,
);
export type RoundSettings = z.output<typeof RoundFormSchema>;

const reason = z
  .string({ error: "Enter the reason; it is kept in the round's history." })
  .trim()
  .min(1, "Enter the reason; it is kept in the round's history.")
  .max(1000, "The reason must be at most 1,000 characters.");

/** The admin's "move to the next phase now" form; `from` is the phase the admin saw. */
export const AdvanceFormSchema = z.object({
  from: z.enum(PHASES, { error: "Refresh the page and try again." }),
  reason,
});

/** The admin's "extend a deadline" form (on the same page as the advance form, so its own names). */
export const ExtendFormSchema = z.object({
  deadline: z.enum(SCHEDULE_FIELDS, { error: "Choose the deadline to extend." }),
  newTime: londonTime,
  extensionReason: reason,
});

/** The second page of deleting a draft round: the box must be ticked. */
export const DeleteRoundFormSchema = z.object({
  confirm: z.literal("yes", { error: "Tick the box to confirm that you want to delete this round." }),
});

const DEFAULT_RUBRIC: RubricCriterion[] = [
  {
    name: "Need and impact",
    description:
      "How well the proposal understands the problem and how much it could improve health and care for the people affected.",
    anchors: [
      "The need is unclear and the benefit to people is not described.",
      "A need is stated but with little evidence; the benefit is vague.",
      "A clear need with some evidence and a plausible benefit.",
      "A well-evidenced need and a clear, measurable benefit.",
      "A compelling, well-evidenced need and a benefit that could change practice widely.",
    ],
    weight: 3,
  },
  {
    name: "Feasibility and delivery",
    description: "Whether the team, plan, timeline and budget make delivery within the award and the year realistic.",
    anchors: [
      "No credible plan; the work could not be delivered as described.",
      "A plan with major gaps in team, timeline or budget.",
      "A workable plan with some risks not addressed.",
      "A clear plan, realistic timeline and budget, with risks considered.",
      "A detailed, realistic plan from a team well placed to deliver it, with risks managed.",
    ],
    weight: 3,
  },
  {
    name: "Learning and sharing",
    description: "How the project will capture what it learns and share it so others can use it.",
    anchors: [
      "No plan to learn from or share the work.",
      "Sharing is mentioned but not planned.",
      "A reasonable plan to share results with a few audiences.",
      "A clear plan to capture learning and share it openly as the work goes on.",
      "Learning is built into the work and shared openly in ways others can readily reuse.",
    ],
    weight: 2,
  },
  {
    name: "Involvement of people and communities",
    description: "How far patients, service users, carers, staff and communities shape and take part in the work.",
    anchors: [
      "People affected are not involved.",
      "People are consulted once, late or as a formality.",
      "People are involved at some stages of the work.",
      "People are involved throughout and influence decisions.",
      "The work is co-designed and co-led with the people it affects.",
    ],
    weight: 2,
  },
  {
    name: "Value for money",
    description: "Whether the budget is proportionate to what the project will achieve and spent where it matters.",
    anchors: [
      "The budget is unexplained or far out of proportion to the work.",
      "Costs are high for what is offered or poorly justified.",
      "Costs are reasonable, with some items not justified.",
      "Costs are well justified and proportionate to the benefit.",
      "Excellent value: modest, well-justified costs for a large or lasting benefit.",
    ],
    weight: 1,
  },
];

/** The rubric a new round starts with; a fresh copy each time, so the form can change it freely. */
export function defaultRubric(): RubricCriterion[] {
  return structuredClone(DEFAULT_RUBRIC);
}

/** The `:round` part of a URL: a slug, or nothing matches (404). */
export const RoundParamsSchema = z.object({
  round: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(40),
});
