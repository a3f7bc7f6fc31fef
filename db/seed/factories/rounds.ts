import { db } from "../../client";
import { roundCategories, rounds, roundTopics, type NewRound, type Round, type RoundCategory, type RoundTopic } from "../../schema";
import { now } from "../../../app/lib/clock";
import { PHASES, type Phase } from "../../../app/modules/rounds/rules";
import { defaultRubric } from "../../../app/modules/rounds/validation";

// A valid round in any phase, with a schedule that agrees with that phase at now().
const DAY = 24 * 60 * 60 * 1000;
const STEP = 21 * DAY;
let counter = 0;

/** Starts of ideas, proposals, shortlisting, voting, the close of voting and the close of the round. */
function scheduleFor(phase: Phase, at: Date) {
  // Where "now" falls: the current phase began a week ago (draft: ideas open in a week).
  const anchorIndex: Record<Phase, number> = { draft: -2 / 3, ideas: 0, proposals: 1, shortlisting: 2, voting: 3, results: 4, delivery: 5, closed: 6 };
  const start = at.getTime() - 7 * DAY - anchorIndex[phase] * STEP;
  const t = (i: number) => new Date(start + i * STEP);
  return {
    ideasOpensAt: t(0),
    proposalsOpensAt: t(1),
    shortlistingOpensAt: t(2),
    votingOpensAt: t(3),
    votingClosesAt: t(4),
    closesAt: phase === "closed" ? t(6) : null,
  };
}

export type RoundFixture = Round & { categories: RoundCategory[]; topics: RoundTopic[] };

export async function createRound(
  overrides: Partial<NewRound> & { phase?: Phase; categoryNames?: string[]; topicNames?: string[] } = {},
): Promise<RoundFixture> {
  counter += 1;
  const {
    phase = "ideas",
    categoryNames = ["Improving care", "Working together"],
    topicNames = ["Mental health", "Digital", "Workforce", "Patient safety"],
    ...rest
  } = overrides;
  if (!PHASES.includes(phase)) throw new Error(`Unknown phase ${phase}`);
  const at = now();
  const [round] = await db
    .insert(rounds)
    .values({
      slug: `round-${counter}-${Math.random().toString(36).slice(2, 7)}`,
      title: `Q Exchange round ${counter}`,
      themeMd: "Ideas that make health and care better for people.",
      themeHtml: "<p>Ideas that make health and care better for people.</p>",
      phase,
      ...scheduleFor(phase, at),
      maxAwardPence: 3_000_000,
      potPence: 45_000_000,
      picksPerCategory: 3,
      fundingRule: { kind: "topFraction", fraction: 2 / 3 },
      shortlistSize: 20,
      rubric: defaultRubric(),
      phaseChangedAt: at,
      createdAt: at,
      updatedAt: at,
      ...rest,
    })
    .returning();
  const categories = await db
    .insert(roundCategories)
    .values(categoryNames.map((name, position) => ({ roundId: round.id, position, name, description: `Ideas about ${name.toLowerCase()}.` })))
    .returning();
  const topics = topicNames.length
    ? await db.insert(roundTopics).values(topicNames.map((name) => ({ roundId: round.id, name }))).returning()
    : [];
  return { ...round, categories, topics };
}
