import { db } from "../../client";
import {
  ideaRevisions,
  ideas,
  ideaTeamMembers,
  ideaTopics,
  proposalBudgetLines,
  proposalMilestones,
  proposals,
  supports,
  type IdeaState,
} from "../../schema";
import { now } from "../../../app/lib/clock";
import { renderMarkdown } from "../../../app/lib/markdown.server";
import { ideaSlugBase } from "../../../app/modules/ideas/slug";

// Ideas written straight to the database, in any state, for tests and the demo. The use cases
// check phases and the clock; a factory must be able to build a past round's funded projects.
let counter = 0;

export type ProposalSeed = {
  aimsMd?: string;
  deliveryMd?: string;
  learningMd?: string;
  contributeMd?: string;
  milestones?: { title: string; targetMonth: string }[];
  budget?: { description: string; amountPence: number }[];
};

export type IdeaSeed = {
  round: { id: string; categories: { id: string }[] };
  lead: { id: string };
  state?: IdeaState;
  title?: string;
  summary?: string;
  challengeMd?: string;
  slug?: string;
  categoryId?: string;
  topicIds?: string[];
  members?: { id: string }[];
  supporters?: { id: string }[];
  /** A proposal: submitted when the state says so, otherwise in progress. */
  proposal?: ProposalSeed;
  /** Edits after publication, each a new public revision (the last is the current text). */
  edits?: { title?: string; summary?: string; challengeMd?: string; authorId?: string }[];
  at?: Date;
};

const SUBMITTED = new Set<IdeaState>([
  "submitted",
  "shortlisted",
  "not_shortlisted",
  "funded",
  "not_funded",
  "withdrawn",
]);

export async function insertIdea(seed: IdeaSeed) {
  counter += 1;
  const at = seed.at ?? now();
  const state = seed.state ?? "published";
  const first = {
    title: seed.title ?? `Idea number ${counter}`,
    summary: seed.summary ?? `A one-line summary of idea ${counter}.`,
    challengeMd: seed.challengeMd ?? `The challenge behind idea ${counter}, and how it connects to the theme.`,
  };
  const edits = seed.edits ?? [];
  let current = { ...first };
  const texts = [first];
  for (const edit of edits) {
    current = { ...current, ...edit };
    texts.push(current);
  }
  const submitted = SUBMITTED.has(state) && seed.proposal ? at : null;
  const [idea] = await db
    .insert(ideas)
    .values({
      roundId: seed.round.id,
      categoryId: seed.categoryId ?? seed.round.categories[counter % seed.round.categories.length].id,
      slug: seed.slug ?? `${ideaSlugBase(first.title)}-${counter}`,
      ...current,
      challengeHtml: renderMarkdown(current.challengeMd, "full"),
      state,
      version: texts.length,
      leadId: seed.lead.id,
      supportCount: seed.supporters?.length ?? 0,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      publishedAt: state === "draft" ? null : at,
      submittedAt: submitted,
      withdrawnAt: state === "withdrawn" ? at : null,
    })
    .returning();
  await db
    .insert(ideaTeamMembers)
    .values([
      { ideaId: idea.id, userId: seed.lead.id, role: "lead" as const, joinedAt: at },
      ...(seed.members ?? []).map((m) => ({ ideaId: idea.id, userId: m.id, role: "member" as const, joinedAt: at })),
    ]);
  if (seed.topicIds?.length)
    await db.insert(ideaTopics).values(seed.topicIds.map((topicId) => ({ ideaId: idea.id, topicId })));
  await db.insert(ideaRevisions).values(
    texts.map((text, i) => ({
      ideaId: idea.id,
      version: i + 1,
      ...text,
      isPublic: state !== "draft",
      authorId: (i > 0 ? edits[i - 1].authorId : undefined) ?? seed.lead.id,
      createdAt: new Date(at.getTime() + i * 60_000),
    })),
  );
  if (seed.supporters?.length)
    await db.insert(supports).values(seed.supporters.map((s) => ({ ideaId: idea.id, userId: s.id, createdAt: at })));
  if (seed.proposal) await insertProposal(idea.id, seed.proposal, at, submitted);
  return idea;
}

export const COMPLETE_PROPOSAL: Required<ProposalSeed> = {
  aimsMd: "Fewer missed appointments and a calmer waiting room.",
  deliveryMd: "A six-month pilot in two clinics, run by the team with patients.",
  learningMd: "Monthly blog posts and an open toolkit at the end.",
  contributeMd: "Tell us how your clinic books appointments.",
  milestones: [{ title: "Pilot starts", targetMonth: "2027-09-01" }],
  budget: [
    { description: "Project coordinator (part time)", amountPence: 1_500_000 },
    { description: "Patient involvement vouchers", amountPence: 250_000 },
  ],
};

export async function insertProposal(ideaId: string, seed: ProposalSeed, at: Date, submittedAt: Date | null = null) {
  const text = { ...COMPLETE_PROPOSAL, ...seed };
  const html = (md: string) => (md ? renderMarkdown(md, "full") : "");
  await db.insert(proposals).values({
    ideaId,
    aimsMd: text.aimsMd,
    aimsHtml: html(text.aimsMd),
    deliveryMd: text.deliveryMd,
    deliveryHtml: html(text.deliveryMd),
    learningMd: text.learningMd,
    learningHtml: html(text.learningMd),
    contributeMd: text.contributeMd,
    contributeHtml: html(text.contributeMd),
    createdAt: at,
    updatedAt: at,
    submittedAt,
  });
  if (text.milestones.length)
    await db.insert(proposalMilestones).values(text.milestones.map((m, position) => ({ ideaId, ...m, position })));
  if (text.budget.length)
    await db.insert(proposalBudgetLines).values(text.budget.map((b, position) => ({ ideaId, ...b, position })));
}
