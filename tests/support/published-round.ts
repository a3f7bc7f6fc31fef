// A small published round built the way the app builds one (ledger.ts, funding.ts), without a
// database: the two files a recount reads, consistent with each other. For tampering in tests.
import { canonicalJson } from "../../app/lib/canonical-json";
import type { FrozenSettings } from "../../app/modules/rounds/frozen-settings";
import { decideFunding } from "../../app/modules/voting/funding";
import { LEDGER_FORMAT, entryHash, merkleRoot, sha256, tally, type LedgerEntry } from "../../app/modules/voting/ledger";
import {
  HASHING_SPEC,
  RESULTS_FORMAT,
  publishedEntry,
  type LedgerDocument,
  type ResultsDocument,
} from "../../app/modules/voting/ledger-export";

export const TITLES: Record<string, string> = {
  "a1000000-0000-4000-8000-000000000001": "Warm spaces in winter",
  "a1000000-0000-4000-8000-000000000002": "Carers' café",
  "a1000000-0000-4000-8000-000000000003": "Hospital lifts",
  "b2000000-0000-4000-8000-000000000001": "Play streets",
  "b2000000-0000-4000-8000-000000000002": "Library garden",
};
const [A1, A2, A3, B1, B2] = Object.keys(TITLES);

export const SETTINGS: FrozenSettings = {
  ballotRule: { allowOwnIdea: false, picksPerCategory: 2 },
  fundingRule: { kind: "topN", n: 2 },
  potPence: 60_000_00,
  maxAwardPence: 25_000_00,
  categories: [
    { id: "c1000000-0000-4000-8000-000000000001", name: "Care" },
    { id: "c2000000-0000-4000-8000-000000000002", name: "Play" },
  ],
  shortlist: {
    "c1000000-0000-4000-8000-000000000001": [A1, A2, A3],
    "c2000000-0000-4000-8000-000000000002": [B1, B2],
  },
};
const [C1, C2] = SETTINGS.categories.map((c) => c.id);
const REQUESTED: Record<string, number> = {
  [A1]: 20_000_00,
  [A2]: 15_000_00,
  [A3]: 10_000_00,
  [B1]: 12_000_00,
  [B2]: 9_000_00,
};

const BALLOTS: Array<[string[], "online" | "paper"]> = [
  [[A1, A2, B1], "online"],
  [[A1, A3, B2], "online"],
  [[A2, B1], "online"],
  [[A1, B1, B2], "online"],
  [[A3], "paper"],
  [[A2, A3, B2], "online"],
  [[A1, B1], "paper"],
];

export async function publishedRound(): Promise<{ ledger: LedgerDocument; results: ResultsDocument }> {
  const entries: LedgerEntry[] = BALLOTS.map(([picks, source], i) => ({
    ref: (i + 1).toString(16).padStart(2, "0").repeat(16),
    picks: [...picks].sort(),
    source,
  }));
  const hashed = await Promise.all(entries.map(async (e) => ({ ...e, entryHash: await entryHash(e) })));
  const published = hashed.sort((a, b) => (a.entryHash < b.entryHash ? -1 : 1)).map(publishedEntry);
  const root = await merkleRoot(published.map((e) => e.entryHash));
  const seal = { root, ballots: published.length, sealedAt: "2027-06-01T17:00:00.000Z" };
  const votes = tally(entries);
  const proposals = Object.keys(TITLES).map((id, i) => ({
    id,
    categoryId: id.startsWith("a") ? C1 : C2,
    title: TITLES[id],
    votes: votes[id] ?? 0,
    requestedPence: REQUESTED[id],
    calibratedScore: [3.5, 3.5, 4.25, null, 2.75][i],
    submittedAt: new Date(Date.UTC(2027, 2, 1 + i)),
  }));
  const decision = decideFunding({
    rule: SETTINGS.fundingRule,
    potPence: SETTINGS.potPence,
    categories: SETTINGS.categories,
    proposals,
  });
  const lines = decision.outcomes.map((o, i) => ({
    ...proposals[i],
    submittedAt: proposals[i].submittedAt.toISOString(),
    rank: o.rank,
    roundRank: o.roundRank,
    recommendedFunded: o.funded,
    funded: o.funded,
    overrideReason: null as string | null,
    explanation: o.explanation,
  }));
  // One override, with its public reason: the proposal the rule leaves out is funded against it.
  const overridden = lines.find((l) => !l.recommendedFunded)!;
  overridden.funded = true;
  overridden.overrideReason = "The only proposal reaching rural carers; the panel asked us to fund it.";
  return {
    ledger: {
      format: LEDGER_FORMAT,
      round: { slug: "test", title: "Test round" },
      seal,
      hashing: HASHING_SPEC,
      entries: published,
    },
    results: {
      format: RESULTS_FORMAT,
      round: { slug: "test", title: "Test round" },
      publishedAt: "2027-06-03T10:00:00.000Z",
      seal: { ...seal },
      turnout: { ballots: published.length, eligible: 40 },
      settings: SETTINGS,
      settingsHash: await sha256(canonicalJson(SETTINGS)),
      spentPence: lines.filter((l) => l.funded).reduce((sum, l) => sum + l.requestedPence, 0),
      proposals: lines,
      withdrawn: [],
    },
  };
}
