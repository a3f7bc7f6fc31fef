// The voting rehearsal round, for the browser tests and for trying the ballot in a demo: voting
// open for another 14 days, two categories with four shortlisted proposals each, two picks per
// category. It opened long before the 2027 demo round, so it is never the round "on now".
import { eq } from "drizzle-orm";
import { db } from "../client";
import { rounds, users } from "../schema";
import { now } from "../../app/lib/clock";
import { DEMO_PASSWORD } from "./demo";
import { IDEAS_2026 } from "./demo-ideas-data";
import { createUser } from "./factories";
import { createVotingRound } from "./factories/voting";

const DAY = 86_400_000;

export async function seedDemoVotingRound(slug = "vote-rehearsal"): Promise<{ roundId: string } | null> {
  if ((await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug))).length > 0) return null;
  const at = now().getTime();
  const { round } = await createVotingRound({
    slug,
    title: "Voting rehearsal round",
    themeMd: "A practice round for members: **choose, check and cast a ballot**.",
    ideasOpensAt: new Date(at - 120 * DAY),
    proposalsOpensAt: new Date(at - 90 * DAY),
    shortlistingOpensAt: new Date(at - 30 * DAY),
    votingOpensAt: new Date(at - 2 * DAY),
    votingClosesAt: new Date(at + 14 * DAY),
    closesAt: null,
    phaseChangedAt: new Date(at - 2 * DAY),
    picksPerCategory: 2,
    categoryNames: ["Better care closer to home", "Healthier workplaces"],
    perCategory: 4,
    ideas: IDEAS_2026.slice(8, 16).map((idea) => ({
      title: idea.title,
      summary: idea.summary,
      challengeMd: idea.challenge,
    })),
    leads: async (i) => {
      const email = `voting.applicant${i + 1}@demo.q-exchange.org`;
      const [existing] = await db.select().from(users).where(eq(users.email, email));
      return (
        existing ??
        createUser({
          email,
          name: `Voting applicant ${i + 1}`,
          organisation: `Rehearsal Health Board ${i + 1}`,
          password: DEMO_PASSWORD,
        })
      );
    },
  });
  return { roundId: round.id };
}
