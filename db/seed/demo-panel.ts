// The demo panel for a round with submitted proposals: six reviewers (the first is the chair, the
// last shares an organisation with one team, so the conflict shows), every proposal given K
// reviewers by the real use case, submitted scores from three reviewers, a draft, and a declared
// conflict. Reviews are written straight to the database, so this works in any phase.
import { and, asc, eq } from "drizzle-orm";
import { db } from "../client";
import {
  ideas,
  ideaTeamMembers,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  rounds,
  users,
} from "../schema";
import { now } from "../../app/lib/clock";
import { assignAll } from "../../app/modules/panel/manage-panel.server";
import { DEMO_PASSWORD } from "./demo";
import { IDEAS_2026 } from "./demo-ideas-data";
import { createUser } from "./factories";
import { insertIdea } from "./factories/ideas";
import { insertRound } from "./factories/rounds";

const REVIEWERS = [
  ["Dr Aisha Rahman", "Health Foundation", "Panel chair"],
  ["Gareth Lloyd", "Cardiff and Vale University Health Board", "Quality improvement lead"],
  ["Siobhan Kelly", "Belfast Health and Social Care Trust", "Nurse consultant"],
  ["Ravi Menon", "NHS England", "Programme director"],
  ["Joanna Fraser", "NHS Lothian", "Public health registrar"],
] as const;

export type DemoPanel = {
  reviewers: { email: string; name: string }[];
  loads: Record<string, number>;
  shortfalls: number;
};

export async function seedDemoPanel(
  roundId: string,
  adminId: string,
  options: { k?: number } = {},
): Promise<DemoPanel> {
  const k = options.k ?? 3;
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw new Error("seedDemoPanel: no such round");
  const proposals = await db
    .select({ id: ideas.id })
    .from(ideas)
    .where(and(eq(ideas.roundId, roundId), eq(ideas.state, "submitted")))
    .orderBy(asc(ideas.title));
  // The sixth reviewer works where the first proposal's lead works: an organisation conflict.
  const [firstLead] = proposals.length
    ? await db
        .select({ organisation: users.organisation })
        .from(ideaTeamMembers)
        .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
        .where(and(eq(ideaTeamMembers.ideaId, proposals[0].id), eq(ideaTeamMembers.role, "lead")))
    : [];
  const people = [...REVIEWERS, ["Owen Price", firstLead?.organisation ?? "NHS Wales", "Service manager"] as const];
  const reviewers = [];
  for (const [i, [name, organisation, jobTitle]] of people.entries()) {
    const email = `reviewer${i + 1}@demo.q-exchange.org`;
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    const user =
      existing ??
      (await createUser({
        email,
        name,
        organisation,
        jobTitle,
        membership: "none",
        membershipDecidedAt: null,
        password: DEMO_PASSWORD,
      }));
    await db
      .insert(panelMembers)
      .values({ roundId, userId: user.id, isChair: i === 0, addedAt: now() })
      .onConflictDoNothing();
    reviewers.push(user);
  }
  const plan = await assignAll({ id: adminId, isAdmin: true }, { roundId, k });

  // Scores: reviewers 1–3 submit every review (reviewer 2 is harsh, 3 generous: calibration has
  // something to do); reviewer 4 has one draft; reviewer 5 declares a conflict on their first.
  const criteria = round.rubric.length;
  const at = now();
  for (const [r, reviewer] of reviewers.entries()) {
    const mine = await db
      .select({ ideaId: panelAssignments.ideaId })
      .from(panelAssignments)
      .where(and(eq(panelAssignments.roundId, roundId), eq(panelAssignments.reviewerId, reviewer.id)))
      .orderBy(asc(panelAssignments.ideaId));
    for (const [j, { ideaId }] of mine.entries()) {
      const p = proposals.findIndex((x) => x.id === ideaId);
      if (r <= 2) {
        const base = 1 + ((p * 7 + 3) % 5); // the proposal's "true" quality, 1–5
        const scores = Array.from({ length: criteria }, (_, c) => ({
          criterionId: String(c),
          score: Math.min(5, Math.max(1, base + (r === 1 ? -1 : r === 2 ? 1 : 0) + ((c + p) % 3 === 0 ? -1 : 0))),
        }));
        await db
          .insert(panelReviews)
          .values({
            roundId,
            ideaId,
            reviewerId: reviewer.id,
            scores,
            status: "submitted",
            submittedAt: at,
            createdAt: at,
            updatedAt: at,
            panelComment:
              base >= 4
                ? "Clear plan, realistic budget, good evidence of need."
                : "The need is real but the delivery plan is thin.",
            applicantFeedback:
              base >= 4
                ? "A strong, well-costed proposal."
                : "Say more about how you will deliver and measure the change.",
          })
          .onConflictDoNothing();
      } else if (r === 3 && j === 0) {
        await db
          .insert(panelReviews)
          .values({
            roundId,
            ideaId,
            reviewerId: reviewer.id,
            scores: [{ criterionId: "0", score: 4 }],
            panelComment: "Half way through.",
            createdAt: at,
            updatedAt: at,
          })
          .onConflictDoNothing();
      } else if (r === 4 && j === 0) {
        await db
          .insert(panelConflicts)
          .values({
            roundId,
            ideaId,
            reviewerId: reviewer.id,
            kind: "declared",
            detail: "I advised this team on an earlier bid.",
            createdAt: at,
          })
          .onConflictDoNothing();
      }
    }
  }
  return {
    reviewers: reviewers.map((r) => ({ email: r.email, name: r.name })),
    loads: Object.fromEntries(reviewers.map((r) => [r.name, plan.loads[r.id] ?? 0])),
    shortfalls: plan.shortfalls.length,
  };
}

