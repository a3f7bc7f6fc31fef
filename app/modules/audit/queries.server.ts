// Reads for /admin/audit: the log newest first, filtered, a page at a time (offset pagination on
// the (at, id) order, which the audit_log_at_idx index serves).
import { and, asc, count, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/client";
import { auditLog, comments, ideas, rounds, users } from "~db/schema";

export type AuditFilters = {
  /** A person's id, or part of their name or email address. */
  actor?: string;
  action?: string;
  roundId?: string;
  /** Instants: from inclusive, to exclusive (the route turns London dates into them). */
  from?: Date;
  to?: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(filters: AuditFilters): SQL | undefined {
  const parts: SQL[] = [];
  const actor = filters.actor?.trim();
  if (actor) {
    if (UUID.test(actor)) parts.push(eq(auditLog.actorId, actor.toLowerCase()));
    else {
      const pattern = likePattern(actor);
      parts.push(
        sql`${auditLog.actorId} in (select ${users.id} from ${users} where ${or(ilike(users.name, pattern), ilike(users.email, pattern))})`,
      );
    }
  }
  if (filters.action) parts.push(eq(auditLog.action, filters.action));
  if (filters.roundId) parts.push(eq(auditLog.roundId, filters.roundId));
  if (filters.from) parts.push(gte(auditLog.at, filters.from));
  if (filters.to) parts.push(lt(auditLog.at, filters.to));
  return parts.length ? and(...parts) : undefined;
}

const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

export async function listAudit(filters: AuditFilters, page: number, pageSize: number) {
  const where = conditions(filters);
  // Subjects with a page of their own: a person, a round, an idea (or the idea a comment is on).
  // The subject id is text; it is compared as a uuid (only when it is one) so that each row's
  // lookup uses the primary key instead of casting every id of users or comments to text.
  const subjectAs = (type: string) =>
    sql`case when ${auditLog.subjectType} = ${type} and ${auditLog.subjectId} ~* ${UUID_PATTERN} then ${auditLog.subjectId}::uuid end`;
  const subjectUser = sql<
    string | null
  >`(select ${users.id}::text from ${users} where ${users.id} = ${subjectAs("user")} and ${isNull(users.deletedAt)})`;
  const subjectUserName = sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${subjectAs("user")})`;
  const ideaId = sql`coalesce(${subjectAs("idea")}, (select ${comments.ideaId} from ${comments} where ${comments.id} = ${subjectAs("comment")}))`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorId: auditLog.actorId,
        actorName: users.name,
        actorDeleted: users.deletedAt,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        details: auditLog.details,
        roundSlug: rounds.slug,
        roundTitle: rounds.title,
        subjectUserId: subjectUser,
        subjectUserName,
        idea: sql<{
          slug: string;
          title: string;
          roundSlug: string;
        } | null>`(select json_build_object('slug', i.slug, 'title', i.title, 'roundSlug', r.slug)
          from ${ideas} i join ${rounds} r on r.id = i.round_id where i.id = ${ideaId})`,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(rounds, eq(rounds.id, auditLog.roundId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total };
}

/** The distinct actions recorded so far, for the filter's select. */
export async function auditActions(): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}
