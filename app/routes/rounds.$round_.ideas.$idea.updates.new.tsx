import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { UpdateForm } from "~/components/delivery/update-form";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { handleUpdateForm, teamProject } from "~/modules/delivery/team-pages.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, idea, project } = await teamProject(request, params);
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    milestones: project.milestones,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea, project } = await teamProject(request, params);
  return handleUpdateForm(user, { round, idea, projectId: project.id }, await readForm(request));
}

export default function NewUpdate() {
  const { round, idea, milestones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "New update")} />
      <p className="caption">{idea.title}</p>
      <h1>Write an update</h1>
      <p className="lede">
        Tell members what you did, what you learned and what comes next. Save it as a draft to finish later; only your
        team sees drafts.
      </p>
      <ErrorSummary errors={result?.errors} />
      <UpdateForm
        milestones={milestones}
        values={result?.values ?? {}}
        errors={result?.errors}
        preview={result && "preview" in result ? result.preview : undefined}
        published={false}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Write an update – ${data.idea.title}` : "Write an update");
