// The /projects page's state lives in its URL (as the ideas list does): these read it and write it back.
import { PROJECT_STATUSES } from "./states";

export const PROJECT_SORTS = {
  updated: "Most recently updated",
  newest: "Newest projects",
  award: "Largest award",
  title: "Title A to Z",
} as const;
export type ProjectSort = keyof typeof PROJECT_SORTS | "relevance";

export type ProjectListParams = {
  q: string;
  round: string;
  category: string;
  topic: string;
  status: string;
  report: boolean;
  sort: ProjectSort;
  page: number;
};

/** Unknown values are ignored rather than refused: a shared link with a stale filter still works. */
export function parseProjectParams(
  search: URLSearchParams,
  known: { rounds: string[]; categories: string[]; topics: string[] },
): ProjectListParams {
  // PostgreSQL cannot take a NUL character in text: nobody types one, so it is dropped.
  const q = (search.get("q") ?? "").replaceAll("\u0000", "").trim().slice(0, 200);
  const pick = (name: string, list: readonly string[]) => {
    const value = search.get(name) ?? "";
    return list.includes(value) ? value : "";
  };
  const sortParam = search.get("sort") ?? "";
  // Own keys only: `"toString" in PROJECT_SORTS` is true, and would let any object key through.
  let sort: ProjectSort =
    Object.hasOwn(PROJECT_SORTS, sortParam) || sortParam === "relevance"
      ? (sortParam as ProjectSort)
      : q
        ? "relevance"
        : "updated";
  if (sort === "relevance" && !q) sort = "updated";
  const page = Number(search.get("page") ?? "1");
  return {
    q,
    round: pick("round", known.rounds),
    category: pick("category", known.categories),
    topic: pick("topic", known.topics),
    status: pick("status", PROJECT_STATUSES),
    report: search.get("report") === "yes",
    sort,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export function projectsHref(params: ProjectListParams, change: Partial<ProjectListParams> = {}): string {
  const next = { ...params, ...change };
  const query = new URLSearchParams();
  for (const key of ["q", "round", "category", "topic", "status"] as const) if (next[key]) query.set(key, next[key]);
  if (next.report) query.set("report", "yes");
  if (next.sort !== (next.q ? "relevance" : "updated")) query.set("sort", next.sort);
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `/projects?${text}` : "/projects";
}

export function pageParam(search: URLSearchParams): number {
  const page = Number(search.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
