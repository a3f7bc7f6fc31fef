// For routes: may this person see the ranking and confirm the shortlist (admin or chair)?
import { db } from "~db/client";
import { assertAdminOrChair, type PanelActor } from "./context.server";

export function assertAdminOrChairNow(roundId: string, actor: PanelActor): Promise<void> {
  return assertAdminOrChair(db, roundId, actor);
}
