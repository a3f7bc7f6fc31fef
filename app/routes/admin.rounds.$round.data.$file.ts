// Programme-team downloads of a round: panel scores (pseudonymous reviewers) and the full proposal
// data with budget lines and team emails. Every download is audited: it carries personal data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { ADMIN_DATASETS, parseExportFile } from "~/modules/reporting/datasets";
import { adminRoundExport } from "~/modules/reporting/exports.server";
import { roundFromParams } from "~/modules/rounds/queries.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const file = parseExportFile(params.file, ADMIN_DATASETS);
  if (!file) httpError(404, "There is no download with this address. The open data page lists every one.");
  const round = await roundFromParams(params);
  return adminRoundExport(admin, round, file.dataset, file.format);
}
