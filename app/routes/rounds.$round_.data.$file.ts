// Public open-data downloads of a round: /rounds/:round/data/ideas.csv, comments.json, results.csv…
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { parseExportFile, PUBLIC_DATASETS } from "~/modules/reporting/datasets";
import { publishedResults, roundExport } from "~/modules/reporting/exports.server";
import { roundFromParams } from "~/modules/rounds/queries.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = parseExportFile(params.file, PUBLIC_DATASETS);
  if (!file) httpError(404, "There is no download with this address. The open data page lists every one.");
  const round = await roundFromParams(params);
  // A draft round is not public, so neither is its data (for anyone: admins preview the pages).
  if (round.phase === "draft") httpError(404, "There is no round with this address.");
  if (file.dataset === "results" && !(await publishedResults(round.id))) {
    httpError(404, "The results of this round are not published yet.");
  }
  return roundExport(round, file.dataset, file.format);
}
