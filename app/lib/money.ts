// Money is integer pence everywhere; pounds exist only in what people type and read.
// Parsing works on the digits, never through floating point, so "0.29" is exactly 29 pence.

export type ParsedPence = { ok: true; pence: number } | { ok: false; error: string };

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "30,000", "£30000.50", " £ 1,250 " -> pence. Negative amounts and fractions of a penny are refused. */
export function parsePounds(input: string): ParsedPence {
  const text = input.trim().replace(/^£\s*/, "");
  if (text === "") return { ok: false, error: "Enter an amount in pounds, like 30,000." };
  if (text.startsWith("-")) return { ok: false, error: "Enter an amount that is not negative." };
  if (/^[\d,]*\.\d{3,}$/.test(text))
    return { ok: false, error: "Enter pounds and pence, with at most two digits after the point." };
  const match = AMOUNT.exec(text);
  if (!match) return { ok: false, error: "Enter an amount in pounds, like 30,000 or 30,000.50." };
  const pounds = Number(match[1].replaceAll(",", ""));
  const pence = Number((match[2] ?? "0").padEnd(2, "0"));
  const total = pounds * 100 + pence;
  if (!Number.isSafeInteger(total)) return { ok: false, error: "That amount is too large." };
  return { ok: true, pence: total };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 3000000 -> "£30,000"; 3000050 -> "£30,000.50". Pence are shown only when there are some. */
export function formatPence(pence: number): string {
  if (!Number.isInteger(pence)) throw new TypeError(`formatPence expects whole pence, got ${pence}`);
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const pounds = groupThousands(String(Math.floor(abs / 100)));
  const rest = abs % 100;
  return `${sign}£${pounds}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
}
