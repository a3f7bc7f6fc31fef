// Forms of the delivery pages. Repeating rows are flat fields ("milestones.2.title",
// "change.<milestone id>.status") read from the form's values, so every form works without JavaScript.
import { z } from "zod";
import { MILESTONE_STATUSES, UPDATE_KINDS, type MilestoneStatus, type OutputLink } from "./states";

export const LIMITS = {
  titleChars: 150,
  bodyChars: 20_000,
  outcomesChars: 10_000,
  links: 20,
  milestones: 20,
  milestoneTitleChars: 200,
  reasonChars: 500,
};

export const UPDATE_INTENTS = ["save-draft", "publish", "save"] as const;

const blank = (v: string | undefined) => v == null || v.trim() === "";

/** "Toolkit for clinics https://example.org/toolkit", one per line; a bare address is its own title. */
export function parseOutputLinks(text: string): { ok: true; links: OutputLink[] } | { ok: false; error: string } {
  const links: OutputLink[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.*?)\s*(https?:\/\/\S+)$/i.exec(line);
    const url = match ? safeUrl(match[2]) : null;
    if (!match || !url)
      return { ok: false, error: `Line ${i + 1}: end each line with a web address starting https:// or http://.` };
    const title = match[1].replace(/[\s:–—-]+$/, "").trim() || url;
    links.push({ title: title.slice(0, 200), url });
  }
  if (links.length > LIMITS.links) return { ok: false, error: `Add at most ${LIMITS.links} links.` };
  return { ok: true, links };
}

function safeUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export const UpdateFieldsSchema = z
  .object({
    kind: z.enum(UPDATE_KINDS, { error: "Choose whether this is an update or the final report." }),
    title: z
      .string()
      .trim()
      .min(1, "Enter a title for the update.")
      .max(LIMITS.titleChars, `Keep the title under ${LIMITS.titleChars} characters.`),
    bodyMd: z
      .string()
      .trim()
      .min(1, "Write the update.")
      .max(LIMITS.bodyChars, `Keep the update under ${LIMITS.bodyChars.toLocaleString("en-GB")} characters.`),
    outcomesMd: z
      .string()
      .trim()
      .max(LIMITS.outcomesChars, `Keep the outcomes under ${LIMITS.outcomesChars.toLocaleString("en-GB")} characters.`)
      .default(""),
    outputLinks: z.string().default(""),
  })
  .transform((fields, ctx) => {
    const parsed = parseOutputLinks(fields.outputLinks);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["outputLinks"], message: parsed.error });
      return z.NEVER;
    }
    if (fields.kind === "final_report" && !fields.outcomesMd) {
      ctx.addIssue({
        code: "custom",
        path: ["outcomesMd"],
        message: "Say what the project achieved: a final report needs its outcomes.",
      });
      return z.NEVER;
    }
    const report = fields.kind === "final_report";
    return { ...fields, outcomesMd: report ? fields.outcomesMd : "", outputLinks: report ? parsed.links : [] };
  });
export type UpdateFields = z.output<typeof UpdateFieldsSchema>;

export type MilestoneChange = {
  milestoneId: string;
  status: MilestoneStatus;
  progress: number;
  dropReason: string | null;
};

/**
 * The milestone changes chosen with an update: "change.<id>.status" (blank = unchanged) and
 * "change.<id>.progress" (blank = unchanged). Only the project's own milestones are read.
 */
export function parseMilestoneChanges(
  values: Record<string, string>,
  current: readonly { id: string; status: MilestoneStatus; progress: number; dropReason: string | null }[],
): { ok: true; changes: MilestoneChange[] } | { ok: false; errors: Record<string, string> } {
  const changes: MilestoneChange[] = [];
  const errors: Record<string, string> = {};
  for (const m of current) {
    const status = values[`change.${m.id}.status`] ?? "";
    const progressText = values[`change.${m.id}.progress`] ?? "";
    const reason = (values[`change.${m.id}.reason`] ?? "").trim();
    if (blank(status) && blank(progressText)) continue;
    if (!blank(status) && !(MILESTONE_STATUSES as readonly string[]).includes(status)) {
      errors[`change.${m.id}.status`] = "Choose a status from the list.";
      continue;
    }
    const progress = blank(progressText) ? m.progress : Number(progressText.trim().replace(/%$/, ""));
    if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
      errors[`change.${m.id}.progress`] = "Enter progress as a whole number from 0 to 100.";
      continue;
    }
    const next = (blank(status) ? m.status : status) as MilestoneStatus;
    if (next === "dropped" && !reason && !m.dropReason) {
      errors[`change.${m.id}.reason`] = "Say why the milestone is dropped.";
      continue;
    }
    if (next === m.status && progress === m.progress) continue;
    changes.push({
      milestoneId: m.id,
      status: next,
      progress,
      dropReason: next === "dropped" ? reason || m.dropReason : null,
    });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes };
}

export type MilestoneRow = {
  id: string | null;
  title: string;
  dueMonth: string;
  status: MilestoneStatus;
  progress: number;
  dropReason: string | null;
};

/** The milestones page: rows "milestones.<i>.{id,title,month,year,status,progress,reason}"; blank new rows are skipped. */
export function parseMilestoneRows(
  values: Record<string, string>,
): { ok: true; rows: MilestoneRow[] } | { ok: false; errors: Record<string, string> } {
  const rows: MilestoneRow[] = [];
  const errors: Record<string, string> = {};
  const count =
    Math.max(
      -1,
      ...Object.keys(values)
        .map((k) => /^milestones\.(\d+)\./.exec(k)?.[1])
        .filter(Boolean)
        .map(Number),
    ) + 1;
  for (let i = 0; i < Math.min(count, LIMITS.milestones + 1); i += 1) {
    const get = (f: string) => (values[`milestones.${i}.${f}`] ?? "").trim();
    const id = get("id") || null;
    const fail = (f: string, message: string) => (errors[`milestones.${i}.${f}`] ??= message);
    if (!id && !get("title") && !get("month") && !get("year")) continue;
    const title = get("title");
    if (!title) fail("title", "Enter what the milestone is.");
    else if (title.length > LIMITS.milestoneTitleChars)
      fail("title", `A milestone must be ${LIMITS.milestoneTitleChars} characters or fewer.`);
    const month = Number(get("month"));
    if (!/^\d{1,2}$/.test(get("month")) || month < 1 || month > 12)
      fail("month", "Enter the month due as a number from 1 to 12.");
    const year = Number(get("year"));
    if (!/^\d{4}$/.test(get("year")) || year < 2000 || year > 2100)
      fail("year", "Enter the year due as four digits, like 2027.");
    const status = (get("status") || "not_started") as MilestoneStatus;
    if (!(MILESTONE_STATUSES as readonly string[]).includes(status)) fail("status", "Choose a status from the list.");
    const progress = Number(get("progress").replace(/%$/, "") || "0");
    if (!Number.isInteger(progress) || progress < 0 || progress > 100)
      fail("progress", "Enter progress as a whole number from 0 to 100.");
    const reason = get("reason");
    if (status === "dropped" && !reason) fail("reason", "Say why the milestone is dropped.");
    if (reason.length > LIMITS.reasonChars) fail("reason", `Keep the reason under ${LIMITS.reasonChars} characters.`);
    rows.push({
      id,
      title,
      dueMonth: `${get("year")}-${get("month").padStart(2, "0")}-01`,
      status,
      progress,
      dropReason: status === "dropped" ? reason : null,
    });
  }
  if (rows.length > LIMITS.milestones) errors.form = `Keep to ${LIMITS.milestones} milestones.`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rows };
}
