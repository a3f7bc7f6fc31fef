// Turns a proposal read for the panel into what the pages show (strings only).
import { formatPence } from "~/lib/money";
import type { PanelProposalView } from "~/components/panel-proposal";
import type { ProposalForPanel } from "./review-queries.server";

const monthName = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export function proposalView(p: ProposalForPanel): PanelProposalView {
  const total = p.budget.reduce((sum, b) => sum + b.amountPence, 0);
  return {
    title: p.idea.title,
    summary: p.idea.summary,
    category: p.idea.category,
    challengeHtml: p.idea.challengeHtml,
    sections: [
      { heading: "Aims", html: p.proposal?.aimsHtml ?? "" },
      { heading: "Delivery", html: p.proposal?.deliveryHtml ?? "" },
      { heading: "Learning", html: p.proposal?.learningHtml ?? "" },
      { heading: "How others can contribute", html: p.proposal?.contributeHtml ?? "" },
    ],
    milestones: p.milestones.map((m) => ({ title: m.title, month: monthName(m.targetMonth) })),
    budget: p.budget.map((b) => ({ description: b.description, amount: formatPence(b.amountPence) })),
    budgetTotal: formatPence(total),
    team: p.team,
    engagement: p.engagement,
  };
}
