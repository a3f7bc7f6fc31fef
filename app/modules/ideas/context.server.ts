// Helpers every ideas use case shares: lock the idea, load its round and team, ask the rules.
import { and, eq, getTableColumns } from "drizzle-orm";
import type { Tx } from "~db/client";
import { ideaRevisions, ideas, ideaTeamMembers, ideaTopics } from "~db/schema";
import { now } from "~/lib/clock";
import { Forbidden, Invalid, NotFound, PhaseClosed } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { isMember, type Person } from "~/modules/accounts/permissions";
import { allowed, type Action } from "~/modules/rounds/rules";
import { roleOn, type TeamEntry } from "./permissions";
import { findRoundById, rulesView, type RoundWithLists } from "./round-lookup.server";

export type Actor = Person & { id: string; email: string; name: string };

// Every column but the search vector, which is for the database's eyes only.
const { search: _search, ...columns } = getTableColumns(ideas);
export const ideaColumns = columns;
export type IdeaRow = Omit<typeof ideas.$inferSelect, "search">;

export type LockedIdea = { idea: IdeaRow; round: RoundWithLists; team: TeamEntry[] };

/** Locks the idea's row for the rest of the transaction, so its writes are serialised. */
export async function lockIdea(tx: Tx, ideaId: string): Promise<LockedIdea> {
  const [idea] = await tx.select(ideaColumns).from(ideas).where(eq(ideas.id, ideaId)).for("update");
  if (!idea) throw new NotFound("There is no such idea.");
  const round = await findRoundById(tx, idea.roundId);
  if (!round) throw new NotFound("There is no such round.");
  const team = await tx
    .select({ userId: ideaTeamMembers.userId, role: ideaTeamMembers.role })
    .from(ideaTeamMembers)
    .where(eq(ideaTeamMembers.ideaId, ideaId));
  return { idea, round, team };
}

/** Throws PhaseClosed with the rules' own sentence when the round does not allow the action now. */
export function assertAllowed(round: RoundWithLists, action: Action, actor?: Person): void {
  const result = allowed(rulesView(round), action, now(), { isMember: isMember(actor) });
  if (!result.ok) throw new PhaseClosed(result.reason);
}

export function assertTeam(actor: Actor, team: TeamEntry[], what = "do this"): "lead" | "member" {
  const role = roleOn(actor, team);
  if (!role) throw new Forbidden(`Only the idea's team can ${what}.`);
  return role;
}

export function assertLead(actor: Actor, team: TeamEntry[], what = "do this"): void {
  if (roleOn(actor, team) !== "lead") throw new Forbidden(`Only the idea's lead can ${what}.`);
}

/** The category and topics must be the round's own. */
export function checkCategoryAndTopics(round: RoundWithLists, categoryId: string, topicIds: string[]): void {
  const errors: Record<string, string> = {};
  if (!round.categories.some((c) => c.id === categoryId)) errors.categoryId = "Choose one of this round's categories.";
  const known = new Set(round.topics.map((t) => t.id));
  if (topicIds.some((id) => !known.has(id))) errors.topicIds = "Choose topics from this round's list.";
  if (Object.keys(errors).length > 0) throw new Invalid("Check the category and topics.", errors);
}

export async function replaceTopics(tx: Tx, ideaId: string, topicIds: string[]): Promise<void> {
  await tx.delete(ideaTopics).where(eq(ideaTopics.ideaId, ideaId));
  const unique = [...new Set(topicIds)];
  if (unique.length > 0) await tx.insert(ideaTopics).values(unique.map((topicId) => ({ ideaId, topicId })));
}

export async function topicIdsOf(tx: Tx, ideaId: string): Promise<string[]> {
  const rows = await tx.select({ id: ideaTopics.topicId }).from(ideaTopics).where(eq(ideaTopics.ideaId, ideaId));
  return rows.map((r) => r.id);
}

export type IdeaText = { title: string; summary: string; challengeMd: string };

/**
 * Saves a new version of the idea and its revision. The caller has checked the version the
 * person started from; `publish` also makes a draft public.
 */
export async function writeVersion(
  tx: Tx,
  idea: IdeaRow,
  author: { id: string },
  change: IdeaText & { categoryId?: string; publish?: boolean },
): Promise<IdeaRow> {
  const at = now();
  const publish = Boolean(change.publish) && idea.state === "draft";
  const [saved] = await tx
    .update(ideas)
    .set({
      title: change.title,
      summary: change.summary,
      challengeMd: change.challengeMd,
      challengeHtml:
        change.challengeMd === idea.challengeMd ? idea.challengeHtml : renderMarkdown(change.challengeMd, "full"),
      categoryId: change.categoryId ?? idea.categoryId,
      version: idea.version + 1,
      updatedAt: at,
      lastActivityAt: at,
      ...(publish ? { state: "published" as const, publishedAt: at } : {}),
    })
    .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
    .returning(ideaColumns);
  await tx.insert(ideaRevisions).values({
    ideaId: idea.id,
    version: saved.version,
    title: saved.title,
    summary: saved.summary,
    challengeMd: saved.challengeMd,
    isPublic: saved.state !== "draft",
    authorId: author.id,
    createdAt: at,
  });
  return saved;
}

/** The text of an earlier version, for showing what someone else changed since then. */
export async function revisionText(tx: Tx, ideaId: string, version: number): Promise<IdeaText | null> {
  const [row] = await tx
    .select({ title: ideaRevisions.title, summary: ideaRevisions.summary, challengeMd: ideaRevisions.challengeMd })
    .from(ideaRevisions)
    .where(and(eq(ideaRevisions.ideaId, ideaId), eq(ideaRevisions.version, version)));
  return row ?? null;
}
