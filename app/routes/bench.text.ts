// The benchmark's ceiling for the framework itself (npm run bench): a resource route returning
// constant text. Answers 404 unless BENCH_ROUTES is set.
import { env } from "~/lib/env.server";

export async function loader() {
  if (!env().BENCH_ROUTES) return new Response("Not found", { status: 404 });
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
