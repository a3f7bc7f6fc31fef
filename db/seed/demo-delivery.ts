// The past round's funded projects in delivery: milestones in every status (one overdue), a dozen
// published updates across the projects (one of them a final report with outcomes and outputs)
// and one draft. Dates are fixed in 2026, between the results (14 May) and the demo's November.
import { and, asc, eq } from "drizzle-orm";
import { db } from "../client";
import {
  ideas,
  ideaTeamMembers,
  projectMilestones,
  projects,
  projectUpdates,
  updateMilestoneChanges,
  type MilestoneStatus,
  type OutputLink,
} from "../schema";
import { renderMarkdown } from "../../app/lib/markdown.server";
import { startProjects } from "../../app/modules/delivery/start-projects.server";

const RESULTS = new Date("2026-05-14T10:00:00Z");

type UpdateSeed = {
  project: number;
  title: string;
  body: string;
  at: string;
  outcomes?: string;
  links?: OutputLink[];
  draft?: boolean;
  milestone?: { index: number; status: MilestoneStatus; progress: number };
};

// Project numbers are positions in the round's funded ideas, in the order they were published.
const MILESTONES: Record<
  number,
  { status: MilestoneStatus; progress: number; dueMonth?: string; dropReason?: string }[]
> = {
  0: [
    { status: "on_track", progress: 40 },
    { status: "not_started", progress: 0 },
    { status: "not_started", progress: 0 },
  ],
  // Overdue: due in September 2026, still not done.
  1: [
    { status: "delayed", progress: 60, dueMonth: "2026-09-01" },
    { status: "not_started", progress: 0 },
    { status: "not_started", progress: 0 },
  ],
  2: [
    { status: "done", progress: 100, dueMonth: "2026-07-01" },
    { status: "on_track", progress: 50 },
    { status: "not_started", progress: 0 },
  ],
  3: [
    { status: "done", progress: 100, dueMonth: "2026-06-01" },
    { status: "dropped", progress: 0, dropReason: "The hospital merged the two sites, so one pilot site covers both." },
    { status: "on_track", progress: 20 },
  ],
  7: [
    { status: "done", progress: 100, dueMonth: "2026-06-01" },
    { status: "done", progress: 100, dueMonth: "2026-09-01" },
    { status: "done", progress: 100, dueMonth: "2026-11-01" },
  ],
};

const UPDATES: UpdateSeed[] = [
  {
    project: 0,
    at: "2026-06-10T09:00:00Z",
    title: "We have started: the first drop-in is booked",
    body: "Our first **carers' drop-in** opens on Ward 12 next Tuesday. We spent May talking to 23 carers about what they needed: information about discharge came top, then somewhere to sit down.\n\n- A room near the main lifts\n- Tea urn donated by the League of Friends\n- Leaflets in five languages",
  },
  {
    project: 0,
    at: "2026-09-02T09:00:00Z",
    title: "Three months in: what carers tell us",
    body: "Forty-one carers have come at least once. The most common question is *when will my relative go home?* We are now inviting the discharge team to join on Thursdays.",
    milestone: { index: 0, status: "on_track", progress: 40 },
  },
  {
    project: 1,
    at: "2026-06-20T09:00:00Z",
    title: "Recruiting link workers",
    body: "We interviewed six people for two link worker posts. Both start in July. Thank you to everyone who shared job descriptions with us.",
  },
  {
    project: 1,
    at: "2026-10-05T09:00:00Z",
    title: "Behind on the first milestone, and why",
    body: "The co-design workshops slipped: two of the four sessions clashed with school holidays and too few parents came. We are running them again in the evenings, and the milestone is now **delayed**.",
    milestone: { index: 0, status: "delayed", progress: 60 },
  },
  {
    project: 2,
    at: "2026-07-28T09:00:00Z",
    title: "Workshops done: residents chose the questions",
    body: "Care home residents and senior carers ran the last workshop themselves. They chose the five questions every video ward round starts with.",
    milestone: { index: 0, status: "done", progress: 100 },
  },
  {
    project: 2,
    at: "2026-11-03T09:00:00Z",
    title: "Video ward rounds in four homes",
    body: "Four homes now have a weekly video round with their GP practice. Early numbers: GP home visits for routine problems are down from 11 to 4 a month.",
  },
  {
    project: 3,
    at: "2026-06-30T09:00:00Z",
    title: "A frailty score at the front door",
    body: "The Clinical Frailty Scale is now on the triage screen in A&E. Nurses asked for a laminated card too, so we printed 200.",
    milestone: { index: 0, status: "done", progress: 100 },
  },
  {
    project: 3,
    at: "2026-09-15T09:00:00Z",
    title: "One pilot site instead of two",
    body: "The trust merged its two emergency departments' older people's teams, so we dropped the second pilot site and put the money into training.",
  },
  {
    project: 4,
    at: "2026-08-12T09:00:00Z",
    title: "Menopause clinic: first 60 appointments",
    body: "The staff menopause clinic has seen 60 colleagues. The most useful change so far costs nothing: a desk fan and a later start on request.",
  },
  {
    project: 5,
    at: "2026-10-21T09:00:00Z",
    title: "Patients filmed the first six videos",
    body: "Six patients filmed their own exercise videos, in their own kitchens. [Watch the first one](https://example.org/physio-videos) — we would love feedback.",
  },
  {
    project: 6,
    at: "2026-11-12T09:00:00Z",
    title: "The van's first month on the road",
    body: "The vaccination van visited three sites in October and gave 84 vaccinations. Trust matters more than timing: the sites we visited with a known health visitor did three times better.",
  },
  {
    project: 7,
    at: "2026-11-20T09:00:00Z",
    title: "Final report: fewer restraints, and what we would do again",
    body: "Our project ends here. Over six months three wards used **Safewards** interventions chosen with patients, and we measured restraint every week.\n\nThank you to every patient and member of staff who took part.",
    outcomes:
      "- Restraint on the three wards fell from 31 to 12 incidents a month\n- Staff injuries from restraint fell by half\n- Patients rated *feeling safe on the ward* 3.9 out of 5, up from 3.1",
    links: [
      { title: "Safewards toolkit for co-produced wards (PDF)", url: "https://example.org/safewards-toolkit.pdf" },
      { title: "Our measures, week by week (spreadsheet)", url: "https://example.org/restraint-measures.csv" },
      { title: "Webinar recording for Q members", url: "https://example.org/safewards-webinar" },
    ],
  },
  {
    project: 0,
    at: "2026-11-24T09:00:00Z",
    draft: true,
    title: "Draft: what we will do in the new year",
    body: "Notes for our next update: evening drop-ins, a carers' passport, and the discharge team on Thursdays.",
  },
];

