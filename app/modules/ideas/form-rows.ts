// Repeating rows (milestones, budget lines) in a flat form: "milestones.2.title". Adding or
// removing a row posts the whole form and comes back with the rows changed, so it works
// without JavaScript and nothing typed is lost.
import { parsePounds } from "../../lib/money";

export type FlatValues = Record<string, string>;

const ROW = /^([a-z]+)\.(\d+)\.(.+)$/;

/** How many rows the values hold under this prefix (the highest index plus one). */
export function rowCount(values: FlatValues, prefix: string): number {
  let count = 0;
  for (const key of Object.keys(values)) {
    const match = ROW.exec(key);
    if (match && match[1] === prefix) count = Math.max(count, Number(match[2]) + 1);
  }
  return count;
}

/** The values without row `index`; later rows move up one. */
export function removeRow(values: FlatValues, prefix: string, index: number): FlatValues {
  const out: FlatValues = {};
  for (const [key, value] of Object.entries(values)) {
    const match = ROW.exec(key);
    if (!match || match[1] !== prefix) {
      out[key] = value;
      continue;
    }
    const i = Number(match[2]);
    if (i === index) continue;
    out[`${prefix}.${i > index ? i - 1 : i}.${match[3]}`] = value;
  }
  return out;
}

/** The total of the amounts typed so far; amounts that do not parse yet count as nothing. */
export function typedBudgetTotal(values: FlatValues, prefix = "budget"): number {
  let total = 0;
  for (const [key, value] of Object.entries(values)) {
    const match = ROW.exec(key);
    if (!match || match[1] !== prefix || match[3] !== "amount" || !value.trim()) continue;
    const parsed = parsePounds(value);
    if (parsed.ok) total += parsed.pence;
  }
  return total;
}

/** "add-milestone", "remove-budget:3" -> what to do to which rows. */
export function rowIntent(
  intent: unknown,
): { kind: "add" | "remove"; prefix: "milestones" | "budget"; index: number } | null {
  if (typeof intent !== "string") return null;
  const match = /^(add|remove)-(milestone|budget)(?::(\d+))?$/.exec(intent);
  if (!match) return null;
  const prefix = match[2] === "milestone" ? "milestones" : "budget";
  return { kind: match[1] as "add" | "remove", prefix, index: Number(match[3] ?? -1) };
}
