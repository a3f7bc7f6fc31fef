import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatLondon,
  formatLondonDate,
  formatLondonDeadline,
  formatRelative,
  parseLondonDateTime,
  toLondonInputValue,
} from "~/lib/time";

const utc = (iso: string) => new Date(`${iso}Z`);

function parsed(input: string): Date {
  const result = parseLondonDateTime(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got: ${result.error}`);
  return result.value;
}

describe("reading London times", () => {
  it("a winter time is GMT, the same as UTC", () => {
    expect(parsed("2027-01-15T09:00")).toEqual(utc("2027-01-15T09:00"));
  });

  it("a summer time is BST, one hour ahead of UTC", () => {
    expect(parsed("2027-06-14T17:00")).toEqual(utc("2027-06-14T16:00"));
  });

  it("seconds sent by the browser are kept", () => {
    expect(parsed("2027-06-14T17:00:30")).toEqual(utc("2027-06-14T16:00:30"));
  });

  describe("on 28 March 2027, when the clocks go forward at 1:00am", () => {
    it("00:59 is still GMT", () => {
      expect(parsed("2027-03-28T00:59")).toEqual(utc("2027-03-28T00:59"));
    });

    it.each(["01:00", "01:30", "01:59"])("%s does not exist and is rejected with a clear error", (time) => {
      const result = parseLondonDateTime(`2027-03-28T${time}`);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toBe(
          `${time} on 28 March 2027 does not exist in London: the clocks go forward from 1:00am to 2:00am. Choose another time.`,
        );
    });

    it("02:00 is the first minute of BST", () => {
      expect(parsed("2027-03-28T02:00")).toEqual(utc("2027-03-28T01:00"));
    });
  });

  describe("on 31 October 2027, when the clocks go back at 2:00am", () => {
    it("00:59 is still BST", () => {
      expect(parsed("2027-10-31T00:59")).toEqual(utc("2027-10-30T23:59"));
    });

    it("01:30 happens twice and resolves to the first occurrence, in BST", () => {
      expect(parsed("2027-10-31T01:30")).toEqual(utc("2027-10-31T00:30"));
    });

    it("02:00 is GMT", () => {
      expect(parsed("2027-10-31T02:00")).toEqual(utc("2027-10-31T02:00"));
    });

    it("both instants of the repeated hour show as the same input value", () => {
      expect(toLondonInputValue(utc("2027-10-31T00:30"))).toBe("2027-10-31T01:30");
      expect(toLondonInputValue(utc("2027-10-31T01:30"))).toBe("2027-10-31T01:30");
    });

    it("the two instants of the repeated hour are told apart by their zone", () => {
      expect(formatLondon(utc("2027-10-31T00:30"))).toBe("Sunday 31 October 2027, 1:30am BST");
      expect(formatLondon(utc("2027-10-31T01:30"))).toBe("Sunday 31 October 2027, 1:30am GMT");
    });
  });

  it.each([
    ["2027-02-29T10:00", "a day that does not exist"],
    ["2027-13-01T10:00", "a month that does not exist"],
    ["2027-04-31T10:00", "the 31st of a 30-day month"],
    ["2027-06-14T24:00", "hour 24"],
    ["2027-06-14T12:60", "minute 60"],
    ["14/06/2027 12:00", "a British-style date"],
    ["", "nothing"],
  ])("%s (%s) is rejected", (input) => {
    expect(parseLondonDateTime(input).ok).toBe(false);
  });

  // The one lossy case: the second pass through October's repeated hour reads as the first.
  function expectRoundTrip(instant: Date) {
    const hourEarlier = new Date(instant.getTime() - 3_600_000);
    const secondPass = toLondonInputValue(hourEarlier) === toLondonInputValue(instant);
    const back = parsed(toLondonInputValue(instant));
    expect(back).toEqual(secondPass ? hourEarlier : instant);
  }

  it("every minute of both clock-change days reads back as the instant it shows, except the repeated hour's second pass", () => {
    for (const day of ["2027-03-28", "2027-10-31"]) {
      const start = utc(`${day}T00:00`).getTime() - 3 * 3_600_000;
      for (let t = start; t < start + 30 * 3_600_000; t += 60_000) expectRoundTrip(new Date(t));
    }
  });

  it("any instant in 2026-2028 shown as an input value reads back as the same instant (minute precision)", () => {
    const start = utc("2026-01-01T00:00").getTime() / 60_000;
    const end = utc("2029-01-01T00:00").getTime() / 60_000;
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (minutes) => {
        expectRoundTrip(new Date(minutes * 60_000));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("showing London times", () => {
  it("names GMT in winter", () => {
    expect(formatLondon(utc("2027-03-02T17:00"))).toBe("Tuesday 2 March 2027, 5:00pm GMT");
  });

  it("names BST in summer and shows the London hour", () => {
    expect(formatLondon(utc("2027-06-14T16:00"))).toBe("Monday 14 June 2027, 5:00pm BST");
  });

  it("switches zone at the March change", () => {
    expect(formatLondon(utc("2027-03-28T00:59"))).toBe("Sunday 28 March 2027, 12:59am GMT");
    expect(formatLondon(utc("2027-03-28T01:00"))).toBe("Sunday 28 March 2027, 2:00am BST");
  });

  it("midnight is 12:00am and noon is 12:00pm", () => {
    expect(formatLondon(utc("2027-01-04T00:00"))).toBe("Monday 4 January 2027, 12:00am GMT");
    expect(formatLondon(utc("2027-01-04T12:00"))).toBe("Monday 4 January 2027, 12:00pm GMT");
  });

  it("the date is the London date, even when UTC is still on the day before", () => {
    expect(formatLondonDate(utc("2027-06-30T23:30"))).toBe("1 July 2027");
  });

  it("a deadline inside a sentence reads time, zone, then date", () => {
    expect(formatLondonDeadline(utc("2027-04-18T16:00"))).toBe("5:00pm BST on 18 April 2027");
  });

  it("toLondonInputValue gives the London wall time for datetime-local", () => {
    expect(toLondonInputValue(utc("2027-06-14T16:05"))).toBe("2027-06-14T17:05");
    expect(toLondonInputValue(utc("2027-01-04T09:00"))).toBe("2027-01-04T09:00");
  });
});

describe("relative times", () => {
  const now = utc("2027-05-01T12:00");
  const later = (ms: number) => new Date(now.getTime() + ms);
  const HOUR = 3_600_000;

  it.each([
    [30_000, "in less than a minute"],
    [-30_000, "just now"],
    [60_000, "in 1 minute"],
    [45 * 60_000, "in 45 minutes"],
    [HOUR, "in 1 hour"],
    [5 * HOUR, "in 5 hours"],
    [-5 * HOUR, "5 hours ago"],
    [24 * HOUR, "in 1 day"],
    [3 * 24 * HOUR, "in 3 days"],
    [-2 * 24 * HOUR, "2 days ago"],
    [(3 * 24 - 1) * HOUR, "in 2 days"],
    [90 * 24 * HOUR, "in 2 months"],
    [-800 * 24 * HOUR, "2 years ago"],
  ])("%i ms from now reads %s", (offset, text) => {
    expect(formatRelative(later(offset), now)).toBe(text);
  });
});
