// A round in its voting phase, written straight to the database: shortlisted proposals in each
// category, the published shortlist, and the settings frozen as opening voting freezes them. For
// the voting tests and the demo's rehearsal round.
import { eq } from "drizzle-orm";
import { db } from "../../client";
import { rounds, shortlistDecisions, shortlistPublications, type NewRound } from "../../schema";
import { now } from "../../../app/lib/clock";
import { freezeRoundSettings } from "../../../app/modules/rounds/frozen-settings";
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
  leads?: (i: number) => Promise<{ id: string }>;
  proposal?: ProposalSeed;
};

export async function createVotingRound(options: VotingRoundOptions = {}) {
  counter += 1;
  const { perCategory = 4, categoryNames, ideas: texts = [], members = {}, leads, proposal, ...overrides } = options;
  const round = await createRound({ phase: "voting", picksPerCategory: 2, shortlistSize: perCategory * 2, ...(categoryNames ? { categoryNames } : {}), ...overrides });
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
        round, lead, state: "shortlisted", categoryId: category.id, members: members[i],
        ...(text ? { title: text.title, summary: text.summary, challengeMd: text.challengeMd } : {}),
        at: new Date(at.getTime() - (60 - i) * 86_400_000),
        proposal: proposal ?? { budget: [{ description: "Project lead", amountPence: 1_000_000 + i * 100_000 }] },
      });
      shortlist[category.id].push(idea.id);
      proposals.push({ ...idea, lead });
      await db.insert(shortlistDecisions).values({ roundId: round.id, ideaId: idea.id, included: true, recommended: true, decidedAt: at });
    }
  }
  await db.insert(shortlistPublications).values({ roundId: round.id, publishedAt: at });
  const frozen = freezeRoundSettings(round, round.categories, shortlist);
  const [updated] = await db.update(rounds).set({ ...frozen, frozenAt: at }).where(eq(rounds.id, round.id)).returning();
  return { round: { ...updated, categories: round.categories, topics: round.topics }, proposals, shortlist };
}
