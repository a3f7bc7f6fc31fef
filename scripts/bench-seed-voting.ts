// The voting part of the benchmark data: published shortlists, frozen settings, online ballots in
// the ledger (half in the round that is voting now, half over the eight past rounds), and for the
// past rounds the seal, the counted results and funded / not funded states, all computed with the
// app's own pure functions (ledger.ts, funding.ts), so the results pages show true numbers.
import { createHmac } from "node:crypto";
import type { Sql } from "postgres";
import { decideFunding } from "../app/modules/voting/funding";
import { merkleRoot, tally } from "../app/modules/voting/ledger";
import { ledgerEntryOf, ledgerRowFor } from "../app/modules/voting/ledger-rows.server";
import { freezeRoundSettings } from "../app/modules/rounds/frozen-settings";
import { BENCH, categoryId, ideaId, memberId, roundId, type BenchSizes } from "./bench-shape";

const CHUNK = 5000;

/** The app's voter reference (voting/voter-ref.server.ts): HMAC-SHA256 of round and member under SECRET_KEY. */
const voterRef = (round: string, user: string) =>
  createHmac("sha256", BENCH.secretKey).update(`ballot:${round}:${user}`).digest("hex");

export async function seedBenchVoting(sql: Sql, size: BenchSizes): Promise<void> {
  const votingRounds = BENCH.roundPhases.map((phase, k) => ({ phase, k })).filter(({ phase }) => phase !== "ideas");
  const live = votingRounds.find(({ phase }) => phase === "voting")!;
  const past = votingRounds.filter(({ phase }) => phase !== "voting");
  const ballotsFor = (k: number) =>
    k === live.k ? Math.floor(size.ballots / 2) : Math.floor(size.ballots / 2 / past.length);

  for (const { k, phase } of votingRounds) {
    const round = roundId(k);
    const shortlist: Record<string, string[]> = { [categoryId(k, 0)]: [], [categoryId(k, 1)]: [] };
    for (let n = 0; n < BENCH.shortlisted; n++) shortlist[categoryId(k, n % 2)].push(ideaId(k, n));

    await sql`
      insert into shortlist_decisions (round_id, idea_id, included, recommended, decided_at)
      select ${round}::uuid, md5('i' || ${k} || '-' || n)::uuid, n < ${BENCH.shortlisted}, n < ${BENCH.shortlisted}, now()
      from generate_series(0, ${size.proposals - 1}) as n`;
    await sql`insert into shortlist_publications (round_id, published_at) values (${round}, now())`;
    const [settings] = await sql<Array<{ pot_pence: string; max_award_pence: number; funding_rule: unknown }>>`
      select pot_pence, max_award_pence, funding_rule from rounds where id = ${round}`;
    const categories = [
      { id: categoryId(k, 0), name: "Improving care" },
      { id: categoryId(k, 1), name: "Working with communities" },
    ];
    const frozen = freezeRoundSettings(
      {
        picksPerCategory: BENCH.picks,
        allowOwnIdea: false,
        fundingRule: settings.funding_rule as never,
        potPence: Number(settings.pot_pence),
        maxAwardPence: settings.max_award_pence,
      },
      categories,
      shortlist,
    );
    await sql`update rounds set frozen_settings = ${sql.json(frozen.frozenSettings as never)}, frozen_settings_hash = ${frozen.frozenSettingsHash},
              frozen_at = voting_opens_at where id = ${round}`;

    // Ballots: member i picks three per category, skewed towards the first proposals so the
    // results have a clear order, as real votes do.
    const [{ opens }] = await sql<
      Array<{ opens: Date }>
    >`select voting_opens_at as opens from rounds where id = ${round}`;
    const count = ballotsFor(k);
    const rows: Array<Awaited<ReturnType<typeof ledgerRowFor>>> = [];
    const ballots: Array<Record<string, unknown>> = [];
    for (let b = 0; b < count; b++) {
      const member = 1 + ((b * 7 + k * 1013) % size.members);
      const picks = Object.values(shortlist).flatMap((ids) => pickThree(ids, b * 31 + k));
      const at = new Date(opens.getTime() + ((b % 13) * 24 * 3600_000) / 13 + b);
      const row = await ledgerRowFor(round, {
        voterRef: voterRef(round, memberId(member)),
        version: 1,
        picks,
        at,
        source: "online",
      });
      rows.push(row);
      ballots.push({
        round_id: round,
        voter_id: memberId(member),
        version: 1,
        idempotency_key: `bench-${k}-${b}`,
        receipt_code: row.receiptCode,
        first_cast_at: at,
        cast_at: at,
      });
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({
        round_id: r.roundId,
        voter_ref: r.voterRef,
        version: r.version,
        ref: r.ref,
        picks: r.picks,
        at: r.at,
        source: r.source,
        entry_hash: r.entryHash,
        receipt_code: r.receiptCode,
      }));
      await sql`insert into ballot_ledger ${sql(chunk)}`;
      await sql`insert into ballots ${sql(ballots.slice(i, i + CHUNK) as never)} on conflict do nothing`;
    }
    if (phase === "voting") continue;

    // A past round: sealed, counted and published.
    const entries = rows.map((r) => ledgerEntryOf({ ...r, picks: r.picks }));
    const tallies = tally(entries);
    const proposals = await sql<
      Array<{ id: string; category_id: string; title: string; submitted_at: Date; requested: number }>
    >`
      select i.id, i.category_id, i.title, i.submitted_at, (select sum(amount_pence)::int from proposal_budget_lines b where b.idea_id = i.id) as requested
      from ideas i where i.round_id = ${round} and i.state = 'shortlisted'`;
    const decision = decideFunding({
      rule: frozen.frozenSettings.fundingRule,
      potPence: frozen.frozenSettings.potPence,
      categories,
      proposals: proposals.map((p) => ({
        id: p.id,
        categoryId: p.category_id,
        title: p.title,
        votes: tallies[p.id] ?? 0,
        requestedPence: p.requested,
        calibratedScore: null,
        submittedAt: p.submitted_at,
      })),
    });
    const [{ eligible }] = await sql<
      Array<{ eligible: number }>
    >`select count(*)::int as eligible from users where membership = 'approved'`;
    await sql`insert into ledger_seals (round_id, root, entries, ballots, eligible, sealed_at)
              values (${round}, ${await merkleRoot(rows.map((r) => r.entryHash))}, ${rows.length}, ${rows.length}, ${eligible}, now() - interval '300 days')`;
    const requested = new Map(proposals.map((p) => [p.id, p.requested]));
    await sql`insert into result_lines ${sql(
      decision.outcomes.map((o) => ({
        round_id: round,
        idea_id: o.id,
        category_id: o.categoryId,
        votes: tallies[o.id] ?? 0,
        rank: o.rank,
        round_rank: o.roundRank,
        requested_pence: requested.get(o.id)!,
        submitted_at: proposals.find((p) => p.id === o.id)!.submitted_at,
        recommended_funded: o.funded,
        funded: o.funded,
        explanation: o.explanation,
      })),
    )}`;
    await sql`insert into round_results (round_id, tallies, ballots, eligible, spent_pence, computed_at, published_at, published_by_id)
              values (${round}, ${sql.json(tallies)}, ${rows.length}, ${eligible}, ${decision.spentPence}, now() - interval '300 days', now() - interval '299 days', md5('admin')::uuid)`;
    await sql`update ideas i set state = case when l.funded then 'funded' else 'not_funded' end::idea_state
              from result_lines l where l.idea_id = i.id and l.round_id = ${round}`;
  }
}

/** Three distinct proposals from a category's list, favouring the first ones. */
function pickThree(ids: string[], seed: number): string[] {
  const chosen = new Set<string>();
  let x = seed;
  while (chosen.size < BENCH.picks) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const r = x / 2 ** 31;
    chosen.add(ids[Math.floor(r * r * ids.length)]);
  }
  return [...chosen];
}
