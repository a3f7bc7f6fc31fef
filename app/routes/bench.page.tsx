// The benchmark's ceiling for pages (npm run bench): a loader that returns a constant list of 20
// items, rendered as a minimal React page inside the app's layout. Answers 404 unless BENCH_ROUTES is set.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/lib/env.server";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";

const ITEMS = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `Item ${i + 1}` }));

export async function loader() {
  if (!env().BENCH_ROUTES) httpError(404, "Page not found");
  return { items: ITEMS };
}

export default function BenchPage() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="prose">
      <h1>Benchmark ceiling</h1>
      <ul>
        {items.map((item) => (
          <li key={item.id}>{item.name}</li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => title("Benchmark ceiling");
