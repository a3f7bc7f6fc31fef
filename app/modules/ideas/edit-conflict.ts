import { Conflict } from "~/lib/errors";
import type { FieldDiff } from "./diff";

/** What someone else saved since the person opened the form, so nothing is silently overwritten. */
export type ConflictDetails = {
  /** The version now saved: a form carrying it may save over it deliberately. */
  version: number;
  changes: FieldDiff[];
  categoryChanged: boolean;
  topicsChanged: boolean;
};

export class EditConflict extends Conflict {
  constructor(readonly details: ConflictDetails) {
    super(
      "Someone else on the team saved this idea while you were editing it. Your text is below, unsaved; " +
        "their changes are shown above it. Copy across what you need and save again.",
    );
  }
}
