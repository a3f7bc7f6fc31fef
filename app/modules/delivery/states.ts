// The words of delivery: project, milestone and update states. Pure, so pages can use them without
// pulling the database schema into the browser; db/schema/delivery.ts builds its enums from them.
export const PROJECT_STATUSES = ["in_progress", "completed"] as const;
export const MILESTONE_STATUSES = ["not_started", "on_track", "done", "delayed", "dropped"] as const;
export const UPDATE_KINDS = ["update", "final_report"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export type UpdateKind = (typeof UPDATE_KINDS)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type OutputLink = { title: string; url: string };
