// London wall-clock time without a date library. The programme runs on UK time, so every time a
// person types or reads is London time, while everything stored and compared is a UTC instant.

const ZONE = "Europe/London";
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

export type ParsedDateTime = { ok: true; value: Date } | { ok: false; error: string };

const wallFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

function wallTime(date: Date): WallTime {
  const parts: Record<string, number> = {};
  for (const part of wallFormat.formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** The wall time read as if it were UTC; the difference from the instant is the zone's offset. */
function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** London is on GMT (UTC+0) in winter and BST (UTC+1) in summer; nothing else since 1971. */
function zoneName(date: Date, wall: WallTime = wallTime(date)): "GMT" | "BST" {
  const offset = wallAsUtc(wall) - Math.floor(date.getTime() / MINUTE) * MINUTE;
  return offset === HOUR ? "BST" : "GMT";
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Reads the value of an `<input type="datetime-local">` ("2027-03-28T01:30", seconds allowed) as
 * London time. A time the clocks skip in March does not exist and is rejected. A time that occurs
 * twice in October resolves to the first occurrence (BST, the earlier instant): a deadline set
 * in that hour then never ends later than the person could have meant.
 */
export function parseLondonDateTime(input: string): ParsedDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(input.trim());
  if (!match) return { ok: false, error: "Enter a date and time, like 2027-03-21T17:00." };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall: WallTime = { year, month, day, hour, minute };
  const naive = wallAsUtc(wall);
  const check = new Date(naive);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, error: "Enter a real date and time." };
  }
  // Try BST first, then GMT, so the first occurrence of an ambiguous October time wins.
  const secondsMs = second * 1000;
  for (const offset of [HOUR, 0]) {
    const candidate = new Date(naive - offset);
    if (sameWallTime(wallTime(candidate), wall)) return { ok: true, value: new Date(candidate.getTime() + secondsMs) };
  }
  return {
    ok: false,
    error: `${pad(hour)}:${pad(minute)} on ${formatLondonDate(check)} does not exist in London: the clocks go forward from 1:00am to 2:00am. Choose another time.`,
  };
}

/** The value for an `<input type="datetime-local">` showing this instant in London time. */
export function toLondonInputValue(date: Date): string {
  const w = wallTime(date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function clockText(w: WallTime): string {
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${hour12}:${pad(w.minute)}${w.hour < 12 ? "am" : "pm"}`;
}

/** "2 March 2027" (the London date). */
export function formatLondonDate(date: Date): string {
  return dateText(wallTime(date));
}

function dateText(w: WallTime): string {
  return `${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
}

/**
 * "Tuesday 2 March 2027, 5:00pm GMT" — the zone is always named so nobody guesses. The wall time
 * is read once: Intl's formatToParts is the costly step, and a page of comments formats dozens.
 */
export function formatLondon(date: Date): string {
  const w = wallTime(date);
  const weekday = WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()];
  return `${weekday} ${dateText(w)}, ${clockText(w)} ${zoneName(date, w)}`;
}

/** "5:00pm BST on 21 March 2027" — for deadlines inside a sentence. */
export function formatLondonDeadline(date: Date): string {
  const w = wallTime(date);
  return `${clockText(w)} ${zoneName(date, w)} on ${dateText(w)}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/**
 * "in 3 days", "5 hours ago". Whole units are rounded down, as a countdown reads: 2 days and
 * 23 hours is still "in 2 days".
 */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return diff >= 0 ? "in less than a minute" : "just now";
  let amount: string;
  if (abs < HOUR) amount = plural(Math.floor(abs / MINUTE), "minute");
  else if (abs < DAY) amount = plural(Math.floor(abs / HOUR), "hour");
  else if (abs < 60 * DAY) amount = plural(Math.floor(abs / DAY), "day");
  else if (abs < 730 * DAY) amount = plural(Math.floor(abs / (30.44 * DAY)), "month");
  else amount = plural(Math.floor(abs / (365.25 * DAY)), "year");
  return diff >= 0 ? `in ${amount}` : `${amount} ago`;
}
