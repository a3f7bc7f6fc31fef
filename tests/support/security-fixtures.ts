// The people and rounds the security tests (access matrix, CSRF) run against: one round in each
// phase, each with a target idea (its lead and a team member), a second idea with another lead,
// and a panel (one reviewer assigned to the target, one assigned but with a declared conflict);
// plus people who exist once: an account without membership, a member, an admin, a suspended member.
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { createVotingRound } from "../../db/seed/factories/voting";
import {
  ideaInvitations,
  outbox,
  panelAssignments,
  panelConflicts,
  panelMembers,
  rounds,
  users,
  type User,
} from "../../db/schema";
import { now } from "../../app/lib/clock";
import { generateToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { createUpdate } from "../../app/modules/delivery/save-update.server";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { publishResults } from "../../app/modules/voting/publish-results.server";
import { cookieFor } from "./http";

/** The phases of a round, plus "draft-idea": a round open for ideas whose target idea is still a draft. */
export const PHASES = [
  "draft",
  "ideas",
  "draft-idea",
  "proposals",
  "shortlisting",
  "voting",
  "results",
  "delivery",
] as const;
export type MatrixPhase = (typeof PHASES)[number];

export const ROLES = [
  "visitor",
  "account",
  "member",
  "lead",
  "team",
  "otherLead",
  "reviewer",
  "conflicted",
  "admin",
  "suspended",
] as const;
export type Role = (typeof ROLES)[number];

export type PhaseScene = {
  phase: MatrixPhase;
  round: { id: string; slug: string };
  idea: { id: string; slug: string };
  other: { id: string; slug: string };
  people: Record<"lead" | "team" | "otherLead" | "reviewer" | "conflicted", User>;
  /** A published update's number (delivery only). */
  update: number | null;
};

export type Scene = {
  phases: Record<MatrixPhase, PhaseScene>;
  account: User;
  member: User;
  admin: User;
  suspended: User;
  outboxId: string;
  invitationToken: string;
};

const DAY = 86_400_000;
let people = 0;
const person = (label: string, extra: Partial<typeof users.$inferInsert> = {}) => {
  people += 1;
  return createUser({ name: `${label} ${people}`, organisation: `${label} Organisation ${people}`, ...extra });
};

async function panel(roundId: string, ideaId: string, reviewer: User, conflicted: User) {
  const at = now();
  await db.insert(panelMembers).values([
    { roundId, userId: reviewer.id, addedAt: at },
    { roundId, userId: conflicted.id, addedAt: at },
  ]);
  await db.insert(panelAssignments).values([
    { roundId, ideaId, reviewerId: reviewer.id, assignedAt: at },
    { roundId, ideaId, reviewerId: conflicted.id, assignedAt: at },
  ]);
  await db.insert(panelConflicts).values({
    roundId,
    ideaId,
    reviewerId: conflicted.id,
    kind: "declared",
    detail: "I advised this team last year.",
    createdAt: at,
  });
}

async function phaseScene(phase: MatrixPhase, admin: User): Promise<PhaseScene> {
  const lead = await person(`Lead ${phase}`);
  const team = await person(`Team ${phase}`);
  const otherLead = await person(`Other lead ${phase}`);
  const reviewer = await person(`Reviewer ${phase}`);
  const conflicted = await person(`Conflicted ${phase}`);
  let round: { id: string; slug: string; categories: { id: string }[] };
  let idea: { id: string; slug: string };
  let other: { id: string; slug: string };
  let update: number | null = null;
  const proposal = {
    milestones: [{ title: "Pilot", targetMonth: "2027-09-01" }],
    budget: [{ description: "Staff", amountPence: 1_000_000 }],
  };
  if (phase === "voting" || phase === "results" || phase === "delivery") {
    const at = now().getTime();
    const closed =
      phase === "voting"
        ? {}
        : { votingOpensAt: new Date(at - 15 * DAY), votingClosesAt: new Date(at - DAY), closesAt: null };
    const leads = [lead, otherLead];
    const scene = await createVotingRound({
      perCategory: 1,
      leads: async (i) => leads[i],
      members: { 0: [team] },
      proposal,
      ...closed,
    });
    round = scene.round;
    [idea, other] = scene.proposals;
    if (phase !== "voting") {
      // Sealed and counted by the real transition: results, for the programme team to check.
      await advanceRound(null, round.id, { kind: "scheduled", at: now() });
    }
    if (phase === "delivery") {
      // Publishing funds the proposals, starts their projects and moves the round to delivery.
      await publishResults(admin, { roundId: round.id });
      const saved = await createUpdate(lead, {
        ideaId: idea.id,
        fields: {
          kind: "update",
          title: "First month",
          bodyMd: "We ran the first workshop.",
          outcomesMd: "",
          outputLinks: [],
        },
        changes: [],
        publish: true,
      });
      update = saved.number;
    }
  } else {
    round = await createRound({ phase: phase === "draft-idea" ? "ideas" : phase });
    const state = phase === "shortlisting" ? "submitted" : phase === "draft-idea" ? "draft" : "published";
    const withProposal = state === "submitted" ? { proposal } : {};
    idea = await insertIdea({ round, lead, members: [team], state, ...withProposal });
    other = await insertIdea({
      round,
      lead: otherLead,
      state: state === "draft" ? "published" : state,
      ...withProposal,
    });
  }
  await panel(round.id, idea.id, reviewer, conflicted);
  const [row] = await db.select({ id: rounds.id, slug: rounds.slug }).from(rounds).where(eq(rounds.id, round.id));
  return {
    phase,
    round: row,
    idea: { id: idea.id, slug: idea.slug },
    other: { id: other.id, slug: other.slug },
    people: { lead, team, otherLead, reviewer, conflicted },
    update,
  };
}

export async function buildScene(): Promise<Scene> {
  const admin = await person("Admin", { isAdmin: true });
  const account = await person("Account", { membership: "none", membershipDecidedAt: null });
  const member = await person("Member");
  const suspended = await person("Suspended");
  const phases = {} as Record<MatrixPhase, PhaseScene>;
  for (const phase of PHASES) phases[phase] = await phaseScene(phase, admin);
  // Suspended after the fact: any session they still hold must count for nothing.
  await db
    .update(users)
    .set({ suspendedAt: now(), suspendedReason: "Access matrix" })
    .where(eq(users.id, suspended.id));
  const invitationToken = generateToken();
  await db.insert(ideaInvitations).values({
    ideaId: phases.ideas.idea.id,
    email: "invited@example.org",
    tokenHash: hashToken(invitationToken),
    invitedById: phases.ideas.people.lead.id,
    createdAt: now(),
  });
  const [mail] = await db.select({ id: outbox.id }).from(outbox).limit(1);
  if (!mail) throw new Error("The scene should have queued at least one email (results published).");
  const [check] = await db.select({ phase: rounds.phase }).from(rounds).where(eq(rounds.id, phases.delivery.round.id));
  if (check.phase !== "delivery") throw new Error(`The delivery round is in ${check.phase}.`);
  return { phases, account, member, admin, suspended, outboxId: String(mail.id), invitationToken };
}

/** The user id behind a role in a phase's scene; null for a visitor. */
export function userFor(scene: Scene, role: Role, phase: MatrixPhase): User | null {
  switch (role) {
    case "visitor":
      return null;
    case "account":
    case "member":
    case "admin":
    case "suspended":
      return scene[role];
    default:
      return scene.phases[phase].people[role];
  }
}

/** A fresh session cookie for the role (a new session each call, so signing out in one cell cannot spoil the next). */
export async function cookieForRole(scene: Scene, role: Role, phase: MatrixPhase): Promise<string | undefined> {
  const user = userFor(scene, role, phase);
  return user ? cookieFor(user.id) : undefined;
}
