import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { proposalStateRefusal } from "~/modules/ideas/proposal-checks";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { MarkdownField } from "~/components/ideas/markdown-field";
import { BudgetRows, MilestoneRows } from "~/components/ideas/proposal-rows";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { previews } from "~/modules/ideas/form-state.server";
import { removeRow, rowCount, rowIntent } from "~/modules/ideas/form-rows";
import { proposalFor } from "~/modules/ideas/idea-queries.server";
import { LIMITS } from "~/modules/ideas/limits";
import { PROPOSAL_MARKDOWN, proposalFormValues } from "~/modules/ideas/proposal-form.server";
import { roleOn } from "~/modules/ideas/permissions";
import { closedReason, forbidden, ideaFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { saveProposal } from "~/modules/ideas/save-proposal.server";
import { ProposalFieldsSchema } from "~/modules/ideas/validation.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  if (!roleOn(user, idea.team)) throw forbidden("Only the idea's team can work on its proposal.");
  return { user, round, idea };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const saved = await proposalFor(idea.id, user, idea.team);
  const wrongState = proposalStateRefusal(idea.state);
  return {
    round: { slug: round.slug, title: round.title, maxAwardPence: round.maxAwardPence },
    idea: { slug: idea.slug, title: idea.title, state: idea.state },
    values: proposalFormValues(saved),
    closed: wrongState ?? closedReason(round, "submitProposal", user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const form = await readForm(request);
  let values = formValues(form);
  const intent = form.get("intent");
  const rows = rowIntent(intent);
  if (rows) {
    // Add or remove a row and show the form again; nothing is saved yet.
    if (rows.kind === "remove") values = removeRow(values, rows.prefix, rows.index);
    const counts = { milestones: rowCount(values, "milestones"), budget: rowCount(values, "budget") };
    if (rows.kind === "add") counts[rows.prefix] = Math.max(counts[rows.prefix], 1) + 1;
    return data({ ok: true as const, values, counts, errors: undefined, preview: undefined });
  }
  if (intent === "preview")
    return data({
      ok: true as const,
      values,
      preview: previews(values, PROPOSAL_MARKDOWN),
      errors: undefined,
      counts: undefined,
    });
  const parsed = parseForm(ProposalFieldsSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, values);
  try {
    await saveProposal(user, { ideaId: idea.id, ...parsed.data });
  } catch (error) {
    return domainFailure(error, values);
  }
  const path = `${ideaPath(round.slug, idea.slug)}/proposal`;
  if (intent === "save-draft")
    return redirectWithFlash(path, "Your proposal is saved. You can come back to it at any time before the deadline.");
  return redirectWithFlash(`${path}/check`, "Your proposal is saved. Check your answers.", { kind: "info" });
}

export default function ProposalForm() {
  const { round, idea, values: saved, closed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? saved;
  const errors = result?.errors ?? {};
  const preview = result && "preview" in result ? result.preview : undefined;
  const counts = result && "counts" in result ? result.counts : undefined;
  const milestones = Math.max(counts?.milestones ?? rowCount(values, "milestones"), 1);
  const budget = Math.max(counts?.budget ?? rowCount(values, "budget"), 1);
  const submitted = idea.state === "submitted";
  // A new form after every post: the rows' inputs are uncontrolled, so after a row is removed
  // they must be created afresh from the values the server sent back (as without JavaScript).
  const [seen, setSeen] = useState(result);
  const [generation, setGeneration] = useState(0);
  if (seen !== result) {
    setSeen(result);
    setGeneration(generation + 1);
  }
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Proposal")} />
      <p className="caption">{idea.title}</p>
      <h1>{submitted ? "Change your proposal" : "Write your proposal"}</h1>
      {closed ? (
        <>
          <p>{closed}</p>
          <p>
            <Link to={ideaPath(round.slug, idea.slug)}>Back to the idea</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lede">
            {submitted
              ? "Your proposal has been submitted. You can change it until the deadline; it must stay complete."
              : "Save as you go. When everything is filled in, check your answers and submit. Only the lead can submit."}
          </p>
          <ErrorSummary errors={result?.errors} />
          <Form method="post" noValidate key={generation}>
            <button
              type="submit"
              name="intent"
              value="save-draft"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
            >
              Save
            </button>
            <MarkdownField
              label="What it aims to achieve"
              name="aimsMd"
              maxWords={LIMITS.aimsWords}
              defaultValue={values.aimsMd}
              error={errors.aimsMd}
              previewHtml={preview?.aimsMd}
            />
            <MarkdownField
              label="How it will be delivered"
              name="deliveryMd"
              maxWords={LIMITS.deliveryWords}
              defaultValue={values.deliveryMd}
              error={errors.deliveryMd}
              previewHtml={preview?.deliveryMd}
            />
            <MarkdownField
              label="How it will share learning"
              name="learningMd"
              maxWords={LIMITS.learningWords}
              defaultValue={values.learningMd}
              error={errors.learningMd}
              previewHtml={preview?.learningMd}
            />
            <MarkdownField
              label="How others can contribute"
              name="contributeMd"
              maxWords={LIMITS.contributeWords}
              defaultValue={values.contributeMd}
              error={errors.contributeMd}
              previewHtml={preview?.contributeMd}
            />
            <MilestoneRows values={values} count={milestones} errors={errors} />
            <BudgetRows values={values} count={budget} errors={errors} maxAwardPence={round.maxAwardPence} />
            <div className="button-group">
              <SubmitButton name="intent" value="save" pendingText="Saving…">
                Save and check your answers
              </SubmitButton>
              <SubmitButton name="intent" value="save-draft" variant="secondary" pendingText="Saving…">
                Save and come back later
              </SubmitButton>
              <SubmitButton name="intent" value="preview" variant="secondary" pendingText="Preparing preview…">
                Preview
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Proposal: ${data.idea.title}` : "Proposal");
