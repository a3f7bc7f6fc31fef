import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPence, parsePounds } from "~/lib/money";

function pence(input: string): number {
  const result = parsePounds(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got: ${result.error}`);
  return result.pence;
}

describe("reading amounts typed in pounds", () => {
  it.each([
    ["30000", 3_000_000],
    ["30,000", 3_000_000],
    ["£30,000", 3_000_000],
    ["£30000.50", 3_000_050],
    ["£ 1,250.5", 125_050],
    ["  600,000  ", 60_000_000],
    ["1,234,567.89", 123_456_789],
    ["0.29", 29],
    ["0", 0],
  ])("%s is %i pence", (input, expected) => {
    expect(pence(input)).toBe(expected);
  });

  it.each([
    ["", "Enter an amount in pounds, like 30,000."],
    ["£", "Enter an amount in pounds, like 30,000."],
    ["-5", "Enter an amount that is not negative."],
    ["30000.505", "Enter pounds and pence, with at most two digits after the point."],
    ["thirty thousand", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["30,00", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["3,0000", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["30k", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["1e5", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["$30", "Enter an amount in pounds, like 30,000 or 30,000.50."],
    ["99999999999999999999", "That amount is too large."],
  ])("%s is refused: %s", (input, error) => {
    expect(parsePounds(input)).toEqual({ ok: false, error });
  });
});

describe("showing pence as pounds", () => {
  it.each([
    [3_000_000, "£30,000"],
    [3_000_050, "£30,000.50"],
    [3_000_005, "£30,000.05"],
    [60_000_000, "£600,000"],
    [0, "£0"],
    [99, "£0.99"],
    [100, "£1"],
    [-150, "-£1.50"],
  ])("%i pence is %s", (amount, text) => {
    expect(formatPence(amount)).toBe(text);
  });

  it("refuses fractions of a penny rather than hiding them", () => {
    expect(() => formatPence(10.5)).toThrow(TypeError);
  });

  it("any amount shown reads back as the same number of pence", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (amount) => {
        expect(pence(formatPence(amount))).toBe(amount);
      }),
    );
  });
});
