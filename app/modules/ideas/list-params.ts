// The list page's state lives in its URL; these turn the query string into filters and back.
import { IDEA_STATES, type IdeaState } from "./states";
import { SORTS, type Sort } from "./limits";

export type ListParams = { q: string; category: string; topic: string; state: string; sort: Sort; page: number };

const SORT_KEYS = new Set<string>([...Object.keys(SORTS), "relevance"]);

/** Unknown values are ignored rather than refused: a shared link with a stale filter still works. */
export function parseListParams(
  search: URLSearchParams,
  known: { categoryIds: string[]; topicIds: string[] },
): ListParams {
  // PostgreSQL cannot take a NUL character in text: nobody types one, so it is dropped.
  const q = (search.get("q") ?? "").replaceAll("\u0000", "").trim().slice(0, 200);
  const category = search.get("category") ?? "";
  const topic = search.get("topic") ?? "";
  const state = search.get("state") ?? "";
  const sortParam = search.get("sort") ?? "";
  const page = Number(search.get("page") ?? "1");
  let sort: Sort = SORT_KEYS.has(sortParam) ? (sortParam as Sort) : q ? "relevance" : "newest";
  if (sort === "relevance" && !q) sort = "newest";
  return {
    q,
    category: known.categoryIds.includes(category) ? category : "",
    topic: known.topicIds.includes(topic) ? topic : "",
    state: state !== "draft" && (IDEA_STATES as readonly string[]).includes(state) ? state : "",
    sort,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export function stateFilter(params: ListParams): IdeaState | undefined {
  return params.state ? (params.state as IdeaState) : undefined;
}

/** The list's address with these params; defaults are left out so links stay short. */
export function listHref(base: string, params: ListParams, change: Partial<ListParams> = {}): string {
  const next = { ...params, ...change };
  const query = new URLSearchParams();
  if (next.q) query.set("q", next.q);
  if (next.category) query.set("category", next.category);
  if (next.topic) query.set("topic", next.topic);
  if (next.state) query.set("state", next.state);
  const defaultSort = next.q ? "relevance" : "newest";
  if (next.sort !== defaultSort) query.set("sort", next.sort);
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
