// The ideas forms, parsed on the server. Word counts need markdownToText (server-only), so these
// schemas live in a .server file; the limits the browser shows come from limits.ts.
import { z } from "zod";
import { parsePounds } from "~/lib/money";
import { nestFormFields } from "~/modules/rounds/validation";
import { LIMITS } from "./limits";
import { countWords, normaliseNewlines } from "./words.server";

const MAX_AMOUNT_PENCE = 1_000_000_000; // £10m: far above any award, well inside an integer column.
const plural = (n: number, unit: string) => `${n.toLocaleString("en-GB")} ${unit}${n === 1 ? "" : "s"}`;

/** Text up to `max` characters (counted as people see them); empty allowed unless `required`. */
const chars = (label: string, max: number, required?: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? normaliseNewlines(v).trim() : ""),
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer.`)
      .refine((s) => !required || s.length > 0, required ?? ""),
  );

/** Markdown up to `max` words, counted without the markdown syntax. */
export const markdownField = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? normaliseNewlines(v).trim() : ""),
    z
      .string()
      .max(100_000, `${label} is far too long.`)
      .superRefine((text, ctx) => {
        const words = countWords(text);
        if (words > max)
          ctx.addIssue({
            code: "custom",
            message: `${label} must be ${plural(max, "word")} or fewer; it has ${plural(words, "word")}.`,
          });
      }),
  );

/** One value or many (a form sends repeated names as a list), as a list. */
const list = (item: z.ZodType<string>) =>
  z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const IdeaFieldsSchema = z.object({
  title: chars("The title", LIMITS.titleChars, "Enter a title for your idea."),
  summary: chars("The summary", LIMITS.summaryChars),
  categoryId: z.uuid({ error: "Choose a category." }),
  challengeMd: markdownField("The challenge", LIMITS.challengeWords),
  topicIds: list(z.uuid({ error: "Choose topics from the list." })).refine(
    (ids) => ids.length <= LIMITS.maxTopics,
    `Choose at most ${LIMITS.maxTopics} topics.`,
  ),
});
export type IdeaFields = z.output<typeof IdeaFieldsSchema>;

export const VersionSchema = z.object({
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(1),
});
export const EditIdeaSchema = IdeaFieldsSchema.extend(VersionSchema.shape);

/** What publishing needs beyond a draft: a summary and the challenge. */
export function publishProblems(fields: Pick<IdeaFields, "summary" | "challengeMd">): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!fields.summary.trim()) errors.summary = "Enter a one-line summary before you publish.";
  if (!fields.challengeMd.trim()) errors.challengeMd = "Describe the challenge before you publish.";
  return errors;
}

const blank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

const MilestoneRowSchema = z
  .object({ title: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
  .superRefine((row, ctx) => {
    if (blank(row.title) && blank(row.month) && blank(row.year)) return;
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const title = (row.title ?? "").trim();
    if (!title) issue("title", "Enter what the milestone is, or remove it.");
    else if (title.length > LIMITS.milestoneTitleChars)
      issue("title", `A milestone must be ${LIMITS.milestoneTitleChars} characters or fewer.`);
    const month = Number((row.month ?? "").trim());
    if (!/^\d{1,2}$/.test((row.month ?? "").trim()) || month < 1 || month > 12)
      issue("month", "Enter the target month as a number from 1 to 12.");
    const year = Number((row.year ?? "").trim());
    if (!/^\d{4}$/.test((row.year ?? "").trim()) || year < 2000 || year > 2100)
      issue("year", "Enter the target year as four digits, like 2027.");
  })
  .transform((row) =>
    blank(row.title) && blank(row.month) && blank(row.year)
      ? null
      : { title: row.title!.trim(), targetMonth: `${row.year!.trim()}-${row.month!.trim().padStart(2, "0")}-01` },
  );

const BudgetRowSchema = z
  .object({ description: z.string().optional(), amount: z.string().optional() })
  .superRefine((row, ctx) => {
    if (blank(row.description) && blank(row.amount)) return;
    const description = (row.description ?? "").trim();
    if (!description)
      ctx.addIssue({
        code: "custom",
        path: ["description"],
        message: "Enter what the money is for, or remove the line.",
      });
    else if (description.length > LIMITS.budgetDescriptionChars) {
      ctx.addIssue({
        code: "custom",
        path: ["description"],
        message: `A budget line must be ${LIMITS.budgetDescriptionChars} characters or fewer.`,
      });
    }
    const parsed = parsePounds(row.amount ?? "");
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["amount"], message: parsed.error });
    else if (parsed.pence <= 0)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount more than £0." });
    else if (parsed.pence > MAX_AMOUNT_PENCE)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "That amount is too large." });
  })
  .transform((row) => {
    if (blank(row.description) && blank(row.amount)) return null;
    const parsed = parsePounds(row.amount ?? "");
    return { description: row.description!.trim(), amountPence: parsed.ok ? parsed.pence : 0 };
  });

// Rows keep their form index while they are checked (so errors land on the right row) and
// wholly blank rows are dropped afterwards.
const rows = <T>(row: z.ZodType<T | null>, max: number, label: string) =>
  z
    .preprocess((v) => (Array.isArray(v) ? Array.from(v, (r) => r ?? {}) : []), z.array(row))
    .transform((items) => items.filter((item): item is T => item !== null))
    .refine((items) => items.length <= max, `Add at most ${max} ${label}.`);

export const ProposalFieldsSchema = z.preprocess(
  (raw) =>
    raw && typeof raw === "object" && !Array.isArray(raw) ? nestFormFields(raw as Record<string, unknown>) : raw,
  z.object({
    aimsMd: markdownField("What it aims to achieve", LIMITS.aimsWords),
    deliveryMd: markdownField("How it will be delivered", LIMITS.deliveryWords),
    learningMd: markdownField("How it will share learning", LIMITS.learningWords),
    contributeMd: markdownField("How others can contribute", LIMITS.contributeWords),
    milestones: rows(MilestoneRowSchema, LIMITS.maxMilestones, "milestones"),
    budget: rows(BudgetRowSchema, LIMITS.maxBudgetLines, "budget lines"),
  }),
);
export type ProposalFields = z.output<typeof ProposalFieldsSchema>;

export const InviteSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.email({ error: "Enter an email address, like name@example.org." }).max(254, "Enter a shorter email address."),
  ),
});

const confirm = z.literal("yes", { error: "Tick the box to confirm." });
export const RemoveMemberSchema = z.object({
  removeUserId: z.uuid({ error: "Choose who to remove from the team." }),
  confirmRemove: confirm,
});
export const HandOverSchema = z.object({
  leadUserId: z.uuid({ error: "Choose who will lead the idea." }),
  confirmHandOver: confirm,
});
export const LeaveSchema = z.object({ confirmLeave: confirm });
export const InvitationChoiceSchema = z.object({ invitationId: z.uuid({ error: "Choose an invitation." }) });
export const WithdrawSchema = z.object({ confirmWithdraw: confirm });
