// Following an idea. The team follows its idea without a row; an explicit unfollow is a row with
// active false, so neither commenting again nor being on the team brings the notifications back.
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { follows, ideaTeamMembers } from "~db/schema";
import { now } from "~/lib/clock";

/** Follows the idea unless the person has unfollowed it before. */
export async function autoFollow(tx: Tx, ideaId: string, userId: string): Promise<void> {
  await tx.insert(follows).values({ ideaId, userId, active: true, createdAt: now() }).onConflictDoNothing();
}

export async function setFollow(actor: { id: string }, input: { ideaId: string; follow: boolean }): Promise<void> {
  await db
    .insert(follows)
    .values({ ideaId: input.ideaId, userId: actor.id, active: input.follow, createdAt: now() })
    .onConflictDoUpdate({ target: [follows.ideaId, follows.userId], set: { active: input.follow } });
}

/** Everyone following the idea: active follows plus the team, minus anyone who unfollowed. */
export async function followersOf(executor: Tx | typeof db, ideaId: string): Promise<string[]> {
  const rows = await executor
    .select({ userId: follows.userId, active: follows.active })
    .from(follows)
    .where(eq(follows.ideaId, ideaId));
  const team = await executor
    .select({ userId: ideaTeamMembers.userId })
    .from(ideaTeamMembers)
    .where(eq(ideaTeamMembers.ideaId, ideaId));
  const out = new Set(rows.filter((r) => !r.active).map((r) => r.userId));
  const ids = new Set([...rows.filter((r) => r.active).map((r) => r.userId), ...team.map((t) => t.userId)]);
  return [...ids].filter((id) => !out.has(id));
}

export async function isFollowing(ideaId: string, userId: string): Promise<boolean> {
  return (await followersOf(db, ideaId)).includes(userId);
}

export async function unfollowed(ideaId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ active: follows.active })
    .from(follows)
    .where(and(eq(follows.ideaId, ideaId), eq(follows.userId, userId)));
  return row ? !row.active : false;
}
