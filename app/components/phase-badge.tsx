import type { Phase } from "~/modules/rounds/rules";
import { PHASE_LABELS } from "~/modules/rounds/model";

// The text always names the phase; the colour only supports it.
const VARIANT: Record<Phase, string> = {
  draft: "badge--neutral",
  ideas: "badge--accent",
  proposals: "badge--accent",
  shortlisting: "badge--accent",
  voting: "badge--accent",
  results: "badge--accent",
  delivery: "badge--success",
  closed: "badge--neutral",
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  return <span className={`badge ${VARIANT[phase]}`}>{PHASE_LABELS[phase]}</span>;
}
