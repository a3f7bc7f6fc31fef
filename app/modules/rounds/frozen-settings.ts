// The settings that decide the vote are frozen when voting opens. Their SHA-256 is published on
// the results page, so anyone can check that the rules were not changed after people voted.
// Server-only at run time (node:crypto); browser code may `import type` from here.
import { createHash } from "node:crypto";
import { canonicalJson } from "~/lib/canonical-json";

export type BallotRule = { picksPerCategory: number; allowOwnIdea: boolean };

/**
 * How votes become awards, per category; every rule then respects the pot.
 * `fraction` is in (0, 1]: compute seats with a small tolerance (e.g. floor(n * fraction + 1e-9)),
 * because 18 * (2/3) is 11.999999999999998 in floating point.
 */
export type FundingRule =
  | { kind: "topFraction"; fraction: number }
  | { kind: "topN"; n: number }
  | { kind: "fundAll" }
  | { kind: "greedyWithinPot" };

export type FrozenSettings = {
  ballotRule: BallotRule;
  fundingRule: FundingRule;
  potPence: number;
  maxAwardPence: number;
  categories: Array<{ id: string; name: string }>;
  /** Idea ids shortlisted in each category, keyed by category id. */
  shortlist: Record<string, string[]>;
};

export { canonicalJson };

/** Only the fields of its kind, so a stray property cannot change the hash. */
function fundingRuleOnly(rule: FundingRule): FundingRule {
  switch (rule.kind) {
    case "topFraction":
      return { kind: rule.kind, fraction: rule.fraction };
    case "topN":
      return { kind: rule.kind, n: rule.n };
    default:
      return { kind: rule.kind };
  }
}

/**
 * The order in which categories and shortlisted ideas are listed decides nothing, so it must not
 * change the hash: categories are sorted by id and each shortlist by idea id. Store this form.
 */
export function normaliseFrozenSettings(settings: FrozenSettings): FrozenSettings {
  const shortlist: Record<string, string[]> = {};
  for (const [categoryId, ideaIds] of Object.entries(settings.shortlist)) shortlist[categoryId] = [...ideaIds].sort();
  return {
    ballotRule: {
      picksPerCategory: settings.ballotRule.picksPerCategory,
      allowOwnIdea: settings.ballotRule.allowOwnIdea,
    },
    fundingRule: fundingRuleOnly(settings.fundingRule),
    potPence: settings.potPence,
    maxAwardPence: settings.maxAwardPence,
    categories: settings.categories.map(({ id, name }) => ({ id, name })).sort((a, b) => compare(a.id, b.id)),
    shortlist,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SHA-256 (lower-case hex) of the canonical JSON of the normalised settings. */
export function frozenSettingsHash(settings: FrozenSettings): string {
  return createHash("sha256")
    .update(canonicalJson(normaliseFrozenSettings(settings)), "utf8")
    .digest("hex");
}

/** The frozen settings of a round as voting opens, normalised, with their hash: what is stored. */
export function freezeRoundSettings(
  round: {
    picksPerCategory: number;
    allowOwnIdea: boolean;
    fundingRule: FundingRule;
    potPence: number;
    maxAwardPence: number;
  },
  categories: ReadonlyArray<{ id: string; name: string }>,
  shortlist: Record<string, string[]>,
): { frozenSettings: FrozenSettings; frozenSettingsHash: string } {
  const frozenSettings = normaliseFrozenSettings({
    ballotRule: { picksPerCategory: round.picksPerCategory, allowOwnIdea: round.allowOwnIdea },
    fundingRule: round.fundingRule,
    potPence: round.potPence,
    maxAwardPence: round.maxAwardPence,
    categories: categories.map(({ id, name }) => ({ id, name })),
    shortlist,
  });
  return { frozenSettings, frozenSettingsHash: frozenSettingsHash(frozenSettings) };
}
