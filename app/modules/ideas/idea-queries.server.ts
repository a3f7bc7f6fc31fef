// Reads for the idea's own pages. Every page starts from ideaBySlug and decides what to show.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideaInvitations,
  ideaRevisions,
  ideas,
  ideaTeamMembers,
  ideaTopics,
  proposalBudgetLines,
  proposalMilestones,
  proposals,
  roundCategories,
  roundTopics,
  supports,
  users,
} from "~db/schema";
import { ideaColumns, type IdeaRow } from "./context.server";
import { canSeeBudgetLines, canViewIdea, roleOn, type Viewer } from "./permissions";

export type TeamMember = {
  userId: string;
  role: "lead" | "member";
  name: string;
  handle: string;
  organisation: string;
  jobTitle: string | null;
  isMember: boolean;
};
export type IdeaWithTeam = IdeaRow & { categoryName: string; team: TeamMember[] };

/** The idea, its category's name and its team, or null when the viewer may not see it. */
export async function ideaBySlug(roundId: string, slug: string, viewer: Viewer): Promise<IdeaWithTeam | null> {
  const [row] = await db
    .select({ idea: ideaColumns, categoryName: roundCategories.name })
    .from(ideas)
    .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
    .where(and(eq(ideas.roundId, roundId), eq(ideas.slug, slug)));
  if (!row) return null;
  const team = await teamOf(row.idea.id);
  if (!canViewIdea(row.idea.state, viewer, team)) return null;
  return { ...row.idea, categoryName: row.categoryName, team };
}

export async function teamOf(ideaId: string): Promise<TeamMember[]> {
  const rows = await db
    .select({
      userId: ideaTeamMembers.userId,
      role: ideaTeamMembers.role,
      name: users.name,
      handle: users.handle,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      membership: users.membership,
    })
    .from(ideaTeamMembers)
    .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
    .where(eq(ideaTeamMembers.ideaId, ideaId))
    .orderBy(sql`${ideaTeamMembers.role} = 'lead' desc`, asc(ideaTeamMembers.joinedAt), asc(users.name));
  return rows.map(({ membership, ...m }) => ({ ...m, isMember: membership === "approved" }));
}

export async function topicsOf(ideaId: string) {
  return db
    .select({ id: roundTopics.id, name: roundTopics.name })
    .from(ideaTopics)
    .innerJoin(roundTopics, eq(roundTopics.id, ideaTopics.topicId))
    .where(eq(ideaTopics.ideaId, ideaId))
    .orderBy(asc(roundTopics.name));
}

/**
 * The proposal as this viewer may see it. Budget lines only for the team and admins (the panel
 * later); everyone else gets the total, summed by the database so the lines never leave it.
 */
export async function proposalFor(ideaId: string, viewer: Viewer, team: TeamMember[]) {
  const [proposal] = await db.select().from(proposals).where(eq(proposals.ideaId, ideaId));
  if (!proposal) return null;
  const milestones = await db
    .select({ title: proposalMilestones.title, targetMonth: proposalMilestones.targetMonth })
    .from(proposalMilestones)
    .where(eq(proposalMilestones.ideaId, ideaId))
    .orderBy(asc(proposalMilestones.position));
  const withLines = canSeeBudgetLines(viewer, team);
  const budgetLines = withLines
    ? await db
        .select({ description: proposalBudgetLines.description, amountPence: proposalBudgetLines.amountPence })
        .from(proposalBudgetLines)
        .where(eq(proposalBudgetLines.ideaId, ideaId))
        .orderBy(asc(proposalBudgetLines.position))
    : null;
  const budgetTotalPence = budgetLines
    ? budgetLines.reduce((sum, line) => sum + line.amountPence, 0)
    : (
        await db
          .select({ total: sql<number>`coalesce(sum(${proposalBudgetLines.amountPence}), 0)`.mapWith(Number) })
          .from(proposalBudgetLines)
          .where(eq(proposalBudgetLines.ideaId, ideaId))
      )[0].total;
  return { proposal, milestones, budgetLines, budgetTotalPence };
}

/** Everything the public idea page shows. */
export async function ideaPage(roundId: string, slug: string, viewer: Viewer) {
  const idea = await ideaBySlug(roundId, slug, viewer);
  if (!idea) return null;
  const role = roleOn(viewer, idea.team);
  const topics = await topicsOf(idea.id);
  const [supported] = viewer
    ? await db
        .select({ one: sql`1` })
        .from(supports)
        .where(and(eq(supports.ideaId, idea.id), eq(supports.userId, viewer.id)))
    : [];
  const [{ revisions }] = await db
    .select({ revisions: sql<number>`count(*)`.mapWith(Number) })
    .from(ideaRevisions)
    .where(and(eq(ideaRevisions.ideaId, idea.id), role ? undefined : eq(ideaRevisions.isPublic, true)));
  // The proposal is public once submitted; before that only the team works on it (on its own page).
  const proposal = idea.submittedAt ? await proposalFor(idea.id, viewer, idea.team) : null;
  return { idea, role, topics, supported: Boolean(supported), revisions, proposal };
}

/** Invitations nobody has answered yet, for the team page. */
export async function pendingInvitationsOf(ideaId: string) {
  return db
    .select({ id: ideaInvitations.id, email: ideaInvitations.email, createdAt: ideaInvitations.createdAt })
    .from(ideaInvitations)
    .where(and(eq(ideaInvitations.ideaId, ideaId), eq(ideaInvitations.status, "pending")))
    .orderBy(asc(ideaInvitations.createdAt));
}
