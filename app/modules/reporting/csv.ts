// CSV as RFC 4180 describes it (comma-separated, CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break, quotes doubled), made safe to open in a spreadsheet: a text
// cell that starts with = + - @, a tab or a carriage return would be read as a formula, so it is
// prefixed with an apostrophe (OWASP's advice). Numbers are written as numbers and left alone.
// A few lines of our own rather than a library: the rules are short and fully tested.

export type CsvValue = string | number | boolean | null | undefined | Date;

/** The byte order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = "\uFEFF";
export const CSV_LINE_END = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, escaped. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its line end. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + CSV_LINE_END;
}

/** A whole document (for small data and tests; exports stream row by row with csvRow). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join("");
}
