// What the idea's pages send to the browser: only what they show, dates as ISO strings.
import type { ideaPage, IdeaWithTeam, proposalFor } from "./idea-queries.server";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function ideaView(idea: IdeaWithTeam) {
  return {
    id: idea.id,
    slug: idea.slug,
    title: idea.title,
    summary: idea.summary,
    challengeHtml: idea.challengeHtml,
    state: idea.state,
    version: idea.version,
    categoryName: idea.categoryName,
    supportCount: idea.supportCount,
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
    publishedAt: iso(idea.publishedAt),
    submittedAt: iso(idea.submittedAt),
    withdrawnAt: iso(idea.withdrawnAt),
  };
}

export function teamView(idea: IdeaWithTeam) {
  return idea.team.map((m) => ({
    userId: m.userId,
    role: m.role,
    name: m.name,
    handle: m.handle,
    organisation: m.organisation,
    jobTitle: m.jobTitle,
    isMember: m.isMember,
  }));
}

/** The proposal's public parts; `budgetLines` is present only when the viewer may see them. */
export function proposalView(p: NonNullable<Awaited<ReturnType<typeof proposalFor>>>) {
  return {
    aimsHtml: p.proposal.aimsHtml,
    deliveryHtml: p.proposal.deliveryHtml,
    learningHtml: p.proposal.learningHtml,
    contributeHtml: p.proposal.contributeHtml,
    submittedAt: iso(p.proposal.submittedAt),
    milestones: p.milestones,
    budgetTotalPence: p.budgetTotalPence,
    ...(p.budgetLines ? { budgetLines: p.budgetLines } : {}),
  };
}

export type IdeaPageData = NonNullable<Awaited<ReturnType<typeof ideaPage>>>;
