import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox } from "~/components/checkbox";
import { ErrorSummary } from "~/components/error-summary";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { inStates, WITHDRAWABLE_STATES } from "~/modules/ideas/limits";
import { roleOn } from "~/modules/ideas/permissions";
import { closedReason, forbidden, ideaFromParams } from "~/modules/ideas/route-context.server";
import { ideaPath } from "~/modules/ideas/paths";
import { WithdrawSchema } from "~/modules/ideas/validation.server";
import { withdrawProposal } from "~/modules/ideas/withdraw-proposal.server";

async function load(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { round, idea } = await ideaFromParams(params, user);
  if (roleOn(user, idea.team) !== "lead") throw forbidden("Only the idea's lead can withdraw its proposal.");
  return { user, round, idea };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const withdrawable = inStates(WITHDRAWABLE_STATES, idea.state);
  return {
    round: { slug: round.slug, title: round.title },
    idea: { slug: idea.slug, title: idea.title },
    closed: withdrawable
      ? closedReason(round, "withdrawProposal", user)
      : "Only a submitted proposal can be withdrawn.",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, idea } = await load(request, params);
  const form = await readForm(request);
  const parsed = parseForm(WithdrawSchema, form);
  if (!parsed.ok) return formFailure(parsed.errors, {});
  try {
    await withdrawProposal(user, { ideaId: idea.id });
  } catch (error) {
    return domainFailure(error, {});
  }
  return redirectWithFlash(
    ideaPath(round.slug, idea.slug),
    "Your proposal has been withdrawn. It stays public, marked as withdrawn.",
  );
}

export default function WithdrawProposal() {
  const { round, idea, closed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="ideas-narrow">
      <Breadcrumbs items={ideaCrumbs(round, idea, "Withdraw")} />
      <h1>Withdraw your proposal</h1>
      {closed ? (
        <p>{closed}</p>
      ) : (
        <>
          <p>
            Withdrawing takes “{idea.title}” out of the round: the panel will not score it and nobody can vote for it.
            The idea and its history stay public, marked as withdrawn. You cannot undo this.
          </p>
          <ErrorSummary errors={result?.errors} />
          <Form method="post" noValidate>
            <Checkbox
              name="confirmWithdraw"
              label="I want to withdraw this proposal"
              error={result?.errors?.confirmWithdraw}
            />
            <SubmitButton variant="warning" pendingText="Withdrawing…">
              Withdraw proposal
            </SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to={ideaPath(round.slug, idea.slug)}>Back to the idea</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Withdraw your proposal");
