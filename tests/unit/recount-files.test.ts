import { describe, expect, it } from "vitest";
import { entryHash, merkleRoot, receiptCode } from "../../app/modules/voting/ledger";
import { recountFiles } from "../../app/modules/voting/recount-files";
import { publishedRound, TITLES } from "../support/published-round";
import { TAMPERS } from "../support/tampers";

describe("the recount from the published files alone", () => {
  it("matches an untouched round, printing each of the five steps and the override with its reason", async () => {
    const { ledger, results } = await publishedRound();
    const steps: string[] = [];
    expect(await recountFiles(ledger, results, (line) => steps.push(line))).toEqual({ ok: true });
    expect(steps.filter((s) => /^Step \d:/.test(s))).toHaveLength(5);
    expect(steps.join("\n")).toMatch(
      /Step 2: the Merkle root [0-9a-f]{64} is the seal published at the close \(7 ballots\)/,
    );
    expect(steps.join("\n")).toMatch(/1 override, each with its reason/);
    expect(steps.join("\n")).toMatch(/Override: “.+” \(.+\) funded: The only proposal reaching rural carers/);
  });

  it("survives a trip through JSON text, as downloaded", async () => {
    const { ledger, results } = await publishedRound();
    const again = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(await recountFiles(again(ledger), again(results))).toEqual({ ok: true });
  });

  it.each(TAMPERS.map((t) => [t.name, t] as const))(
    "catches %s, naming the first difference",
    async (_name, tamper) => {
      const { ledger, results } = await publishedRound();
      await tamper.apply(ledger, results);
      const outcome = await recountFiles(ledger, results);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.difference).toMatch(tamper.expected);
    },
  );

  it("names a proposal by title and id", async () => {
    const { ledger, results } = await publishedRound();
    results.proposals[1].votes = 99;
    const outcome = await recountFiles(ledger, results);
    const { id, title } = results.proposals[1];
    expect(TITLES[id]).toBe(title);
    expect(outcome).toEqual({ ok: false, difference: expect.stringContaining(`“${title}” (${id})`) });
  });

  it("refuses files that are not the published formats, without throwing", async () => {
    const { ledger, results } = await publishedRound();
    expect(await recountFiles({ entries: [] }, results)).toMatchObject({
      ok: false,
      difference: /not a q-exchange-ledger\/2 file/,
    });
    expect(await recountFiles(ledger, null)).toMatchObject({ ok: false });
    const bad = { ...ledger, entries: [{ ...ledger.entries[0], ref: "someone@example.org" }] };
    expect(await recountFiles(bad, results)).toMatchObject({
      ok: false,
      difference: /Ledger entry 1 .*ref must be 32/,
    });
  });

  it.each([
    ["three picks where the frozen rule allows two", (c1: string[]) => [...c1], /has more than 2 picks in a category/],
    [
      "a pick off the frozen shortlist",
      () => ["d0000000-0000-4000-8000-000000000000"],
      /is not on the frozen shortlist/,
    ],
  ])("a resealed ballot with %s is a difference", async (_name, picks, expected) => {
    const { ledger, results } = await publishedRound();
    const entry = ledger.entries[0];
    entry.picks = picks(Object.values(results.settings.shortlist)[0]).sort();
    entry.entryHash = await entryHash(entry);
    entry.receiptCode = receiptCode(entry.entryHash);
    ledger.seal.root = results.seal.root = await merkleRoot(ledger.entries.map((e) => e.entryHash));
    expect(await recountFiles(ledger, results)).toMatchObject({ ok: false, difference: expected });
  });
});
