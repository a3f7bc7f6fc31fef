// What the transition guards need to know from other domains, read inside the transition's
// transaction. The panel (shortlist) and voting (published results) modules do not exist yet,
// so for now no proposal is shortlisted and no results are published: voting therefore cannot
// open and delivery cannot begin, which is the correct answer until those modules fill these in.
import type { Db, Tx } from "~db/client";

/** Idea ids shortlisted in each category, keyed by category id (every category present). */
export async function shortlistOf(_executor: Tx | Db, _roundId: string, categories: ReadonlyArray<{ id: string }>): Promise<Record<string, string[]>> {
  return Object.fromEntries(categories.map((c) => [c.id, [] as string[]]));
}

export async function resultsPublished(_executor: Tx | Db, _roundId: string): Promise<boolean> {
  return false;
}
