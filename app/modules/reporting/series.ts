// Pure helpers that turn the dashboard's grouped counts into complete, readable series: every
// London day in a range (days with nothing happening count as 0), running totals, labels.

const londonDayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86_400_000;

/** The London calendar day of an instant, as "YYYY-MM-DD". */
export function londonDay(at: Date): string {
  return londonDayFormat.format(at);
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

function dayString(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** Every calendar day from `first` to `last` inclusive ("YYYY-MM-DD"); empty when last < first. */
export function daysBetween(first: string, last: string, limit = 400): string[] {
  const start = dayNumber(first);
  const end = Math.min(dayNumber(last), start + limit - 1);
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(dayString(n));
  return out;
}

/** "2027-03-04" -> "4 Mar". */
export function shortDay(day: string): string {
  const [, m, d] = day.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]}`;
}

export type DayCount = { day: string; count: number };

/**
 * Counts per day over a range that covers both `range` and every day that has data, each day
 * present once (0 when nothing happened). Empty when there is no data at all.
 */
export function fillDays(counts: readonly DayCount[], range: { first: string; last: string }): DayCount[] {
  if (counts.length === 0) return [];
  const days = counts.map((c) => c.day).sort();
  const first = days[0] < range.first ? days[0] : range.first;
  const last = days[days.length - 1] > range.last ? days[days.length - 1] : range.last;
  const byDay = new Map<string, number>();
  for (const c of counts) byDay.set(c.day, (byDay.get(c.day) ?? 0) + c.count);
  return daysBetween(first, last).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

/** Running totals of counts in order: how many had done it by the end of each step. */
export function runningTotals<T extends { count: number }>(steps: readonly T[]): Array<T & { total: number }> {
  let total = 0;
  return steps.map((s) => ({ ...s, total: (total += s.count) }));
}

/** The day (of `counts`) with the most, or null. Ties go to the later day: the deadline rush. */
export function busiestDay(counts: readonly DayCount[]): DayCount | null {
  let best: DayCount | null = null;
  for (const c of counts) if (c.count > 0 && (!best || c.count >= best.count)) best = c;
  return best;
}
