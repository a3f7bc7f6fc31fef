// Reading a proposal inside a use case's transaction.
import { asc, eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { proposalBudgetLines, proposalMilestones, proposals } from "~db/schema";

export async function proposalParts(tx: Tx, ideaId: string) {
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.ideaId, ideaId));
  const milestones = await tx
    .select()
    .from(proposalMilestones)
    .where(eq(proposalMilestones.ideaId, ideaId))
    .orderBy(asc(proposalMilestones.position));
  const lines = await tx
    .select()
    .from(proposalBudgetLines)
    .where(eq(proposalBudgetLines.ideaId, ideaId))
    .orderBy(asc(proposalBudgetLines.position));
  return { proposal: proposal ?? null, milestones, lines };
}