export async function seedDemoDelivery(pastRoundId: string): Promise<number> {
  await db.transaction((tx) => startProjects(tx, pastRoundId));
  const rows = await db
    .select({ id: projects.id, ideaId: projects.ideaId })
    .from(projects)
    .innerJoin(ideas, eq(ideas.id, projects.ideaId))
    .where(eq(projects.roundId, pastRoundId))
    .orderBy(asc(ideas.createdAt), asc(ideas.title));
  await db.update(projects).set({ startedAt: RESULTS }).where(eq(projects.roundId, pastRoundId));
  for (const [index, states] of Object.entries(MILESTONES)) {
    const project = rows[Number(index)];
    if (!project) continue;
    const milestones = await db
      .select()
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, project.id))
      .orderBy(asc(projectMilestones.position));
    for (const [i, state] of states.entries()) {
      const m = milestones[i];
      if (!m) continue;
      await db
        .update(projectMilestones)
        .set({
          status: state.status,
          progress: state.progress,
          dueMonth: state.dueMonth ?? m.dueMonth,
          dropReason: state.dropReason ?? null,
        })
        .where(eq(projectMilestones.id, m.id));
    }
  }
  const numbers = new Map<string, number>();
  for (const seed of UPDATES) {
    const project = rows[seed.project];
    if (!project) continue;
    const number = (numbers.get(project.id) ?? 0) + 1;
    numbers.set(project.id, number);
    const [lead] = await db
      .select({ id: ideaTeamMembers.userId })
      .from(ideaTeamMembers)
      .where(and(eq(ideaTeamMembers.ideaId, project.ideaId), eq(ideaTeamMembers.role, "lead")));
    const at = new Date(seed.at);
    const [update] = await db
      .insert(projectUpdates)
      .values({
        projectId: project.id,
        number,
        kind: seed.outcomes ? "final_report" : "update",
        status: seed.draft ? "draft" : "published",
        title: seed.title,
        bodyMd: seed.body,
        bodyHtml: renderMarkdown(seed.body, "full"),
        outcomesMd: seed.outcomes ?? "",
        outcomesHtml: seed.outcomes ? renderMarkdown(seed.outcomes, "full") : "",
        outputLinks: seed.links ?? [],
        authorId: lead?.id ?? null,
        createdAt: at,
        updatedAt: at,
        publishedAt: seed.draft ? null : at,
      })
      .returning();
    if (seed.milestone) {
      const [m] = await db
        .select()
        .from(projectMilestones)
        .where(eq(projectMilestones.projectId, project.id))
        .orderBy(asc(projectMilestones.position))
        .offset(seed.milestone.index)
        .limit(1);
      if (m) {
        await db.insert(updateMilestoneChanges).values({
          updateId: update.id,
          milestoneId: m.id,
          fromStatus: "not_started",
          fromProgress: 0,
          toStatus: seed.milestone.status,
          toProgress: seed.milestone.progress,
        });
      }
    }
    if (!seed.draft) {
      await db
        .update(projects)
        .set({ lastUpdateAt: at, ...(seed.outcomes ? { status: "completed" as const } : {}) })
        .where(eq(projects.id, project.id));
    }
  }
  return rows.length;
}
