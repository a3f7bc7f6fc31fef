import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  frozenSettingsHash,
  normaliseFrozenSettings,
  type FrozenSettings,
} from "~/modules/rounds/frozen-settings";

const settings: FrozenSettings = {
  ballotRule: { picksPerCategory: 3, allowOwnIdea: false },
  fundingRule: { kind: "topFraction", fraction: 2 / 3 },
  potPence: 60_000_000,
  maxAwardPence: 3_000_000,
  categories: [
    { id: "cat-a", name: "Digital" },
    { id: "cat-b", name: "Communities" },
  ],
  shortlist: { "cat-a": ["idea-1", "idea-2", "idea-3"], "cat-b": ["idea-7", "idea-8", "idea-9"] },
};

describe("canonical JSON", () => {
  it("sorts keys at every depth and has no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("keeps the order of arrays", () => {
    expect(canonicalJson([2, 1])).toBe("[2,1]");
  });

  it("leaves out undefined properties, as JSON does", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a date", new Date(0)],
    ["a bigint", 1n],
    ["undefined", undefined],
  ])("refuses %s rather than guessing how to write it", (_, value) => {
    expect(() => canonicalJson([value])).toThrow(TypeError);
  });
});

describe("the frozen-settings hash", () => {
  it("is SHA-256 in lower-case hex", () => {
    expect(frozenSettingsHash(settings)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the SHA-256 of the canonical text, so anyone can recompute it (e.g. with sha256sum)", () => {
    expect(canonicalJson(normaliseFrozenSettings(settings))).toBe(
      '{"ballotRule":{"allowOwnIdea":false,"picksPerCategory":3},' +
        '"categories":[{"id":"cat-a","name":"Digital"},{"id":"cat-b","name":"Communities"}],' +
        '"fundingRule":{"fraction":0.6666666666666666,"kind":"topFraction"},"maxAwardPence":3000000,"potPence":60000000,' +
        '"shortlist":{"cat-a":["idea-1","idea-2","idea-3"],"cat-b":["idea-7","idea-8","idea-9"]}}',
    );
    expect(frozenSettingsHash(settings)).toBe("a231eb3fc57c52b0e02485949365e2e0cac8b1b64d0461bfa2a75907ffcfa758");
  });

  it("is stable for equal settings written with keys in a different order", () => {
    const reordered = {
      shortlist: { "cat-b": ["idea-7", "idea-8", "idea-9"], "cat-a": ["idea-1", "idea-2", "idea-3"] },
      categories: [
        { name: "Digital", id: "cat-a" },
        { name: "Communities", id: "cat-b" },
      ],
      maxAwardPence: 3_000_000,
      potPence: 60_000_000,
      fundingRule: { fraction: 2 / 3, kind: "topFraction" },
      ballotRule: { allowOwnIdea: false, picksPerCategory: 3 },
    } as FrozenSettings;
    expect(frozenSettingsHash(reordered)).toBe(frozenSettingsHash(settings));
  });

  it("is the same however the categories and shortlisted ideas are listed, because order decides nothing", () => {
    const shuffled: FrozenSettings = {
      ...settings,
      categories: [...settings.categories].reverse(),
      shortlist: { "cat-a": ["idea-3", "idea-1", "idea-2"], "cat-b": ["idea-9", "idea-7", "idea-8"] },
    };
    expect(frozenSettingsHash(shuffled)).toBe(frozenSettingsHash(settings));
  });

  it("ignores properties that are not part of the frozen settings", () => {
    const extra = {
      ...settings,
      title: "Q Exchange 2027",
      fundingRule: { kind: "fundAll", fraction: 0.5 },
    } as FrozenSettings;
    expect(frozenSettingsHash(extra)).toBe(frozenSettingsHash({ ...settings, fundingRule: { kind: "fundAll" } }));
  });

  it("does not change the settings it is given", () => {
    const copy = structuredClone(settings);
    frozenSettingsHash({ ...copy, shortlist: { "cat-a": ["b", "a"] } });
    expect(copy).toEqual(settings);
  });

  it("normalised settings hash the same as the originals, so the stored form can be re-checked", () => {
    expect(frozenSettingsHash(normaliseFrozenSettings(settings))).toBe(frozenSettingsHash(settings));
  });

  const changes: Array<[string, FrozenSettings]> = [
    ["picks per category", { ...settings, ballotRule: { ...settings.ballotRule, picksPerCategory: 2 } }],
    [
      "whether a member may pick their own idea",
      { ...settings, ballotRule: { ...settings.ballotRule, allowOwnIdea: true } },
    ],
    ["the funding rule's kind", { ...settings, fundingRule: { kind: "fundAll" } }],
    ["the funded fraction", { ...settings, fundingRule: { kind: "topFraction", fraction: 0.5 } }],
    ["top N's number", { ...settings, fundingRule: { kind: "topN", n: 4 } }],
    ["greedy within the pot", { ...settings, fundingRule: { kind: "greedyWithinPot" } }],
    ["the pot", { ...settings, potPence: 59_999_999 }],
    ["the maximum award", { ...settings, maxAwardPence: 4_000_000 }],
    [
      "a category's name",
      { ...settings, categories: [{ id: "cat-a", name: "Digital health" }, settings.categories[1]] },
    ],
    ["a category's id", { ...settings, categories: [{ id: "cat-c", name: "Digital" }, settings.categories[1]] }],
    ["a category added", { ...settings, categories: [...settings.categories, { id: "cat-c", name: "Workforce" }] }],
    [
      "an idea added to the shortlist",
      { ...settings, shortlist: { ...settings.shortlist, "cat-a": ["idea-1", "idea-2", "idea-3", "idea-4"] } },
    ],
    [
      "an idea removed from the shortlist",
      { ...settings, shortlist: { ...settings.shortlist, "cat-a": ["idea-1", "idea-2"] } },
    ],
    [
      "an idea moved to another category",
      { ...settings, shortlist: { "cat-a": ["idea-1", "idea-2"], "cat-b": ["idea-3", "idea-7", "idea-8", "idea-9"] } },
    ],
  ];

  it.each(changes)("changes when %s changes", (_, changed) => {
    expect(frozenSettingsHash(changed)).not.toBe(frozenSettingsHash(settings));
  });

  it("gives a different hash for every one of those changes", () => {
    const hashes = new Set([settings, ...changes.map(([, changed]) => changed)].map(frozenSettingsHash));
    expect(hashes.size).toBe(changes.length + 1);
  });
});
