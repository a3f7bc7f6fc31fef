// Reads for the delivery pages. Drafts never leave here except to their own team.
import { and, asc, desc, eq, exists, sql, type SQL } from "drizzle-orm";
import { db } from "~db/client";
import {
  ideas,
  ideaTopics,
  projectMilestones,
  projects,
  projectUpdates,
  roundCategories,
  rounds,
  roundTopics,
  updateMilestoneChanges,
  users,
} from "~db/schema";
import { now } from "~/lib/clock";
import { isOverdue, projectProgress } from "./milestones";
import type { ProjectListParams } from "./list-params";

export const PROJECTS_PAGE_SIZE = 20;
export const UPDATES_PAGE_SIZE = 20;

const published = eq(projectUpdates.status, "published");

export async function milestonesOf(projectId: string) {
  const rows = await db
    .select()
    .from(projectMilestones)
    .where(eq(projectMilestones.projectId, projectId))
    .orderBy(asc(projectMilestones.position), asc(projectMilestones.dueMonth));
  const at = now();
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    dueMonth: m.dueMonth,
    status: m.status,
    progress: m.progress,
    dropReason: m.dropReason,
    overdue: isOverdue(m, at),
  }));
}

/** The project section of the idea page, or null when the idea is not a project. Drafts only for the team. */
export async function projectForIdea(ideaId: string, isTeam: boolean) {
  const [project] = await db.select().from(projects).where(eq(projects.ideaId, ideaId));
  if (!project) return null;
  const milestones = await milestonesOf(project.id);
  const updates = await db
    .select({
      number: projectUpdates.number,
      kind: projectUpdates.kind,
      status: projectUpdates.status,
      title: projectUpdates.title,
      bodyHtml: projectUpdates.bodyHtml,
      publishedAt: projectUpdates.publishedAt,
      editedAt: projectUpdates.editedAt,
      updatedAt: projectUpdates.updatedAt,
      authorName: users.name,
    })
    .from(projectUpdates)
    .leftJoin(users, eq(users.id, projectUpdates.authorId))
    .where(and(eq(projectUpdates.projectId, project.id), isTeam ? undefined : published))
    .orderBy(sql`${projectUpdates.publishedAt} desc nulls first`, desc(projectUpdates.number));
  return {
    id: project.id,
    awardPence: project.awardPence,
    status: project.status,
    startedAt: project.startedAt,
    lastUpdateAt: project.lastUpdateAt,
    progress: projectProgress(milestones),
    milestones,
    updates: updates.filter((u) => u.status === "published"),
    drafts: updates.filter((u) => u.status === "draft"),
  };
}

/** One update of the project, with the milestone changes published with it; a draft only for the team. */
export async function updateOf(ideaId: string, number: number, isTeam: boolean) {
  const [row] = await db
    .select({ update: projectUpdates, authorName: users.name, authorHandle: users.handle })
    .from(projectUpdates)
    .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
    .leftJoin(users, eq(users.id, projectUpdates.authorId))
    .where(and(eq(projects.ideaId, ideaId), eq(projectUpdates.number, number)));
  if (!row || (row.update.status === "draft" && !isTeam)) return null;
  const changes = await db
    .select({
      milestoneId: updateMilestoneChanges.milestoneId,
      title: projectMilestones.title,
      fromStatus: updateMilestoneChanges.fromStatus,
      toStatus: updateMilestoneChanges.toStatus,
      fromProgress: updateMilestoneChanges.fromProgress,
      toProgress: updateMilestoneChanges.toProgress,
      dropReason: updateMilestoneChanges.dropReason,
    })
    .from(updateMilestoneChanges)
    .innerJoin(projectMilestones, eq(projectMilestones.id, updateMilestoneChanges.milestoneId))
    .where(eq(updateMilestoneChanges.updateId, row.update.id))
    .orderBy(asc(projectMilestones.position));
  const { search: _search, ...update } = row.update;
  return { ...update, authorName: row.authorName, authorHandle: row.authorHandle, changes };
}

/** Filter options for /projects: the rounds, categories and topics that have projects. */
export async function projectFilterOptions() {
  const roundRows = await db
    .selectDistinct({ slug: rounds.slug, title: rounds.title })
    .from(projects)
    .innerJoin(rounds, eq(rounds.id, projects.roundId))
    .orderBy(desc(rounds.slug));
  const categoryRows = await db
    .selectDistinct({ name: roundCategories.name })
    .from(projects)
    .innerJoin(ideas, eq(ideas.id, projects.ideaId))
    .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
    .orderBy(asc(roundCategories.name));
  const topicRows = await db
    .selectDistinct({ name: roundTopics.name })
    .from(projects)
    .innerJoin(ideaTopics, eq(ideaTopics.ideaId, projects.ideaId))
    .innerJoin(roundTopics, eq(roundTopics.id, ideaTopics.topicId))
    .orderBy(asc(roundTopics.name));
  return { rounds: roundRows, categories: categoryRows.map((c) => c.name), topics: topicRows.map((t) => t.name) };
}

const finalReport = () =>
  exists(
    db
      .select({ one: sql`1` })
      .from(projectUpdates)
      .where(and(eq(projectUpdates.projectId, projects.id), published, eq(projectUpdates.kind, "final_report"))),
  );

