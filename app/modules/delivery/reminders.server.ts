// A project quiet for PROJECT_REMINDER_DAYS gets one reminder email to its team per quiet period
// (days N to 2N-1 after the last published update, or the start; then 2N to 3N-1 …). The period
// row is the lock: whichever server inserts it sends the emails, in the same transaction.
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "~db/client";
import { ideas, ideaTeamMembers, projectReminders, projects, rounds, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { reminderPeriod } from "./milestones";
import { newUpdatePath } from "./paths";

export async function sendProjectReminders(days: number = env().PROJECT_REMINDER_DAYS): Promise<number> {
  const at = now();
  const cutoff = new Date(at.getTime() - days * 86_400_000);
  const since = sql<Date>`coalesce(${projects.lastUpdateAt}, ${projects.startedAt})`;
  const quiet = await db
    .select({
      id: projects.id,
      lastUpdateAt: projects.lastUpdateAt,
      startedAt: projects.startedAt,
      ideaId: ideas.id,
      title: ideas.title,
      ideaSlug: ideas.slug,
      roundSlug: rounds.slug,
    })
    .from(projects)
    .innerJoin(ideas, eq(ideas.id, projects.ideaId))
    .innerJoin(rounds, eq(rounds.id, projects.roundId))
    .where(
      and(
        eq(projects.status, "in_progress"),
        eq(rounds.phase, "delivery"),
        or(lte(projects.lastUpdateAt, cutoff), and(isNull(projects.lastUpdateAt), lte(projects.startedAt, cutoff))),
      ),
    )
    .orderBy(since);
  let sent = 0;
  for (const project of quiet) {
    const start = project.lastUpdateAt ?? project.startedAt;
    const period = reminderPeriod(start, at, days);
    if (period < 1) continue;
    const key = `${start.toISOString()}#${period}`;
    sent += await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(projectReminders)
        .values({ projectId: project.id, period: key, sentAt: at })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) return 0;
      const team = await tx
        .select({ id: users.id, email: users.email, name: users.name })
        .from(ideaTeamMembers)
        .innerJoin(users, eq(users.id, ideaTeamMembers.userId))
        .where(and(eq(ideaTeamMembers.ideaId, project.ideaId), isNull(users.suspendedAt)));
      const quietDays = Math.floor((at.getTime() - start.getTime()) / 86_400_000);
      const link = `${env().APP_URL}${newUpdatePath(project.roundSlug, project.ideaSlug)}`;
      for (const person of team) {
        await enqueueEmail(
          {
            dedupeKey: `project-reminder:${project.id}:${key}:${person.id}`,
            kind: "project-reminder",
            to: person.email,
            subject: `Time for an update on “${project.title}”`,
            text:
              `Hello ${person.name},\n\n“${project.title}” has had no published update for ${quietDays} days. ` +
              `Members follow funded projects to learn from them: a short note on what you did, what you learned and how the milestones stand is enough.\n\n` +
              `Write an update: ${link}\n`,
          },
          tx,
        );
      }
      return 1;
    });
  }
  return sent;
}
