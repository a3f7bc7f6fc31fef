import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { UpdateForm } from "~/components/delivery/update-form";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { readForm } from "~/lib/forms.server";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { updateNumberParam } from "~/modules/delivery/update-page.server";
import { updateOf } from "~/modules/delivery/queries.server";
import { handleUpdateForm, teamProject } from "~/modules/delivery/team-pages.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const ctx = await teamProject(request, params);
  const number = updateNumberParam(params);
  const update = await updateOf(ctx.idea.id, number, true);
  if (!update) httpError(404, "There is no such update.");
  return { ...ctx, update, number };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, idea, project, update } = await load(request, params);
  const values: Record<string, string> = {
    kind: update.kind,
    title: update.title,
    bodyMd: update.bodyMd,
    outcomesMd: update.outcomesMd,
    outputLinks: update.outputLinks.map((l) => (l.title === l.url ? l.url : `${l.title} ${l.url}`)).join("\n"),
  };
  // A draft's chosen changes come back into the form, so saving it again keeps them.
  if (update.status === "draft") {
    for (const c of update.changes) {
      values[`change.${c.milestoneId}.status`] = c.toStatus;
      values[`change.${c.milestoneId}.progress`] = String(c.toProgress);
      if (c.dropReason) values[`change.${c.milestoneId}.reason`] = c.dropReason;
    }
  }
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    update: { number: update.number, title: update.title, published: update.status === "published" },
    milestones: project.milestones,
    values,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea, project, number } = await load(request, params);
  return handleUpdateForm(user, { round, idea, projectId: project.id }, await readForm(request), number);
}

export default function EditUpdate() {
  const { round, idea, update, milestones, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, update.published ? "Edit update" : "Edit draft")} />
      <p className="caption">{idea.title}</p>
      <h1>{update.published ? "Edit update" : "Edit draft update"}</h1>
      {update.published ? (
        <p>This update is public. Your changes show at once, marked as edited.</p>
      ) : (
        <p>Only your team can see this draft until you publish it.</p>
      )}
      <ErrorSummary errors={result?.errors} />
      <UpdateForm
        milestones={milestones}
        values={result?.values ?? values}
        errors={result?.errors}
        preview={result && "preview" in result ? result.preview : undefined}
        published={update.published}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Edit “${data.update.title}”` : "Edit update");