/** Every project, searched over the idea and its published updates, filtered, sorted, one page. */
export async function listProjects(params: ProjectListParams) {
  const query = params.q ? sql`websearch_to_tsquery('english', ${params.q})` : null;
  const updateMatch = query
    ? sql`exists (select 1 from ${projectUpdates} where ${projectUpdates.projectId} = ${projects.id} and ${projectUpdates.status} = 'published' and ${projectUpdates.search} @@ ${query})`
    : null;
  const conditions: (SQL | undefined)[] = [
    query ? sql`(${ideas.search} @@ ${query} or ${updateMatch})` : undefined,
    params.round ? eq(rounds.slug, params.round) : undefined,
    params.category ? eq(roundCategories.name, params.category) : undefined,
    params.topic
      ? exists(
          db
            .select({ one: sql`1` })
            .from(ideaTopics)
            .innerJoin(roundTopics, eq(roundTopics.id, ideaTopics.topicId))
            .where(and(eq(ideaTopics.ideaId, ideas.id), eq(roundTopics.name, params.topic))),
        )
      : undefined,
    params.status ? eq(projects.status, params.status as "in_progress" | "completed") : undefined,
    params.report ? finalReport() : undefined,
  ];
  const tiebreak = [asc(ideas.title), asc(projects.id)];
  const order: SQL[] =
    params.sort === "relevance" && query
      ? [sql`ts_rank(${ideas.search}, ${query}) + (case when ${updateMatch} then 0.1 else 0 end) desc`, ...tiebreak]
      : params.sort === "newest"
        ? [desc(projects.startedAt), ...tiebreak]
        : params.sort === "award"
          ? [desc(projects.awardPence), ...tiebreak]
          : params.sort === "title"
            ? tiebreak
            : [sql`${projects.lastUpdateAt} desc nulls last`, ...tiebreak];
  const rows = await db
    .select({
      id: projects.id,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      ideaSlug: ideas.slug,
      title: ideas.title,
      summary: ideas.summary,
      categoryName: roundCategories.name,
      leadName: users.name,
      status: projects.status,
      awardPence: projects.awardPence,
      lastUpdateAt: projects.lastUpdateAt,
      hasFinalReport: sql<boolean>`${finalReport()}`,
      updateCount:
        sql<number>`(select count(*) from ${projectUpdates} where ${projectUpdates.projectId} = ${projects.id} and ${projectUpdates.status} = 'published')`.mapWith(
          Number,
        ),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(projects)
    .innerJoin(ideas, eq(ideas.id, projects.ideaId))
    .innerJoin(rounds, eq(rounds.id, projects.roundId))
    .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
    .innerJoin(users, eq(users.id, ideas.leadId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(PROJECTS_PAGE_SIZE)
    .offset((params.page - 1) * PROJECTS_PAGE_SIZE);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && params.page > 1) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(projects)
      .innerJoin(ideas, eq(ideas.id, projects.ideaId))
      .innerJoin(rounds, eq(rounds.id, projects.roundId))
      .innerJoin(roundCategories, eq(roundCategories.id, ideas.categoryId))
      .where(and(...conditions));
    total = row.n;
  }
  return {
    items: rows.map(({ total: _t, ...row }) => ({ ...row, hasFinalReport: Boolean(row.hasFinalReport) })),
    total,
  };
}

export type UpdateScope = { roundId?: string; ideaId?: string };

/** Published updates, newest first, across all projects or one round's or one project's. */
export async function publishedUpdates(scope: UpdateScope, limit: number, offset = 0) {
  const where = and(
    published,
    scope.roundId ? eq(projects.roundId, scope.roundId) : undefined,
    scope.ideaId ? eq(projects.ideaId, scope.ideaId) : undefined,
  );
  const rows = await db
    .select({
      id: projectUpdates.id,
      number: projectUpdates.number,
      kind: projectUpdates.kind,
      title: projectUpdates.title,
      bodyMd: projectUpdates.bodyMd,
      bodyHtml: projectUpdates.bodyHtml,
      outcomesHtml: projectUpdates.outcomesHtml,
      outputLinks: projectUpdates.outputLinks,
      publishedAt: projectUpdates.publishedAt,
      editedAt: projectUpdates.editedAt,
      authorName: users.name,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      ideaSlug: ideas.slug,
      projectTitle: ideas.title,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(projectUpdates)
    .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
    .innerJoin(ideas, eq(ideas.id, projects.ideaId))
    .innerJoin(rounds, eq(rounds.id, projects.roundId))
    .leftJoin(users, eq(users.id, projectUpdates.authorId))
    .where(where)
    .orderBy(desc(projectUpdates.publishedAt), desc(projectUpdates.id))
    .limit(limit)
    .offset(offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(projectUpdates)
      .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
      .where(where);
    total = row.n;
  }
  return { items: rows.map(({ total: _t, ...row }) => ({ ...row, publishedAt: row.publishedAt! })), total };
}

/** The round (by slug) that has projects, for the per-round feed; null otherwise. */
export async function roundWithProjects(slug: string) {
  const [round] = await db
    .select({ id: rounds.id, slug: rounds.slug, title: rounds.title, phase: rounds.phase })
    .from(rounds)
    .where(eq(rounds.slug, slug));
  return round && round.phase !== "draft" ? round : null;
}
