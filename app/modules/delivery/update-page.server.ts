// The public page of one update: the update, the milestone changes published with it, and its
// own comment thread (comments carry the update's id; see docs/architecture.md, Delivery).
import { z } from "zod";
import { httpError } from "~/lib/http.server";
import type { SessionUser } from "~/modules/accounts/sessions.server";
import { conversationData } from "~/modules/conversation/idea-page.server";
import { roleOn } from "~/modules/ideas/permissions";
import { closedReason, ideaFromParams } from "~/modules/ideas/route-context.server";
import { updateOf } from "./queries.server";

const NumberParam = z.coerce.number().int().min(1).max(1_000_000);

export function updateNumberParam(params: Record<string, string | undefined>): number {
  const parsed = /^\d+$/.test(params.update ?? "") ? NumberParam.safeParse(params.update) : null;
  if (!parsed?.success) httpError(404, "There is no such update.");
  return parsed.data;
}

export async function updateFromParams(params: Record<string, string | undefined>, user: SessionUser | null) {
  const { round, idea } = await ideaFromParams(params, user);
  const role = roleOn(user, idea.team);
  const update = idea.state === "funded" ? await updateOf(idea.id, updateNumberParam(params), Boolean(role)) : null;
  if (!update) httpError(404, "There is no such update.");
  return { round, idea, role, update };
}

export async function updatePage(
  request: Request,
  params: Record<string, string | undefined>,
  user: SessionUser | null,
) {
  const { round, idea, role, update } = await updateFromParams(params, user);
  const published = update.status === "published";
  const conversation = await conversationData(request, round, idea, user, update.id);
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    update: {
      number: update.number,
      kind: update.kind,
      status: update.status,
      title: update.title,
      bodyHtml: update.bodyHtml,
      outcomesHtml: update.outcomesHtml,
      outputLinks: update.outputLinks,
      authorName: update.authorName,
      authorHandle: update.authorHandle,
      publishedAt: update.publishedAt?.toISOString() ?? null,
      editedAt: update.editedAt?.toISOString() ?? null,
      changes: update.changes,
    },
    // Drafts take no comments: the thread opens when the update is published.
    conversation: published ? conversation : { ...conversation, canComment: false, tree: [], count: 0 },
    canEdit: Boolean(role) && closedReason(round, "postUpdate", user) === null,
  };
}
