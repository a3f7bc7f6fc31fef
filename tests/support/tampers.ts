// The ways someone could alter a round's published files, each with the difference the recount
// must report. Used on the command, the shared code and the "Verify these results" page alike.
import { entryHash, merkleRoot, receiptCode } from "../../app/modules/voting/ledger";
import type { LedgerDocument, ResultsDocument } from "../../app/modules/voting/ledger-export";

export type Tamper = {
  name: string;
  apply: (ledger: LedgerDocument, results: ResultsDocument) => Promise<void> | void;
  /** What the first difference must say. */
  expected: RegExp;
};

/** Another proposal of the same category that the entry does not pick already. */
function swapPick(ledger: LedgerDocument, results: ResultsDocument): void {
  const shortlist = Object.values(results.settings.shortlist);
  for (const entry of ledger.entries) {
    for (const [i, pick] of entry.picks.entries()) {
      const other = shortlist.find((ids) => ids.includes(pick))!.find((id) => !entry.picks.includes(id));
      if (other) {
        entry.picks = [...entry.picks.slice(0, i), other, ...entry.picks.slice(i + 1)].sort();
        return;
      }
    }
  }
  throw new Error("no entry with a pick to swap");
}

async function rehash(ledger: LedgerDocument): Promise<void> {
  for (const entry of ledger.entries) {
    entry.entryHash = await entryHash(entry);
    entry.receiptCode = receiptCode(entry.entryHash);
  }
}

export const TAMPERS: Tamper[] = [
  {
    name: "a pick changed",
    apply: swapPick,
    expected: /^Ledger entry 1 \(ref [0-9a-f]{32}\): its fields hash to [0-9a-f]{64}, but the file says/,
  },
  {
    name: "a pick changed and the entry's hash recomputed",
    apply: async (ledger, results) => {
      swapPick(ledger, results);
      await rehash(ledger);
    },
    expected: /^Seal: the Merkle root of the entries is [0-9a-f]{64}, but the published seal is/,
  },
  {
    name: "an entry dropped",
    apply: (ledger) => void ledger.entries.pop(),
    expected: /^Seal: the Merkle root of the entries is/,
  },
  {
    name: "a tally edited",
    apply: (_ledger, results) => void (results.proposals[0].votes += 1),
    expected: /^Votes for “.+” \([0-9a-f-]{36}\): published \d+, recounted \d+\.$/,
  },
  {
    name: "a forged root (a pick changed, hashes and seal recomputed in both files)",
    apply: async (ledger, results) => {
      swapPick(ledger, results);
      await rehash(ledger);
      const root = await merkleRoot(ledger.entries.map((e) => e.entryHash));
      ledger.seal.root = root;
      results.seal.root = root;
    },
    expected: /^Votes for “.+” \([0-9a-f-]{36}\): published \d+, recounted \d+\.$/,
  },
  {
    name: "a forged root in the results only",
    apply: (_ledger, results) => void (results.seal.root = "f".repeat(64)),
    expected: /^Seal: .* but the published seal is f{64} \(the ledger file says [0-9a-f]{64}\)\.$/,
  },
  {
    name: "an outcome changed (without a reason)",
    apply: (_ledger, results) => {
      const line = results.proposals.find((p) => p.funded === p.recommendedFunded)!;
      line.funded = !line.funded;
      results.spentPence += line.funded ? line.requestedPence : -line.requestedPence;
    },
    expected: /^“.+” \([0-9a-f-]{36}\): its outcome differs from the rule's, with no reason given\.$/,
  },
  {
    name: "a recommendation changed",
    apply: (_ledger, results) => {
      const line = results.proposals.find((p) => p.recommendedFunded && p.funded && !p.overrideReason)!;
      line.recommendedFunded = false;
      line.overrideReason = "Changed after the count.";
    },
    expected: /^“.+” \([0-9a-f-]{36}\): published as not recommended for funding, the rule recommends it\.$/,
  },
  {
    name: "the pot changed in the frozen settings",
    apply: (_ledger, results) => void (results.settings.potPence += 100),
    expected: /^Settings: they hash to [0-9a-f]{64}, not to [0-9a-f]{64} as published when voting opened\.$/,
  },
];
