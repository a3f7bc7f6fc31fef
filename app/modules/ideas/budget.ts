// Budget rules: pure, so the form, the use case and the tests agree.
import { formatPence } from "../../lib/money";

export type BudgetLineAmount = { amountPence: number };

export function budgetTotal(lines: readonly BudgetLineAmount[]): number {
  return lines.reduce((sum, line) => sum + line.amountPence, 0);
}

/** Why the budget cannot be submitted, or null when it can. */
export function budgetProblem(lines: readonly BudgetLineAmount[], maxAwardPence: number): string | null {
  if (lines.length === 0) return "Add at least one budget line.";
  const total = budgetTotal(lines);
  if (total > maxAwardPence) {
    return `The budget totals ${formatPence(total)}, more than the maximum award of ${formatPence(maxAwardPence)}. Reduce it by ${formatPence(total - maxAwardPence)}.`;
  }
  return null;
}
