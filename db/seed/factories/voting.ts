// Voting scenes written straight to the database: a round in its voting phase (shortlisted
// proposals in each category, the published shortlist, the settings frozen as opening voting
// freezes them), and ledger entries built by ledgerRowFor, the mapping the ballot use case uses.
// For the voting and results tests and the demo; casting ballots is tested through its use case.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../client";
import {
  ballotLedger,
  rounds,
  shortlistDecisions,
  shortlistPublications,
  type NewRound,
  type User,
} from "../../schema";
import { now } from "../../../app/lib/clock";
import { freezeRoundSettings } from "../../../app/modules/rounds/frozen-settings";
import type { LedgerSource } from "../../../app/modules/voting/ledger";
import { ledgerRowFor } from "../../../app/modules/voting/ledger-rows.server";
import { createUser } from "../factories";
import { insertIdea, type ProposalSeed } from "./ideas";
import { createRound } from "./rounds";

let counter = 0;

export type VotingRoundOptions = Partial<NewRound> & {
  /** Shortlisted proposals in each category (default 4). */
  perCategory?: number;
  categoryNames?: string[];
  /** Titles and summaries for the proposals, used in order; generated when missing. */
  ideas?: { title: string; summary: string; challengeMd?: string }[];
  /** Extra team members per proposal index (e.g. to make a voter part of a team). */
  members?: Record<number, { id: string }[]>;
  leads?: (i: number) => Promise<User>;
  proposal?: ProposalSeed;
  /** Every proposal asks for this much (a one-line budget); otherwise amounts rise with the index. */
  requestedPence?: number;
};

export async function createVotingRound(options: VotingRoundOptions = {}) {
  counter += 1;
  const {
    perCategory = 4,
    categoryNames,
    ideas: texts = [],
    members = {},
    leads,
    proposal,
    requestedPence,
    ...overrides
  } = options;
  const round = await createRound({
    phase: "voting",
    picksPerCategory: 2,
    shortlistSize: perCategory * 2,
    ...(categoryNames ? { categoryNames } : {}),
    ...overrides,
  });
  const at = now();
  const shortlist: Record<string, string[]> = {};
  const proposals = [];
  let i = 0;
  for (const category of round.categories) {
    shortlist[category.id] = [];
    for (let j = 0; j < perCategory; j++, i++) {
      const lead = leads ? await leads(i) : await createUser({ organisation: `Voting Trust ${counter}-${i + 1}` });
      const text = texts[i];
      const idea = await insertIdea({
        round,
        lead,
        state: "shortlisted",
        categoryId: category.id,
        members: members[i],
        ...(text ? { title: text.title, summary: text.summary, challengeMd: text.challengeMd } : {}),
        at: new Date(at.getTime() - (60 - i) * 86_400_000),
        proposal: proposal ?? {
          budget: [{ description: "Project lead", amountPence: requestedPence ?? 1_000_000 + i * 100_000 }],
        },
      });
      shortlist[category.id].push(idea.id);
      proposals.push({ ...idea, lead });
      await db
        .insert(shortlistDecisions)
        .values({ roundId: round.id, ideaId: idea.id, included: true, recommended: true, decidedAt: at });
    }
  }
  await db.insert(shortlistPublications).values({ roundId: round.id, publishedAt: at });
  const frozen = freezeRoundSettings(round, round.categories, shortlist);
  const [updated] = await db
    .update(rounds)
    .set({ ...frozen, frozenAt: at })
    .where(eq(rounds.id, round.id))
    .returning();
  return { round: { ...updated, categories: round.categories, topics: round.topics }, proposals, shortlist };
}

export type LedgerSeed = {
  voterRef?: string;
  version?: number;
  picks: ReadonlyArray<string>;
  at?: Date;
  source?: LedgerSource;
};

/** A random voter reference shaped like the HMAC one (64 hex characters). */
export const randomVoterRef = () => randomBytes(32).toString("hex");

/** Inserts ledger entries for a round; `at` is truncated to milliseconds as the use case stores it. */
export async function insertLedgerEntries(roundId: string, seeds: ReadonlyArray<LedgerSeed>) {
  if (seeds.length === 0) return [];
  const rows = await Promise.all(
    seeds.map((s) =>
      ledgerRowFor(roundId, {
        voterRef: s.voterRef ?? randomVoterRef(),
        version: s.version ?? 1,
        picks: s.picks,
        at: new Date(Math.floor((s.at ?? now()).getTime())),
        source: s.source ?? "online",
      }),
    ),
  );
  return db.insert(ballotLedger).values(rows).returning();
}
