import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { getUser } from "~/modules/accounts/auth.server";
import { canSeeRound } from "~/modules/rounds/permissions";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { publishedFile } from "~/modules/voting/ledger-download.server";

/** The ballots that count, as JSON, once the results are published (403 with the seal before). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params);
  if (!canSeeRound(round, user)) httpError(404, "There is no round with this address.");
  return publishedFile(round, "ledger.json");
}
