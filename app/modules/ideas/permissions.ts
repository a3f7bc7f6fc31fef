// Pure answers to "may this person…?" for ideas. The phase rules live in rounds/rules.ts.
import type { IdeaState } from "../../../db/schema/ideas";
import { isMember, type Person } from "../accounts/permissions";

export type Viewer = (Person & { id: string }) | null | undefined;
export type TeamEntry = { userId: string; role: "lead" | "member" };

export function roleOn(viewer: Viewer, team: readonly TeamEntry[]): "lead" | "member" | null {
  if (!viewer) return null;
  return team.find((entry) => entry.userId === viewer.id)?.role ?? null;
}

export function isOnTeam(viewer: Viewer, team: readonly TeamEntry[]): boolean {
  return roleOn(viewer, team) !== null;
}

/** Drafts are seen by their team (and the programme team); every other state is public. */
export function canViewIdea(state: IdeaState, viewer: Viewer, team: readonly TeamEntry[]): boolean {
  return state !== "draft" || isOnTeam(viewer, team) || Boolean(viewer?.isAdmin);
}

/** Budget lines: the team, the programme team and (later) the panel. The total is public. */
export function canSeeBudgetLines(viewer: Viewer, team: readonly TeamEntry[]): boolean {
  return isOnTeam(viewer, team) || Boolean(viewer?.isAdmin);
}

/** Only members may lead an idea; teams may include anyone. */
export function canLead(person: Person | null | undefined): boolean {
  return isMember(person);
}
