// A separate process that casts ballots, like a second app server on the same PostgreSQL: the
// integration test starts two of these. Input (JSON on argv[2]): { url, voterId, roundId, ballots:
// [{ key, picks }] }. It waits for "go" on stdin so both start together, casts them all at once,
// and prints one JSON line: the receipts and whether each was a repeat.
import { closeDb, initDb } from "../../db/client";
import { castBallot } from "../../app/modules/voting/cast-ballot.server";

type Input = {
  url: string;
  voterId: string;
  roundId: string;
  ballots: Array<{ key: string; picks: Array<{ categoryId: string; proposalId: string }> }>;
};

const input = JSON.parse(process.argv[2]) as Input;
await initDb({ kind: "postgres", url: input.url, max: 10 });
const voter = { id: input.voterId };
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const results = await Promise.all(
  input.ballots.map((b) =>
    castBallot(voter, { roundId: input.roundId, picks: b.picks, idempotencyKey: b.key }).then(
      (r) => ({ key: b.key, receiptCode: r.receiptCode, repeated: r.repeated }),
      (e: Error) => ({ key: b.key, error: `${e.name}: ${e.message}` }),
    ),
  ),
);
process.stdout.write(`${JSON.stringify(results)}\n`);
await closeDb();
