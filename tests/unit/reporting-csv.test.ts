import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv } from "~/modules/reporting/csv";
import { defaultCsv } from "~/modules/reporting/respond.server";
import { parseExportFile, PUBLIC_DATASETS, ADMIN_DATASETS } from "~/modules/reporting/datasets";

describe("CSV cells (RFC 4180)", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("Fewer missed appointments")).toBe("Fewer missed appointments");
  });

  it("quotes a cell with a comma, a quote or a line break, doubling quotes", () => {
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('She said "yes"')).toBe('"She said ""yes"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
  });

  it("keeps non-ASCII text as it is (the file is UTF-8 with a BOM)", () => {
    expect(csvCell("Café – £30,000 😊 Łódź")).toBe('"Café – £30,000 😊 Łódź"');
    expect(toCsv(["name"], [["Zoë"]]).startsWith("\uFEFFname\r\nZoë\r\n")).toBe(true);
  });

  it.each([
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tleading tab", "'\tleading tab"],
    ["\rleading return", '"\'\rleading return"'],
  ])("a text cell starting with a formula character is defused: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes numbers as numbers (a negative number is not a formula), and empty for null", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(1234567)).toBe("1234567");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2027-03-01T09:30:00Z"))).toBe("2027-03-01T09:30:00.000Z");
  });

  it("ends every record with CRLF and separates fields with commas", () => {
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("lists in a cell are joined with semicolons, and a formula inside one is still defused", () => {
    expect(csvCell(defaultCsv(["Digital", "Workforce"]))).toBe("Digital; Workforce");
    expect(csvCell(defaultCsv(["=cmd", "x"]))).toBe("'=cmd; x");
  });
});

describe("export file names", () => {
  it("accept a known dataset with csv or json, for its audience only", () => {
    expect(parseExportFile("ideas.csv", PUBLIC_DATASETS)).toEqual({ dataset: "ideas", format: "csv" });
    expect(parseExportFile("comments.json", PUBLIC_DATASETS)).toEqual({ dataset: "comments", format: "json" });
    expect(parseExportFile("scores.csv", PUBLIC_DATASETS)).toBeNull();
    expect(parseExportFile("scores.csv", ADMIN_DATASETS)).toEqual({ dataset: "scores", format: "csv" });
    expect(parseExportFile("ideas.xlsx", PUBLIC_DATASETS)).toBeNull();
    expect(parseExportFile("ideas", PUBLIC_DATASETS)).toBeNull();
    expect(parseExportFile(undefined, PUBLIC_DATASETS)).toBeNull();
  });
});
