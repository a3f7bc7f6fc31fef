import type { LoaderFunctionArgs } from "@remix-run/node";
import { now } from "~/lib/clock";
import { requireUser } from "~/modules/accounts/auth.server";
import { personalData } from "~/modules/accounts/personal-data.server";

// A resource route: the signed-in person's data as a JSON download, never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const body = JSON.stringify(await personalData(user.id), null, 2);
  const day = now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="q-exchange-my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
