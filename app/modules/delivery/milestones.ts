// Pure milestone rules. A milestone is due in a month (stored as its first day); it is overdue
// once that month has ended in London, unless it is done or dropped.
// Relative imports: the demo seed loads this file outside Vite.
import type { MilestoneStatus } from "../../../db/schema/delivery";

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  done: "Done",
  delayed: "Delayed",
  dropped: "Dropped",
};

const CLOSED: readonly MilestoneStatus[] = ["done", "dropped"];

const londonMonth = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" });

/** "2027-03": the month it is in London at this instant. */
export function londonMonthOf(at: Date): string {
  const parts = Object.fromEntries(londonMonth.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}

/** True when the due month has ended in London and the milestone is neither done nor dropped. */
export function isOverdue(milestone: { dueMonth: string; status: MilestoneStatus }, now: Date): boolean {
  if (CLOSED.includes(milestone.status)) return false;
  return milestone.dueMonth.slice(0, 7) < londonMonthOf(now);
}

/** "2027-10-01" -> "October 2027". */
export function formatMonth(dueMonth: string): string {
  const [year, month] = dueMonth.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The project's progress: the mean of its milestones' progress, dropped milestones left out. */
export function projectProgress(milestones: readonly { status: MilestoneStatus; progress: number }[]): number {
  const counted = milestones.filter((m) => m.status !== "dropped");
  if (counted.length === 0) return 0;
  return Math.round(counted.reduce((sum, m) => sum + (m.status === "done" ? 100 : m.progress), 0) / counted.length);
}

/** A done milestone is 100%; otherwise the progress typed, kept within 0–100. */
export function settledProgress(status: MilestoneStatus, progress: number): number {
  if (status === "done") return 100;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

/** The quiet spell's period number: 0 while under `days`, then 1, 2 … one per `days` days. */
export function reminderPeriod(since: Date, now: Date, days: number): number {
  const elapsed = now.getTime() - since.getTime();
  return elapsed < 0 ? 0 : Math.floor(elapsed / (days * 86_400_000));
}
