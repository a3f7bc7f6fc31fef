// The proposal form's values as flat fields, from the saved proposal or from a post.
import { formatPence } from "~/lib/money";
import type { proposalFor } from "./idea-queries.server";

type Saved = Awaited<ReturnType<typeof proposalFor>>;

export function proposalFormValues(saved: Saved): Record<string, string> {
  const values: Record<string, string> = {
    aimsMd: saved?.proposal.aimsMd ?? "",
    deliveryMd: saved?.proposal.deliveryMd ?? "",
    learningMd: saved?.proposal.learningMd ?? "",
    contributeMd: saved?.proposal.contributeMd ?? "",
  };
  saved?.milestones.forEach((m, i) => {
    const [year, month] = m.targetMonth.split("-");
    values[`milestones.${i}.title`] = m.title;
    values[`milestones.${i}.month`] = String(Number(month));
    values[`milestones.${i}.year`] = year;
  });
  saved?.budgetLines?.forEach((line, i) => {
    values[`budget.${i}.description`] = line.description;
    values[`budget.${i}.amount`] = formatPence(line.amountPence).replace("£", "");
  });
  return values;
}

export const PROPOSAL_MARKDOWN = ["aimsMd", "deliveryMd", "learningMd", "contributeMd"];
