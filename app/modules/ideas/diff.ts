// Readable word diffs between two texts, as segments the page renders with <ins> and <del>.
import { diffWords } from "diff";

export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };

export function wordDiff(before: string, after: string): DiffSegment[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

export function hasChanges(segments: readonly DiffSegment[]): boolean {
  return segments.some((segment) => segment.kind !== "same");
}

export type TextFields = { title: string; summary: string; challengeMd: string };
export type FieldDiff = { field: keyof TextFields; label: string; segments: DiffSegment[]; changed: boolean };

const LABELS: Record<keyof TextFields, string> = { title: "Title", summary: "Summary", challengeMd: "The challenge" };

export function diffIdeaText(before: TextFields, after: TextFields): FieldDiff[] {
  return (Object.keys(LABELS) as (keyof TextFields)[]).map((field) => {
    const segments = wordDiff(before[field], after[field]);
    return { field, label: LABELS[field], segments, changed: hasChanges(segments) };
  });
}
