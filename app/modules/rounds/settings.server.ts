// Writing a round's settings, shared by create and update: the columns, the categories (kept by
// id so a rename keeps its ideas) and the topics (kept by name).
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { roundCategories, rounds, roundTopics, type NewRound, type Round } from "~db/schema";
import { Invalid } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import type { RoundSettings } from "./validation";

/** The round row's columns for these settings (everything but the phase and the frozen fields). */
export function roundColumns(settings: RoundSettings) {
  return {
    slug: settings.slug,
    title: settings.title,
    themeMd: settings.themeMd,
    themeHtml: renderMarkdown(settings.themeMd, "full"),
    ideasOpensAt: settings.schedule.ideasOpensAt,
    proposalsOpensAt: settings.schedule.proposalsOpensAt,
    shortlistingOpensAt: settings.schedule.shortlistingOpensAt,
    votingOpensAt: settings.schedule.votingOpensAt,
    votingClosesAt: settings.schedule.votingClosesAt,
    closesAt: settings.schedule.closesAt ?? null,
    maxAwardPence: settings.maxAwardPence,
    potPence: settings.potPence,
    picksPerCategory: settings.picksPerCategory,
    allowOwnIdea: settings.allowOwnIdea,
    fundingRule: settings.fundingRule,
    shortlistSize: settings.shortlistSize,
    commentPolicy: settings.commentPolicy,
    rubric: settings.rubric,
  } satisfies Partial<NewRound>;
}

/** Locks the round's row until the transaction ends: every change to a round takes this lock first. */
export async function lockRound(tx: Tx, roundId: string): Promise<Round | null> {
  const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
  return round ?? null;
}

/**
 * Makes the round's categories match the form: rows with an id are renamed, described and
 * reordered in place, rows without one are added, and categories left out are removed.
 */
export async function syncCategories(tx: Tx, roundId: string, categories: RoundSettings["categories"]): Promise<void> {
  const existing = await tx
    .select({ id: roundCategories.id })
    .from(roundCategories)
    .where(eq(roundCategories.roundId, roundId));
  const known = new Set(existing.map((c) => c.id));
  const kept = categories.flatMap((c) => (c.id ? [c.id] : []));
  if (kept.some((id) => !known.has(id)))
    throw new Invalid("A category in the form does not belong to this round. Reload the page and try again.");
  if (existing.length > 0) {
    const removed = kept.length > 0 ? notInArray(roundCategories.id, kept) : undefined;
    await tx.delete(roundCategories).where(and(eq(roundCategories.roundId, roundId), removed));
  }
  for (const [position, category] of categories.entries()) {
    const values = { name: category.name, description: category.description, position };
    if (category.id) await tx.update(roundCategories).set(values).where(eq(roundCategories.id, category.id));
    else await tx.insert(roundCategories).values({ ...values, roundId });
  }
}

/** Makes the round's topics match the list: new names are added, missing ones removed. */
export async function syncTopics(tx: Tx, roundId: string, topics: string[]): Promise<void> {
  const existing = await tx
    .select({ name: roundTopics.name })
    .from(roundTopics)
    .where(eq(roundTopics.roundId, roundId));
  const have = new Set(existing.map((t) => t.name));
  const gone = existing.map((t) => t.name).filter((name) => !topics.includes(name));
  if (gone.length > 0)
    await tx.delete(roundTopics).where(and(eq(roundTopics.roundId, roundId), inArray(roundTopics.name, gone)));
  const added = topics.filter((name) => !have.has(name));
  if (added.length > 0) await tx.insert(roundTopics).values(added.map((name) => ({ roundId, name })));
}
