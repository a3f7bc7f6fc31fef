// Rounds with valid settings, straight into the database: for the demo seed and the tests.
// The admin use cases (app/modules/rounds) are tested separately; these only set the scene.
import { asc, eq } from "drizzle-orm";
import { db } from "../../client";
import { now } from "../../../app/lib/clock";
import {
  roundCategories,
  rounds,
  roundTopics,
  type NewRound,
  type Round,
  type RoundCategory,
  type RoundTopic,
} from "../../schema";
import { renderMarkdown } from "../../../app/lib/markdown.server";
import type { Phase, RoundSchedule } from "../../../app/modules/rounds/rules";
import { defaultRubric } from "../../../app/modules/rounds/validation";

const DAY = 86_400_000;
let counter = 0;

/** Days each phase lasts in a factory schedule: about what the real programme allowed. */
const LENGTHS = { ideas: 21, proposals: 28, shortlisting: 28, voting: 14 };

/** A schedule in order starting at `ideasOpensAt`, with a close a year after the vote. */
export function scheduleFrom(ideasOpensAt: Date): Required<RoundSchedule> {
  const after = (date: Date, days: number) => new Date(date.getTime() + days * DAY);
  const proposalsOpensAt = after(ideasOpensAt, LENGTHS.ideas);
  const shortlistingOpensAt = after(proposalsOpensAt, LENGTHS.proposals);
  const votingOpensAt = after(shortlistingOpensAt, LENGTHS.shortlisting);
  const votingClosesAt = after(votingOpensAt, LENGTHS.voting);
  return {
    ideasOpensAt,
    proposalsOpensAt,
    shortlistingOpensAt,
    votingOpensAt,
    votingClosesAt,
    closesAt: after(votingClosesAt, 365),
  };
}

/** A schedule in which `phase` is the one running at `now` (a week into it), by the clock. */
export function scheduleFor(phase: Phase, now: Date): Required<RoundSchedule> {
  const back = (days: number) => new Date(now.getTime() - days * DAY);
  const { ideas, proposals, shortlisting, voting } = LENGTHS;
  const start: Record<Phase, Date> = {
    draft: back(-14),
    ideas: back(7),
    proposals: back(ideas + 7),
    shortlisting: back(ideas + proposals + 7),
    voting: back(ideas + proposals + shortlisting + 7),
    results: back(ideas + proposals + shortlisting + voting + 7),
    delivery: back(ideas + proposals + shortlisting + voting + 30),
    closed: back(ideas + proposals + shortlisting + voting + 400),
  };
  return scheduleFrom(start[phase]);
}

export type RoundOverrides = Partial<NewRound> & {
  categories?: Array<string | { name: string; description?: string }>;
  topics?: string[];
};

export async function insertRound(overrides: RoundOverrides = {}): Promise<Round & { categories: RoundCategory[] }> {
  counter += 1;
  const { categories = ["Improving care", "Working with communities"], topics = [], ...rest } = overrides;
  const at = new Date();
  const themeMd = rest.themeMd ?? "Ideas that make health and care **better for everyone**.";
  const [round] = await db
    .insert(rounds)
    .values({
      slug: `round-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      title: `Test round ${counter}`,
      themeHtml: renderMarkdown(themeMd, "full"),
      phase: "draft",
      ...scheduleFrom(new Date(at.getTime() + 14 * DAY)),
      maxAwardPence: 3_000_000,
      potPence: 50_000_000,
      picksPerCategory: 3,
      allowOwnIdea: false,
      fundingRule: { kind: "topFraction", fraction: 2 / 3 },
      shortlistSize: 30,
      commentPolicy: "accounts",
      rubric: defaultRubric(),
      phaseChangedAt: at,
      createdAt: at,
      updatedAt: at,
      ...rest,
      themeMd,
    })
    .returning();
  const inserted =
    categories.length === 0
      ? []
      : await db
          .insert(roundCategories)
          .values(
            categories.map((c, position) =>
              typeof c === "string" ? { name: c, position, roundId: round.id } : { ...c, position, roundId: round.id },
            ),
          )
          .returning();
  if (topics.length > 0) await db.insert(roundTopics).values(topics.map((name) => ({ roundId: round.id, name })));
  return { ...round, categories: inserted.sort((a, b) => a.position - b.position) };
}

// ---- For the ideas tests and demo (issue 4): a round in a given phase, with its topics. ----

export type RoundFixture = Round & { categories: RoundCategory[]; topics: RoundTopic[] };

/** A round whose schedule agrees with `phase` at now(), with two categories and four topics. */
export async function createRound(
  overrides: Partial<NewRound> & { phase?: Phase; categoryNames?: string[]; topicNames?: string[] } = {},
): Promise<RoundFixture> {
  const {
    phase = "ideas",
    categoryNames = ["Improving care", "Working together"],
    topicNames = ["Mental health", "Digital", "Workforce", "Patient safety"],
    ...rest
  } = overrides;
  const round = await insertRound({
    phase,
    ...scheduleFor(phase, now()),
    categories: categoryNames,
    topics: topicNames,
    ...rest,
  });
  const topics = await db
    .select()
    .from(roundTopics)
    .where(eq(roundTopics.roundId, round.id))
    .orderBy(asc(roundTopics.name));
  return { ...round, topics };
}
