// An idea's revisions and the diff between any two of them.
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideaRevisions, users } from "~db/schema";
import { diffIdeaText } from "./diff";

/** Revisions, oldest first. Those saved while the idea was a draft are for its team only. */
export async function revisionsOf(ideaId: string, includeDrafts: boolean) {
  return db
    .select({
      version: ideaRevisions.version,
      title: ideaRevisions.title,
      summary: ideaRevisions.summary,
      challengeMd: ideaRevisions.challengeMd,
      isPublic: ideaRevisions.isPublic,
      createdAt: ideaRevisions.createdAt,
      authorName: users.name,
      authorHandle: users.handle,
    })
    .from(ideaRevisions)
    .leftJoin(users, eq(users.id, ideaRevisions.authorId))
    .where(and(eq(ideaRevisions.ideaId, ideaId), includeDrafts ? undefined : eq(ideaRevisions.isPublic, true)))
    .orderBy(asc(ideaRevisions.version));
}

export type RevisionSummary = Awaited<ReturnType<typeof revisionsOf>>[number];

/**
 * The two revisions to compare: those asked for when they exist, otherwise the latest and the
 * one before it. The older one always comes first.
 */
export function comparison(revisions: RevisionSummary[], from?: number, to?: number) {
  if (revisions.length < 2) return null;
  const byVersion = new Map(revisions.map((r) => [r.version, r]));
  let a = from !== undefined ? byVersion.get(from) : undefined;
  let b = to !== undefined ? byVersion.get(to) : undefined;
  if (!a || !b || a.version === b.version) {
    b = revisions[revisions.length - 1];
    a = revisions[revisions.length - 2];
  }
  if (a.version > b.version) [a, b] = [b, a];
  return { from: a.version, to: b.version, fields: diffIdeaText(a, b) };
}
