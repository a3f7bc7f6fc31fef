import { describe, expect, it } from "vitest";
import {
  formatMonth,
  isOverdue,
  londonMonthOf,
  projectProgress,
  reminderPeriod,
} from "../../app/modules/delivery/milestones";

describe("a milestone is overdue once its due month has ended in London", () => {
  it("is not overdue during its due month, and is overdue from the first of the next month", () => {
    const m = { dueMonth: "2026-09-01", status: "on_track" as const };
    expect(isOverdue(m, new Date("2026-09-30T12:00:00Z"))).toBe(false);
    expect(isOverdue(m, new Date("2026-10-01T12:00:00Z"))).toBe(true);
  });

  it("uses London time at the summer boundary: 23:30 UTC on 30 September is already October in London (BST)", () => {
    const m = { dueMonth: "2026-09-01", status: "not_started" as const };
    expect(londonMonthOf(new Date("2026-09-30T23:30:00Z"))).toBe("2026-10");
    expect(isOverdue(m, new Date("2026-09-30T22:59:59Z"))).toBe(false);
    expect(isOverdue(m, new Date("2026-09-30T23:00:00Z"))).toBe(true);
  });

  it("uses London time in winter (GMT): 23:30 UTC on 31 January is still January", () => {
    const m = { dueMonth: "2027-01-01", status: "delayed" as const };
    expect(isOverdue(m, new Date("2027-01-31T23:59:59Z"))).toBe(false);
    expect(isOverdue(m, new Date("2027-02-01T00:00:00Z"))).toBe(true);
  });

  it("crosses the year: a December milestone is overdue in January", () => {
    expect(isOverdue({ dueMonth: "2026-12-01", status: "on_track" }, new Date("2027-01-01T00:00:00Z"))).toBe(true);
  });

  it("is never overdue when done or dropped", () => {
    const late = new Date("2030-01-01T00:00:00Z");
    expect(isOverdue({ dueMonth: "2026-01-01", status: "done" }, late)).toBe(false);
    expect(isOverdue({ dueMonth: "2026-01-01", status: "dropped" }, late)).toBe(false);
  });
});

describe("project progress and reminder periods", () => {
  it("averages milestones, counting done as 100% and leaving dropped ones out", () => {
    expect(
      projectProgress([
        { status: "done", progress: 40 },
        { status: "on_track", progress: 50 },
        { status: "dropped", progress: 0 },
      ]),
    ).toBe(75);
    expect(projectProgress([])).toBe(0);
  });

  it("counts whole periods of quiet: none before N days, the first from N, the second from 2N", () => {
    const since = new Date("2026-01-01T00:00:00Z");
    const day = 86_400_000;
    expect(reminderPeriod(since, new Date(since.getTime() + 59 * day), 60)).toBe(0);
    expect(reminderPeriod(since, new Date(since.getTime() + 60 * day), 60)).toBe(1);
    expect(reminderPeriod(since, new Date(since.getTime() + 119 * day), 60)).toBe(1);
    expect(reminderPeriod(since, new Date(since.getTime() + 120 * day), 60)).toBe(2);
  });

  it("names months in words", () => {
    expect(formatMonth("2027-10-01")).toBe("October 2027");
  });
});
