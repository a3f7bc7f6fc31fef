// What every ideas route starts with: the round and idea named in the URL, or a 404.
import { z } from "zod";
import type { SessionUser } from "~/modules/accounts/sessions.server";
import { allowed, type Action } from "~/modules/rounds/rules";
import { now } from "~/lib/clock";
import { isMember } from "~/modules/accounts/permissions";
import { ideaBySlug } from "./idea-queries.server";
import { findRound, rulesView, type RoundWithLists } from "./round-lookup.server";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);
const RoundParams = z.object({ round: slug });
const IdeaParams = z.object({ round: slug, idea: slug });

export function notFound(message = "There is no such page."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export async function roundFromParams(
  params: Record<string, string | undefined>,
  viewer: SessionUser | null,
): Promise<RoundWithLists> {
  const parsed = RoundParams.safeParse(params);
  const round = parsed.success ? await findRound(parsed.data.round, viewer) : null;
  if (!round) throw notFound("There is no round at this address.");
  return round;
}

/** The round and the idea, or a 404: a draft is "not found" for anyone outside its team. */
export async function ideaFromParams(params: Record<string, string | undefined>, viewer: SessionUser | null) {
  const parsed = IdeaParams.safeParse(params);
  if (!parsed.success) throw notFound("There is no idea at this address.");
  const round = await roundFromParams(params, viewer);
  const idea = await ideaBySlug(round.id, parsed.data.idea, viewer);
  if (!idea) throw notFound("There is no idea at this address.");
  return { round, idea };
}

/** Null when the round allows the action now, else the sentence saying why not. */
export function closedReason(round: RoundWithLists, action: Action, viewer?: SessionUser | null): string | null {
  const result = allowed(rulesView(round), action, now(), { isMember: isMember(viewer) });
  return result.ok ? null : result.reason;
}

export { ideaPath } from "./paths";

export function roundSummary(round: RoundWithLists) {
  return {
    slug: round.slug,
    title: round.title,
    phase: round.phase,
    maxAwardPence: round.maxAwardPence,
    categories: round.categories.map((c) => ({ id: c.id, name: c.name, description: c.description })),
    topics: round.topics.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** The idea's slug from the URL, or a 404. */
export function ideaSlugParam(params: Record<string, string | undefined>): string {
  const parsed = slug.safeParse(params.idea);
  if (!parsed.success) throw notFound("There is no idea at this address.");
  return parsed.data;
}
