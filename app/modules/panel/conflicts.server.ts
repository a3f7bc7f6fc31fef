// Conflicts of interest, found from the data and kept in panel_conflicts so every query can join
// them: team and organisation (blocking), and engagement (supported or commented on the idea:
// flagged to the reviewer and admins, never blocking).
import { and, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db, Tx } from "~db/client";
import {
  comments,
  ideas,
  ideaTeamMembers,
  panelConflicts,
  panelMembers,
  supports,
  users,
  type ConflictKind,
} from "~db/schema";
import { now } from "~/lib/clock";
import { pairKey } from "./assignment";

/** Idea states that have a proposal the panel reviews (withdrawn ones drop out). */
export const REVIEWABLE_STATES = ["submitted", "shortlisted", "not_shortlisted", "funded", "not_funded"] as const;

/**
 * A conflict row that stops a reviewer seeing a proposal: team, declared (recused), and
 * organisation unless an admin has overridden it. Engagement is only a flag.
 */
export function blocking(): SQL {
  return or(
    inArray(panelConflicts.kind, ["team", "declared"]),
    and(eq(panelConflicts.kind, "organisation"), isNull(panelConflicts.overriddenAt)),
  )!;
}

/** SQL: true when the reviewer column has a blocking conflict with the idea column. */
export function isBlockedSql(reviewerCol: AnyColumn | SQL, ideaCol: AnyColumn | SQL): SQL {
  return sql`exists (select 1 from ${panelConflicts} where ${panelConflicts.reviewerId} = ${reviewerCol} and ${panelConflicts.ideaId} = ${ideaCol} and ${blocking()})`;
}

type Found = { ideaId: string; reviewerId: string; kind: ConflictKind; detail: string };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Finds team, organisation and engagement conflicts for every reviewer on the round's panel and
 * every reviewable proposal, and brings panel_conflicts up to date: new ones are added, ones that
 * no longer hold are removed (an organisation override is kept while the conflict still holds).
 * Declared conflicts are the reviewer's word and are never touched here.
 */
export async function refreshConflicts(tx: Tx, roundId: string): Promise<void> {
  const reviewers = await tx
    .select({ id: users.id, organisation: users.organisation })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.roundId, roundId));
  const team = await tx
    .select({ ideaId: ideas.id, userId: users.id, name: users.name, organisation: users.organisation })
    .from(ideas)
    .innerJoin(ideaTeamMembers, eq(ideaTeamMembers.ideaId, ideas.id))
    .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
    .where(and(eq(ideas.roundId, roundId), inArray(ideas.state, [...REVIEWABLE_STATES])));
  const supported =
    reviewers.length === 0
      ? []
      : await tx
          .select({ ideaId: supports.ideaId, userId: supports.userId })
          .from(supports)
          .innerJoin(ideas, eq(ideas.id, supports.ideaId))
          .where(
            and(
              eq(ideas.roundId, roundId),
              inArray(
                supports.userId,
                reviewers.map((r) => r.id),
              ),
            ),
          );

  const commented =
    reviewers.length === 0
      ? []
      : await tx
          .selectDistinct({ ideaId: comments.ideaId, userId: comments.authorId })
          .from(comments)
          .innerJoin(ideas, eq(ideas.id, comments.ideaId))
          .where(
            and(
              eq(ideas.roundId, roundId),
              inArray(
                comments.authorId,
                reviewers.map((r) => r.id),
              ),
            ),
          );

  const found = new Map<string, Found>();
  const add = (f: Found) => {
    const key = `${pairKey(f.reviewerId, f.ideaId)}:${f.kind}`;
    const before = found.get(key);
    found.set(key, before && f.kind === "engagement" ? { ...before, detail: `${before.detail} ${f.detail}` } : f);
  };
  for (const r of reviewers) {
    for (const m of team) {
      if (m.userId === r.id) add({ ideaId: m.ideaId, reviewerId: r.id, kind: "team", detail: "On the idea's team." });
      else if (norm(r.organisation) !== "" && norm(r.organisation) === norm(m.organisation)) {
        add({
          ideaId: m.ideaId,
          reviewerId: r.id,
          kind: "organisation",
          detail: `Same organisation as ${m.name} on the team: ${m.organisation}.`,
        });
      }
    }
  }
  for (const s of supported)
    add({ ideaId: s.ideaId, reviewerId: s.userId, kind: "engagement", detail: "Supported the idea." });
  for (const c of commented)
    if (c.userId) add({ ideaId: c.ideaId, reviewerId: c.userId, kind: "engagement", detail: "Commented on the idea." });

  const existing = await tx
    .select({ ideaId: panelConflicts.ideaId, reviewerId: panelConflicts.reviewerId, kind: panelConflicts.kind })
    .from(panelConflicts)
    .where(
      and(eq(panelConflicts.roundId, roundId), inArray(panelConflicts.kind, ["team", "organisation", "engagement"])),
    );
  const existingKeys = new Set(existing.map((e) => `${pairKey(e.reviewerId, e.ideaId)}:${e.kind}`));
  for (const e of existing) {
    const still = found.get(`${pairKey(e.reviewerId, e.ideaId)}:${e.kind}`);
    if (still) {
      if (e.kind === "engagement")
        await tx
          .update(panelConflicts)
          .set({ detail: still.detail })
          .where(
            and(
              eq(panelConflicts.ideaId, e.ideaId),
              eq(panelConflicts.reviewerId, e.reviewerId),
              eq(panelConflicts.kind, e.kind),
            ),
          );
      continue;
    }
    await tx
      .delete(panelConflicts)
      .where(
        and(
          eq(panelConflicts.ideaId, e.ideaId),
          eq(panelConflicts.reviewerId, e.reviewerId),
          eq(panelConflicts.kind, e.kind),
        ),
      );
  }
  const fresh = [...found.entries()]
    .filter(([key]) => !existingKeys.has(key))
    .map(([, f]) => ({ ...f, roundId, createdAt: now() }));
  if (fresh.length > 0) await tx.insert(panelConflicts).values(fresh);
}

/** Every blocked reviewer–proposal pair of the round, as pairKey strings. */
export async function blockedPairs(executor: Tx | Db, roundId: string): Promise<Set<string>> {
  const rows = await executor
    .select({ ideaId: panelConflicts.ideaId, reviewerId: panelConflicts.reviewerId })
    .from(panelConflicts)
    .where(and(eq(panelConflicts.roundId, roundId), blocking()));
  return new Set(rows.map((r) => pairKey(r.reviewerId, r.ideaId)));
}
