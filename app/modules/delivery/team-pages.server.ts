// The team's delivery pages (new update, edit update, milestones) start the same way: signed in,
// on the team, the idea a project, the round in delivery. Their forms end the same way too.
import { httpError } from "~/lib/http.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { requireUser } from "~/modules/accounts/auth.server";
import type { SessionUser } from "~/modules/accounts/sessions.server";
import { roleOn } from "~/modules/ideas/permissions";
import { closedReason, ideaFromParams } from "~/modules/ideas/route-context.server";
import { createUpdate, editUpdate } from "./save-update.server";
import { updatePath } from "./paths";
import { milestonesOf, projectForIdea } from "./queries.server";
import { parseMilestoneChanges, UpdateFieldsSchema } from "./validation";
import { fieldErrorsFrom } from "~/lib/forms.server";

export async function teamProject(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  if (!roleOn(user, idea.team)) httpError(403, "Only the project's team can do this.");
  const project = idea.state === "funded" ? await projectForIdea(idea.id, true) : null;
  if (!project) httpError(404, "This idea is not a funded project.");
  const closed = closedReason(round, "postUpdate", user);
  if (closed) httpError(403, closed);
  return { user, round, idea, project };
}

/** Parses the update form and saves it (or shows the preview); `number` when editing. */
export async function handleUpdateForm(
  user: SessionUser,
  ctx: { round: { slug: string }; idea: { id: string; slug: string }; projectId: string },
  form: FormData,
  number?: number,
) {
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const parsed = UpdateFieldsSchema.safeParse(values);
  if (intent === "preview") {
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    delete errors.title;
    delete errors.bodyMd;
    return {
      ok: false as const,
      errors,
      values,
      preview: {
        bodyHtml: renderMarkdown(values.bodyMd ?? "", "full"),
        outcomesHtml: renderMarkdown(values.outcomesMd ?? "", "full"),
      },
    };
  }
  const milestones = await milestonesOf(ctx.projectId);
  const changes = parseMilestoneChanges(values, milestones);
  const errors = { ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)), ...(changes.ok ? {} : changes.errors) };
  if (!parsed.success || !changes.ok) return formFailure(errors, values);
  const input = { ideaId: ctx.idea.id, fields: parsed.data, changes: changes.changes, publish: intent === "publish" };
  try {
    const update =
      number === undefined ? await createUpdate(user, input) : await editUpdate(user, { ...input, number });
    const path = updatePath(ctx.round.slug, ctx.idea.slug, update.number);
    if (update.status === "draft")
      return redirectWithFlash(path, "Your draft is saved. Only your team can see it until you publish it.");
    return redirectWithFlash(
      path,
      number !== undefined && intent === "save"
        ? "Your changes are saved."
        : "Your update is published. Followers of the project have been told.",
    );
  } catch (error) {
    return domainFailure(error, values);
  }
}