const DAY = 86_400_000;

/**
 * A round in its shortlisting phase with eight submitted proposals and the demo panel: for the
 * browser tests and for trying the panel in a demo (the 2027 demo round is still taking ideas).
 * Its dates are relative to now so it stays in shortlisting; it opened before 2027, so it is
 * never the round "on now".
 */
export async function seedDemoPanelRound(
  adminId: string,
  slug = "panel-rehearsal",
): Promise<{ roundId: string; panel: DemoPanel }> {
  const at = now().getTime();
  const round = await insertRound({
    slug,
    title: "Panel rehearsal round",
    themeMd: "A practice round for the panel: **score, calibrate and shortlist**.",
    phase: "shortlisting",
    ideasOpensAt: new Date(at - 90 * DAY),
    proposalsOpensAt: new Date(at - 60 * DAY),
    shortlistingOpensAt: new Date(at - 7 * DAY),
    votingOpensAt: new Date(at + 30 * DAY),
    votingClosesAt: new Date(at + 44 * DAY),
    closesAt: null,
    shortlistSize: 4,
    picksPerCategory: 1,
    phaseChangedAt: new Date(at - 7 * DAY),
    categories: [
      { name: "Better care closer to home", description: "Care in the community and at home." },
      { name: "Healthier workplaces", description: "Staff wellbeing and retention." },
    ],
  });
  for (const [i, idea] of IDEAS_2026.slice(0, 8).entries()) {
    const email = `rehearsal.applicant${i + 1}@demo.q-exchange.org`;
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    const lead =
      existing ??
      (await createUser({
        email,
        name: `Applicant ${i + 1}`,
        organisation: `Rehearsal Trust ${i + 1}`,
        password: DEMO_PASSWORD,
      }));
    await insertIdea({
      round,
      lead,
      state: "submitted",
      title: idea.title,
      summary: idea.summary,
      challengeMd: idea.challenge,
      categoryId: round.categories[i % 2].id,
      at: new Date(at - (70 - i) * DAY),
      proposal: {
        aimsMd: `We aim to show that ${idea.summary.charAt(0).toLowerCase()}${idea.summary.slice(1)}`,
        deliveryMd: "A project lead two days a week and a steering group with patients.",
        learningMd: "Monthly blog posts and an open webinar at the end.",
        contributeMd: "Join our steering group.",
        milestones: [{ title: "Pilot starts", targetMonth: "2027-09-01" }],
        budget: [
          { description: "Project lead (0.4 whole-time equivalent)", amountPence: 1_200_000 },
          { description: "Patient involvement payments", amountPence: 250_000 },
        ],
      },
    });
  }
  return { roundId: round.id, panel: await seedDemoPanel(round.id, adminId, { k: 3 }) };
}
