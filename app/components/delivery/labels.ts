import type { MilestoneStatus, ProjectStatus, UpdateKind } from "../../../db/schema/delivery";

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  in_progress: "In progress",
  completed: "Completed",
};
export const UPDATE_KIND_LABELS: Record<UpdateKind, string> = { update: "Update", final_report: "Final report" };
export const MILESTONE_BADGES: Record<MilestoneStatus, string> = {
  not_started: "badge--neutral",
  on_track: "badge--accent",
  done: "badge--success",
  delayed: "badge--warning",
  dropped: "badge--neutral",
};
