// A member casting (or replacing) their ballot. One transaction: lock the round and check the
// close by the database clock (voting-window.server.ts), check the picks against the frozen
// rules, claim the form's idempotency key (a key seen before means "already recorded": the same
// submission again, however late, changes nothing), bump the member's one `ballots` row (its row
// lock serialises their parallel submissions, so versions have no gaps or repeats), append the
// ledger entry under the member's pseudonym, and queue the receipt email.
import { and, eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "~db/client";
import { pgErrorCode } from "~db/errors";
import { ballotLedger, ballots, ballotSubmissions, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { Conflict, Forbidden, Invalid } from "~/lib/errors";
import { formatLondonDeadline } from "~/lib/time";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { validateBallot, type BallotPick } from "./ballot";
import { ballotRulesOf, ownProposalIds } from "./ballot-context.server";
import { ballotFieldErrors } from "./ballot-form";
import { ballotReceiptEmail } from "./emails";
import { ledgerRowFor } from "./ledger-rows.server";
import { voterRef } from "./voter-ref.server";
import { lockVotingRound, type RoundRef } from "./voting-window.server";

export type CastBallotInput = RoundRef & { picks: ReadonlyArray<BallotPick>; idempotencyKey: string };
export type CastBallotResult = {
  receiptCode: string;
  version: number;
  /** Database time the ballot was accepted. */
  at: Date;
  /** True when this submission had already been recorded: nothing new was written. */
  repeated: boolean;
};

// Serialisation failures, deadlocks and unique violations are retried: the member's row lock
// makes them unlikely, and a retry sees the committed state and decides again.
const RETRYABLE = new Set(["40001", "40P01", "23505"]);
const ATTEMPTS = 4;

export async function castBallot(
  actor: { id: string },
  input: CastBallotInput,
  options: { database?: Db } = {},
): Promise<CastBallotResult> {
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 200)
    throw new Invalid("The ballot form has expired. Reload the page and choose again.");
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCast(options.database ?? defaultDb, actor.id, input, key);
    } catch (error) {
      const code = pgErrorCode(error);
      if (!code || !RETRYABLE.has(code)) throw error;
      if (attempt >= ATTEMPTS)
        throw new Conflict("Your ballot clashed with another submission and was not recorded. Please submit it again.");
    }
  }
}

async function attemptCast(
  database: Db,
  voterId: string,
  input: CastBallotInput,
  key: string,
): Promise<CastBallotResult> {
  return database.transaction(async (tx) => {
    const { round, at } = await lockVotingRound(tx, input);
    const [voter] = await tx
      .select({ name: users.name, email: users.email, membership: users.membership, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, voterId));
    if (!voter || voter.membership !== "approved" || voter.suspendedAt) {
      throw new Forbidden("Only approved members can vote. You can apply to be a member from your account page.");
    }
    const rules = ballotRulesOf(round);
    if (!rules)
      throw new Conflict(
        "This round's voting settings are missing, so no ballot can be recorded. Please tell the programme team.",
      );
    const own = await ownProposalIds(tx, voterId, rules);
    const check = validateBallot({ picks: input.picks, ...rules, ownProposalIds: own });
    if (!check.ok) throw new Invalid("Check your choices.", ballotFieldErrors(check.errors));

    // The key first: a second submission with it waits here for the first to commit, then finds it.
    const submission = and(
      eq(ballotSubmissions.roundId, round.id),
      eq(ballotSubmissions.voterId, voterId),
      eq(ballotSubmissions.idempotencyKey, key),
    );
    const claimed = await tx
      .insert(ballotSubmissions)
      .values({ roundId: round.id, voterId, idempotencyKey: key, version: 0, receiptCode: "", at })
      .onConflictDoNothing()
      .returning({ at: ballotSubmissions.at });
    if (claimed.length === 0) {
      const [seen] = await tx
        .select({
          receiptCode: ballotSubmissions.receiptCode,
          version: ballotSubmissions.version,
          at: ballotSubmissions.at,
        })
        .from(ballotSubmissions)
        .where(submission);
      return { ...seen, repeated: true };
    }

    const [bumped] = await tx
      .insert(ballots)
      .values({
        roundId: round.id,
        voterId,
        version: 1,
        idempotencyKey: key,
        receiptCode: "",
        firstCastAt: at,
        castAt: at,
      })
      .onConflictDoUpdate({
        target: [ballots.roundId, ballots.voterId],
        set: {
          version: sql`${ballots.version} + 1`,
          idempotencyKey: sql`excluded.idempotency_key`,
          castAt: sql`excluded.cast_at`,
        },
        // Belt and braces: the claimed key above already makes an equal key impossible here.
        setWhere: sql`${ballots.idempotencyKey} <> excluded.idempotency_key`,
      })
      .returning({ version: ballots.version });
    if (!bumped) throw new Conflict("This ballot form was already used. Reload the page and submit again.");
    const mine = and(eq(ballots.roundId, round.id), eq(ballots.voterId, voterId));

    const entry = await ledgerRowFor(round.id, {
      voterRef: voterRef(round.id, voterId),
      version: bumped.version,
      picks: input.picks.map((p) => p.proposalId),
      at,
      source: "online",
    });
    await tx.insert(ballotLedger).values(entry);
    await tx.update(ballots).set({ receiptCode: entry.receiptCode }).where(mine);
    await tx
      .update(ballotSubmissions)
      .set({ version: bumped.version, receiptCode: entry.receiptCode })
      .where(submission);

    const base = env().APP_URL;
    const email = ballotReceiptEmail({
      name: voter.name,
      round: round.title,
      receiptCode: entry.receiptCode,
      version: bumped.version,
      closes: formatLondonDeadline(round.votingClosesAt),
      voteLink: `${base}/rounds/${round.slug}/vote`,
      receiptLink: `${base}/rounds/${round.slug}/receipt`,
    });
    await enqueueEmail(
      {
        dedupeKey: `ballot:${round.id}:${voterId}:${bumped.version}`,
        kind: "ballot_receipt",
        to: voter.email,
        ...email,
      },
      tx,
    );
    return { receiptCode: entry.receiptCode, version: bumped.version, at, repeated: false };
  });
}
