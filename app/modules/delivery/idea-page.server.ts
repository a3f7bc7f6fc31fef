// What the idea page shows once the idea is a funded project; the route only passes it on.
import type { SessionUser } from "~/modules/accounts/sessions.server";
import { closedReason } from "~/modules/ideas/route-context.server";
import type { RoundWithLists } from "~/modules/ideas/round-lookup.server";
import { projectForIdea } from "./queries.server";

export async function projectSection(
  round: RoundWithLists,
  idea: { id: string; state: string },
  role: "lead" | "member" | null,
  user: SessionUser | null,
) {
  if (idea.state !== "funded") return null;
  const project = await projectForIdea(idea.id, Boolean(role));
  if (!project) return null;
  const closed = closedReason(round, "postUpdate", user);
  return {
    awardPence: project.awardPence,
    status: project.status,
    progress: project.progress,
    startedAt: project.startedAt.toISOString(),
    milestones: project.milestones,
    updates: project.updates.map((u) => ({
      number: u.number,
      kind: u.kind,
      title: u.title,
      bodyHtml: u.bodyHtml,
      authorName: u.authorName,
      publishedAt: u.publishedAt!.toISOString(),
      edited: u.editedAt !== null,
    })),
    drafts: project.drafts.map((u) => ({
      number: u.number,
      kind: u.kind,
      title: u.title,
      updatedAt: u.updatedAt.toISOString(),
    })),
    team: role ? { canWrite: closed === null, note: closed } : null,
  };
}

export type ProjectSectionData = NonNullable<Awaited<ReturnType<typeof projectSection>>>;
