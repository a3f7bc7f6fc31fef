import type { IdeaState } from "../../../db/schema/ideas";
import { STATE_BADGES, STATE_LABELS } from "~/modules/ideas/limits";

export function StateBadge({ state }: { state: IdeaState }) {
  return <span className={`badge ${STATE_BADGES[state]}`}>{STATE_LABELS[state]}</span>;
}
