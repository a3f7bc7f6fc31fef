// Demo rounds: 2026, whose projects are now in delivery, and 2027, open for ideas (the demo is
// set in late November 2026). Invented but realistic; later issues add ideas, panels and votes.
import { eq } from "drizzle-orm";
import { db } from "../client";
import { auditLog, rounds, roundTransitions, type Round } from "../schema";
import { freezeRoundSettings } from "../../app/modules/rounds/frozen-settings";
import type { Phase } from "../../app/modules/rounds/rules";
import { insertRound } from "./factories/rounds";

const THEME_2026 = `Health and care in the UK and Ireland is under strain, and the strain does not fall evenly. People in the most deprived areas wait longer, are diagnosed later and live shorter lives.

**Q Exchange 2026** funds practical projects, led by Q members, that narrow those gaps or that help the people who work in health and care to stay well and stay in their jobs.

We are looking for ideas that:

- start from what people and staff say is getting in the way;
- can show a difference within a year;
- share what they learn, including what did not work.`;

const THEME_2027 = `More people than ever live with one or more long-term conditions, and much of their care happens far from hospital: at home, in GP practices, in pharmacies and in community groups.

**Q Exchange 2027** asks: *how can we make care closer to home work better for the people who use it and the people who give it?*

Good ideas will:

- involve the people they affect from the start, as partners rather than subjects;
- build on what communities already do well;
- be small enough to test within a year and clear about how they would spread.

Awards are up to £30,000 per project, from a pot of £500,000. Members choose the funded projects by vote.`;

type Step = { from: Phase; to: Phase; at: string; kind: "scheduled" | "early"; reason?: string };

async function recordHistory(round: Round, adminId: string, steps: Step[]) {
  for (const step of steps) {
    const at = new Date(step.at);
    const actorId = step.kind === "early" ? adminId : null;
    await db.insert(roundTransitions).values({
      roundId: round.id,
      fromPhase: step.from,
      toPhase: step.to,
      at,
      actorId,
      reason: step.reason ?? null,
      kind: step.kind,
    });
    await db.insert(auditLog).values({
      at,
      actorId,
      action: "round.phase_changed",
      subjectType: "round",
      subjectId: round.id,
      roundId: round.id,
      details: { from: step.from, to: step.to, kind: step.kind, reason: step.reason ?? null },
    });
  }
}

async function exists(slug: string): Promise<boolean> {
  return (await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug))).length > 0;
}

/** Adds the demo rounds that are not there yet (by slug), so running it twice changes nothing. */
export async function seedDemoRounds(adminId: string): Promise<void> {
  if (!(await exists("2026"))) {
    const round = await insertRound({
      slug: "2026",
      title: "Q Exchange 2026",
      themeMd: THEME_2026,
      phase: "delivery",
      ideasOpensAt: new Date("2026-01-12T09:00:00Z"),
      proposalsOpensAt: new Date("2026-02-02T17:00:00Z"),
      shortlistingOpensAt: new Date("2026-03-02T17:00:00Z"),
      votingOpensAt: new Date("2026-04-13T08:00:00Z"), // 9:00am BST
      votingClosesAt: new Date("2026-04-27T16:00:00Z"), // 5:00pm BST
      closesAt: new Date("2027-06-30T16:00:00Z"),
      potPence: 45_000_000,
      maxAwardPence: 3_000_000,
      shortlistSize: 24,
      phaseChangedAt: new Date("2026-05-14T10:00:00Z"),
      categories: [
        {
          name: "Reducing inequalities in access to care",
          description: "Making services easier to reach for the people who need them most and use them least.",
        },
        {
          name: "Supporting the health and care workforce",
          description: "Helping staff stay well, keep learning and stay in their jobs.",
        },
      ],
      topics: ["Health inequalities", "Staff wellbeing", "Primary care", "Mental health", "Digital"],
    });
    // Voting opened, so its settings were frozen then. The shortlist was empty in this demo
    // until the panel issue seeds proposals; it then freezes again with them.
    const frozen = freezeRoundSettings(
      round,
      round.categories,
      Object.fromEntries(round.categories.map((c) => [c.id, []])),
    );
    await db
      .update(rounds)
      .set({ ...frozen, frozenAt: round.votingOpensAt })
      .where(eq(rounds.id, round.id));
    await recordHistory(round, adminId, [
      {
        from: "draft",
        to: "ideas",
        at: "2026-01-12T09:00:00Z",
        kind: "early",
        reason: "Launched on schedule at the Q community event.",
      },
      { from: "ideas", to: "proposals", at: "2026-02-02T17:00:30Z", kind: "scheduled" },
      { from: "proposals", to: "shortlisting", at: "2026-03-02T17:00:30Z", kind: "scheduled" },
      { from: "shortlisting", to: "voting", at: "2026-04-13T08:00:30Z", kind: "scheduled" },
      { from: "voting", to: "results", at: "2026-04-27T16:00:30Z", kind: "scheduled" },
      {
        from: "results",
        to: "delivery",
        at: "2026-05-14T10:00:00Z",
        kind: "early",
        reason: "Results confirmed and published.",
      },
    ]);
  }
  if (!(await exists("2027"))) {
    const round = await insertRound({
      slug: "2027",
      title: "Q Exchange 2027",
      themeMd: THEME_2027,
      phase: "ideas",
      ideasOpensAt: new Date("2026-11-16T09:00:00Z"),
      proposalsOpensAt: new Date("2026-12-18T17:00:00Z"),
      shortlistingOpensAt: new Date("2027-02-05T17:00:00Z"),
      votingOpensAt: new Date("2027-03-15T09:00:00Z"),
      votingClosesAt: new Date("2027-03-29T16:00:00Z"), // 5:00pm BST: the clocks change on 28 March
      closesAt: null,
      potPence: 50_000_000,
      maxAwardPence: 3_000_000,
      shortlistSize: 30,
      phaseChangedAt: new Date("2026-11-16T09:00:00Z"),
      categories: [
        {
          name: "Improving care for people with long-term conditions",
          description:
            "Better support for people living with diabetes, heart and lung disease, arthritis, dementia and more than one condition at once.",
        },
        {
          name: "Working with communities",
          description:
            "Projects led with community groups, carers and the voluntary sector, close to where people live.",
        },
      ],
      topics: [
        "Carers",
        "Children and young people",
        "Dementia",
        "Diabetes",
        "Digital",
        "Health inequalities",
        "Mental health",
        "Multiple long-term conditions",
        "Pharmacy",
        "Primary care",
        "Self-management",
        "Voluntary sector",
      ],
    });
    await recordHistory(round, adminId, [
      { from: "draft", to: "ideas", at: "2026-11-16T09:00:00Z", kind: "early", reason: "Opened on schedule." },
    ]);
  }
}
