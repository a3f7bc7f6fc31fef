// The start of every transaction that records a ballot: lock the round's row FOR KEY SHARE, then
// read the database clock and check that voting is open. The phase transition locks the row FOR
// UPDATE, which waits for every ballot in flight and makes every later one wait for it, so the
// ledger sealed at the close holds exactly the ballots accepted before it. The clock is the
// database's (one clock for every app server) and is read after the lock is held.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { rounds, type Round } from "~db/schema";
import { NotFound, PhaseClosed } from "~/lib/errors";
import { formatLondonDeadline } from "~/lib/time";
import { forRules } from "~/modules/rounds/model";
import { allowed, votingClosed } from "~/modules/rounds/rules";

export type RoundRef = { roundId: string } | { roundSlug: string };

// Text, so both drivers hand back the same thing: ISO 8601 UTC with milliseconds.
const DATABASE_NOW = sql<string>`to_char(date_trunc('milliseconds', clock_timestamp()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function lockVotingRound(tx: Tx, ref: RoundRef): Promise<{ round: Round; at: Date }> {
  const where = "roundId" in ref ? eq(rounds.id, ref.roundId) : eq(rounds.slug, ref.roundSlug);
  const [round] = await tx.select().from(rounds).where(where).for("key share");
  if (!round || round.phase === "draft") throw new NotFound("There is no round with this address.");
  const [clock] = await tx.select({ at: DATABASE_NOW }).from(rounds).where(eq(rounds.id, round.id));
  const at = new Date(clock.at);
  const rules = forRules(round);
  const open = allowed(rules, "vote", at);
  if (!open.ok) {
    throw new PhaseClosed(
      votingClosed(rules, at) ? `Voting closed at ${formatLondonDeadline(round.votingClosesAt)}.` : open.reason,
    );
  }
  return { round, at };
}
