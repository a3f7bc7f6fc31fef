import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { BudgetTable, monthLabel } from "~/components/ideas/proposal-sections";
import { SubmitButton } from "~/components/submit-button";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatPence } from "~/lib/money";
import { requireUser } from "~/modules/accounts/auth.server";
import { proposalFor } from "~/modules/ideas/idea-queries.server";
import { roleOn } from "~/modules/ideas/permissions";
import { submissionProblems } from "~/modules/ideas/proposal-checks";
import { closedReason, forbidden, ideaFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { submitProposal } from "~/modules/ideas/submit-proposal.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  const role = roleOn(user, idea.team);
  if (!role) throw forbidden("Only the idea's team can see its proposal before it is submitted.");
  return { user, round, idea, role };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round, idea, role } = await load(request, params);
  const saved = await proposalFor(idea.id, user, idea.team);
  const lines = saved?.budgetLines ?? [];
  const problems = submissionProblems(saved?.proposal ?? null, saved?.milestones ?? [], lines, round.maxAwardPence);
  return {
    round: { slug: round.slug, title: round.title, maxAwardPence: round.maxAwardPence },
    idea: { slug: idea.slug, title: idea.title, state: idea.state },
    role,
    proposal: saved
      ? {
          aimsHtml: saved.proposal.aimsHtml,
          deliveryHtml: saved.proposal.deliveryHtml,
          learningHtml: saved.proposal.learningHtml,
          contributeHtml: saved.proposal.contributeHtml,
          milestones: saved.milestones,
          budgetLines: lines,
        }
      : null,
    problems: Object.values(problems),
    closed: closedReason(round, "submitProposal", user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const form = await readForm(request);
  if (form.get("intent") !== "submit") return formFailure({ form: "Choose an action." }, {});
  try {
    await submitProposal(user, { ideaId: idea.id });
  } catch (error) {
    // Field problems are listed as text here: the fields are on the previous page.
    if (error instanceof DomainError && error.fieldErrors) {
      return formFailure(Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [`_${k}`, v])), {}, 400);
    }
    return domainFailure(error, {});
  }
  return redirectWithFlash(
    ideaPath(round.slug, idea.slug),
    "Your proposal has been submitted. We have emailed you a confirmation.",
  );
}

export default function CheckProposal() {
  const { round, idea, role, proposal, problems, closed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const change = `${ideaPath(round.slug, idea.slug)}/proposal`;
  const submitted = idea.state !== "published" && idea.state !== "draft";
  const rows: [string, string, string][] = proposal
    ? [
        ["What it aims to achieve", proposal.aimsHtml, "aimsMd"],
        ["How it will be delivered", proposal.deliveryHtml, "deliveryMd"],
        ["How it will share learning", proposal.learningHtml, "learningMd"],
        ["How others can contribute", proposal.contributeHtml, "contributeMd"],
      ]
    : [];
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Check your answers")} />
      <p className="caption">{idea.title}</p>
      <h1>Check your answers before submitting your proposal</h1>
      <ErrorSummary errors={result?.errors} />
      {!proposal ? (
        <p>
          There is no proposal yet. <Link to={change}>Write the proposal</Link>.
        </p>
      ) : (
        <>
          <dl className="summary-list">
            {rows.map(([label, html, field]) => (
              <div key={field}>
                <dt>{label}</dt>
                <dd>
                  {html ? (
                    <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
                  ) : (
                    <span className="text-muted">Not written yet</span>
                  )}
                </dd>
                <dd className="summary-list__actions">
                  <Link to={`${change}#field-${field}`}>
                    Change<span className="visually-hidden"> {label.toLowerCase()}</span>
                  </Link>
                </dd>
              </div>
            ))}
            <div>
              <dt>Timeline</dt>
              <dd>
                {proposal.milestones.length === 0 ? (
                  <span className="text-muted">No milestones yet</span>
                ) : (
                  <ol className="milestone-list">
                    {proposal.milestones.map((m, i) => (
                      <li key={i}>
                        <strong>{monthLabel(m.targetMonth)}</strong>: {m.title}
                      </li>
                    ))}
                  </ol>
                )}
              </dd>
              <dd className="summary-list__actions">
                <Link to={`${change}#field-milestones`}>
                  Change<span className="visually-hidden"> the timeline</span>
                </Link>
              </dd>
            </div>
          </dl>
          <h2>Budget</h2>
          {proposal.budgetLines.length > 0 ? (
            <BudgetTable
              lines={proposal.budgetLines}
              caption={`Budget (at most ${formatPence(round.maxAwardPence)})`}
            />
          ) : (
            <p className="text-muted">No budget lines yet.</p>
          )}
          <p>
            <Link to={`${change}#field-budget`}>Change the budget</Link>
          </p>

          {submitted ? (
            <p>This proposal has been submitted.</p>
          ) : closed ? (
            <p>{closed}</p>
          ) : problems.length > 0 ? (
            <div className="card">
              <h2 className="card__title">Before you can submit</h2>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              <p>
                <Link to={change}>Go back to the proposal</Link>
              </p>
            </div>
          ) : role !== "lead" ? (
            <p>The proposal is complete. Only the lead can submit it.</p>
          ) : (
            <>
              <h2>Now submit your proposal</h2>
              <p>
                By submitting you confirm the proposal is accurate and that your team can deliver it. A member may
                submit one proposal in a round. You can still change it until the deadline, or withdraw it before the
                results.
              </p>
              <Form method="post">
                <SubmitButton name="intent" value="submit" pendingText="Submitting…">
                  Submit proposal
                </SubmitButton>
              </Form>
            </>
          )}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => title("Check your answers");
