// The results as the pages show them: dates formatted, amounts in pounds, links to proposals.
import type { Round } from "~db/schema";
import { formatPence } from "~/lib/money";
import { formatLondon } from "~/lib/time";
import { ideaPath } from "~/modules/ideas/paths";
import { resultsOf } from "./results-queries.server";

export async function resultsPageData(round: Round) {
  const results = await resultsOf(round);
  if (!results) return null;
  return {
    published: results.publishedAt !== null,
    publishedAt: results.publishedAt ? formatLondon(results.publishedAt) : null,
    ballots: results.ballots,
    eligible: results.eligible,
    spent: formatPence(results.spentPence),
    pot: formatPence(results.potPence),
    rule: results.rule,
    frozenSettingsHash: results.frozenSettingsHash,
    seal: {
      root: results.seal.root,
      ballots: results.seal.ballots,
      sealedAt: formatLondon(results.seal.sealedAt),
      sealedIso: results.seal.sealedAt.toISOString(),
    },
    categories: results.categories.map((c) => ({
      id: c.id,
      name: c.name,
      lines: c.lines.map((l) => ({
        ideaId: l.ideaId,
        href: ideaPath(round.slug, l.slug),
        title: l.title,
        votes: l.votes,
        rank: l.rank,
        requested: formatPence(l.requestedPence),
        recommendedFunded: l.recommendedFunded,
        funded: l.funded,
        explanation: l.explanation,
        overrideReason: l.overrideReason,
      })),
    })),
  };
}
