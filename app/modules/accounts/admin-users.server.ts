// Reads for /admin/users: the searchable list and one person's page.
import { and, asc, count, desc, eq, exists, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/client";
import { ideaTeamMembers, panelMembers, rounds, users } from "~db/schema";

import { MEMBERSHIP_FILTERS, ROLE_FILTERS } from "./admin-filters";

export type UserFilters = {
  q?: string;
  membership?: (typeof MEMBERSHIP_FILTERS)[number];
  role?: (typeof ROLE_FILTERS)[number];
};

/** LIKE wildcards typed by the admin are matched literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(filters: UserFilters): SQL | undefined {
  const parts: SQL[] = [isNull(users.deletedAt)];
  const q = filters.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    parts.push(or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.organisation, pattern))!);
  }
  if (filters.membership) parts.push(eq(users.membership, filters.membership));
  if (filters.role === "admin") parts.push(eq(users.isAdmin, true));
  if (filters.role === "suspended") parts.push(isNotNull(users.suspendedAt));
  if (filters.role === "reviewer") {
    parts.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(panelMembers)
          .where(eq(panelMembers.userId, users.id)),
      ),
    );
  }
  return and(...parts);
}

export async function listUsers(filters: UserFilters, page: number, pageSize: number) {
  const where = conditions(filters);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        organisation: users.organisation,
        membership: users.membership,
        isAdmin: users.isAdmin,
        suspendedAt: users.suspendedAt,
        createdAt: users.createdAt,
        panels: sql<number>`(select count(*) from ${panelMembers} where ${panelMembers.userId} = ${users.id})`.mapWith(
          Number,
        ),
      })
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

/** One person as the programme team sees them, with the panels they sit on. */
export async function getUserForAdmin(userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      handle: users.handle,
      emailVerifiedAt: users.emailVerifiedAt,
      membership: users.membership,
      membershipRequestedAt: users.membershipRequestedAt,
      membershipDecidedAt: users.membershipDecidedAt,
      isAdmin: users.isAdmin,
      suspendedAt: users.suspendedAt,
      suspendedReason: users.suspendedReason,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user) return null;
  const [panels, [{ ideas }]] = await Promise.all([
    db
      .select({ slug: rounds.slug, title: rounds.title, isChair: panelMembers.isChair })
      .from(panelMembers)
      .innerJoin(rounds, eq(rounds.id, panelMembers.roundId))
      .where(eq(panelMembers.userId, userId))
      .orderBy(desc(rounds.ideasOpensAt)),
    db.select({ ideas: count() }).from(ideaTeamMembers).where(eq(ideaTeamMembers.userId, userId)),
  ]);
  return { ...user, panels, ideas };
}
