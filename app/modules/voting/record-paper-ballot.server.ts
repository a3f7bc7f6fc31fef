// An admin entering one counted paper ballot from an in-person vote. Same window as online
// ballots (the round locked FOR KEY SHARE, the database clock before the close), the same
// category counts, but no ballots row and no voter: the entry stands alone in the ledger under
// its own "paper-…" reference, marked as paper, and every entry is audited. A paper voter may
// pick any shortlisted idea (nobody knows whose team they are on). The form's token decides the
// reference, so submitting the same form twice records one ballot.
import { and, count, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "~db/client";
import { ballotLedger } from "~db/schema";
import { Conflict, Forbidden, Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { validateBallot, type BallotPick } from "./ballot";
import { ballotRulesOf } from "./ballot-context.server";
import { ballotFieldErrors } from "./ballot-form";
import { ledgerRowFor } from "./ledger-rows.server";
import { paperVoterRef } from "./voter-ref.server";
import { lockVotingRound, type RoundRef } from "./voting-window.server";

export type PaperBallotInput = RoundRef & { picks: ReadonlyArray<BallotPick>; idempotencyKey: string };
export type PaperBallotResult = { receiptCode: string; repeated: boolean; paperBallots: number };

export async function recordPaperBallot(
  actor: { id: string; isAdmin: boolean },
  input: PaperBallotInput,
  options: { database?: Db } = {},
): Promise<PaperBallotResult> {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can enter paper ballots.");
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 200)
    throw new Invalid("The form has expired. Reload the page and enter the ballot again.");
  return (options.database ?? defaultDb).transaction(async (tx) => {
    const { round, at } = await lockVotingRound(tx, input);
    const rules = ballotRulesOf(round);
    if (!rules) throw new Conflict("This round's voting settings are missing, so no ballot can be recorded.");
    const check = validateBallot({ picks: input.picks, ...rules, allowOwnIdea: true, ownProposalIds: [] });
    if (!check.ok) throw new Invalid("Check the choices on the paper ballot.", ballotFieldErrors(check.errors));

    const ref = paperVoterRef(round.id, key);
    const entry = await ledgerRowFor(round.id, {
      voterRef: ref,
      version: 1,
      picks: input.picks.map((p) => p.proposalId),
      at,
      source: "paper",
    });
    const inserted = await tx
      .insert(ballotLedger)
      .values(entry)
      .onConflictDoNothing({ target: [ballotLedger.roundId, ballotLedger.voterRef, ballotLedger.version] })
      .returning({ id: ballotLedger.id });
    let receiptCode = entry.receiptCode;
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ receiptCode: ballotLedger.receiptCode })
        .from(ballotLedger)
        .where(and(eq(ballotLedger.roundId, round.id), eq(ballotLedger.voterRef, ref)));
      receiptCode = existing.receiptCode;
    } else {
      await recordAudit(
        {
          actorId: actor.id,
          action: "ballot.paper_recorded",
          subjectType: "round",
          subjectId: round.id,
          roundId: round.id,
          details: { entryHash: entry.entryHash, receiptCode, at: at.toISOString() },
        },
        tx,
      );
    }
    const [{ n }] = await tx
      .select({ n: count() })
      .from(ballotLedger)
      .where(and(eq(ballotLedger.roundId, round.id), eq(ballotLedger.source, "paper")));
    return { receiptCode, repeated: inserted.length === 0, paperBallots: n };
  });
}
