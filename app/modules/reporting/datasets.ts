// The exports a round offers, who may download them, and their columns. Shared by the export
// routes and the open-data page, so the page lists exactly what the routes serve.

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PUBLIC_DATASETS = ["ideas", "comments", "results"] as const;
export const ADMIN_DATASETS = ["scores", "proposals"] as const;
export type PublicDataset = (typeof PUBLIC_DATASETS)[number];
export type AdminDataset = (typeof ADMIN_DATASETS)[number];
export type DatasetName = PublicDataset | AdminDataset;

export const OPEN_DATA_LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)";
export const OPEN_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

export const DATASET_INFO: Record<DatasetName, { title: string; about: string }> = {
  ideas: {
    title: "Ideas and proposals",
    about:
      "Every published idea: title, summary, category, topics, state, the challenge, the team's names, dates and counts; for submitted proposals their public sections, milestones and budget total (not its lines).",
  },
  comments: {
    title: "Comments",
    about:
      "Every comment that is shown on the site (not hidden by moderation, not deleted), with the author's name as shown on the site.",
  },
  results: {
    title: "Results",
    about: "Votes, place and outcome for every shortlisted proposal, once the results are published.",
  },
  scores: {
    title: "Panel scores",
    about:
      "Each submitted review's criterion scores and weighted total, with reviewers named Reviewer 1, Reviewer 2 … (the same number for the same reviewer throughout the round).",
  },
  proposals: {
    title: "Full proposal data",
    about: "Every proposal, submitted or in progress, with its budget lines and the team's names and email addresses.",
  },
};

/** "ideas.csv" -> { dataset: "ideas", format: "csv" } when both are known to this audience; else null. */
export function parseExportFile<D extends DatasetName>(
  file: string | undefined,
  datasets: readonly D[],
): { dataset: D; format: ExportFormat } | null {
  const match = /^([a-z]+)\.(csv|json)$/.exec(file ?? "");
  if (!match) return null;
  const dataset = datasets.find((d) => d === match[1]);
  return dataset ? { dataset, format: match[2] as ExportFormat } : null;
}

export function publicExportPath(roundSlug: string, dataset: PublicDataset, format: ExportFormat): string {
  return `/rounds/${roundSlug}/data/${dataset}.${format}`;
}

export function adminExportPath(roundSlug: string, dataset: AdminDataset, format: ExportFormat): string {
  return `/admin/rounds/${roundSlug}/data/${dataset}.${format}`;
}

/** Built by the voting results feature; listed here once the results (and with them the ledger) are published. */
export function ledgerPath(roundSlug: string, format: ExportFormat): string {
  return `/rounds/${roundSlug}/results/ledger.${format}`;
}
