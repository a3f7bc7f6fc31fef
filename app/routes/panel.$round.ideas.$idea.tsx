import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Field } from "~/components/field";
import { PanelProposal } from "~/components/panel-proposal";
import { OthersReviews, RubricFields } from "~/components/panel-review";
import { SubmitButton } from "~/components/submit-button";
import { CONFLICT_LABELS } from "~/components/panel-admin";
import { now } from "~/lib/clock";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, formValues, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { ideaPath } from "~/modules/ideas/paths";
import { forRules } from "~/modules/rounds/model";
import { allowed } from "~/modules/rounds/rules";
import { proposalView } from "~/modules/panel/proposal-view.server";
import { findReviewTarget, reviewPage } from "~/modules/panel/review-queries.server";
import { declareConflict, rubricCriteria, saveReview } from "~/modules/panel/review.server";
import { weightedTotal } from "~/modules/panel/scoring";
import { DeclareConflictSchema, ReviewParamsSchema, reviewSchema } from "~/modules/panel/validation";

const notFound = () => new Response("There is no such proposal among your reviews.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ReviewParamsSchema.safeParse(params);
  const page = parsed.success ? await reviewPage(user.id, parsed.data.round, parsed.data.idea) : null;
  if (!page) throw notFound();
  const criteria = rubricCriteria(page.round.rubric);
  const gate = allowed(forRules(page.round), "score", now());
  const totalOf = (scores: { criterionId: string; score: number }[]) =>
    scores.length === criteria.length ? weightedTotal(criteria, scores).toFixed(2) : null;
  return {
    round: { slug: page.round.slug, title: page.round.title },
    idea: { slug: page.target.ideaSlug, title: page.target.title },
    proposal: proposalView(page),
    rubric: page.round.rubric,
    own: page.own
      ? {
          status: page.own.status,
          scores: page.own.scores,
          panelComment: page.own.panelComment,
          applicantFeedback: page.own.applicantFeedback,
        }
      : null,
    flags: page.flags.map((f) => ({
      label: CONFLICT_LABELS[f.kind] ?? f.kind,
      detail: f.detail,
      override: f.overrideReason,
    })),
    others:
      page.others?.map((o) => ({
        name: o.name,
        scores: o.scores,
        total: totalOf(o.scores),
        panelComment: o.panelComment,
        submittedAt: o.submittedAt ? formatLondon(o.submittedAt) : "",
      })) ?? null,
    closed: page.published
      ? "The shortlist has been published, so scores can no longer change."
      : gate.ok
        ? null
        : gate.reason,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ReviewParamsSchema.safeParse(params);
  const target = parsed.success ? await findReviewTarget(user.id, parsed.data.round, parsed.data.idea) : null;
  if (!target) throw notFound();
  const form = await readForm(request);
  const values = formValues(form);
  const back = `/panel/${target.roundSlug}/ideas/${target.ideaSlug}`;
  try {
    if (form.get("intent") === "declare") {
      const declared = parseForm(DeclareConflictSchema, form);
      if (!declared.ok) return formFailure(declared.errors, values);
      await declareConflict(user, { ideaId: target.ideaId, reason: declared.data.reason });
      return redirectWithFlash("/panel", `You have declared a conflict with “${target.title}” and will not review it.`);
    }
    const page = await reviewPage(user.id, target.roundSlug, target.ideaSlug);
    if (!page) throw notFound();
    const review = parseForm(reviewSchema(page.round.rubric.length), form);
    if (!review.ok) return formFailure(review.errors, values);
    const saved = await saveReview(user, { ideaId: target.ideaId, ...review.data });
    return redirectWithFlash(
      back,
      saved.status === "submitted"
        ? "Your review is submitted. Other reviewers' scores are below."
        : "Your draft is saved.",
    );
  } catch (error) {
    return domainFailure(error, values);
  }
}

export default function ReviewPage() {
  const { round, idea, proposal, rubric, own, flags, others, closed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = (name: string, saved?: string) => result?.values?.[name] ?? saved;
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to="/panel">Your reviews</Link>
          </li>
          <li className="breadcrumbs__item" aria-current="page">
            {idea.title}
          </li>
        </ol>
      </nav>
      <span className="caption">Review for {round.title}</span>
      <h1>{idea.title}</h1>
      <ErrorSummary errors={result?.errors} />
      {flags.length > 0 ? (
        <div className="empty-state">
          <p>Declared or found links between you and this proposal, for you and the programme team to weigh:</p>
          <ul>
            {flags.map((f, i) => (
              <li key={i}>
                {f.label}: {f.detail}
                {f.override ? ` Allowed by an admin: ${f.override}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <Link to={`${ideaPath(round.slug, idea.slug)}/history`}>See the idea's revision history</Link>
      </p>
      <PanelProposal p={proposal} idPrefix="review" />

      <h2>Your review</h2>
      {own ? (
        <p>
          Status: <strong>{own.status === "submitted" ? "Submitted" : "Draft"}</strong>
        </p>
      ) : null}
      {closed ? (
        <p>{closed}</p>
      ) : (
        <Form method="post" noValidate>
          <RubricFields rubric={rubric} saved={own?.scores ?? []} values={result?.values} errors={result?.errors} />
          <Field
            label="Comment for the panel"
            name="panelComment"
            multiline
            rows={5}
            maxLength={5000}
            hint="Other reviewers and the chair read this; the applicant does not."
            defaultValue={v("panelComment", own?.panelComment)}
            error={result?.errors?.panelComment}
          />
          <Field
            label="Feedback for the applicant"
            name="applicantFeedback"
            optional
            multiline
            rows={4}
            maxLength={5000}
            hint="Sent to the team with the shortlist decision."
            defaultValue={v("applicantFeedback", own?.applicantFeedback)}
            error={result?.errors?.applicantFeedback}
          />
          <div className="button-group">
            <SubmitButton name="intent" value="submit" pendingText="Submitting…">
              {own?.status === "submitted" ? "Update your submitted review" : "Submit your review"}
            </SubmitButton>
            {own?.status === "submitted" ? null : (
              <SubmitButton name="intent" value="draft" variant="secondary" pendingText="Saving…">
                Save as a draft
              </SubmitButton>
            )}
          </div>
        </Form>
      )}

      <h2>Other reviewers</h2>
      {others ? (
        <OthersReviews rubric={rubric} others={others} />
      ) : (
        <p>Other reviewers' scores and comments show here once you have submitted your own review.</p>
      )}

      {closed && closed.startsWith("The shortlist") ? null : (
        <>
          <h2>Declare a conflict</h2>
          <Form method="post" noValidate>
            <p>
              If you have a link with this proposal or its team that could affect your judgement, declare it. You will
              no longer see the proposal or its scores, and any review you started is discarded.
            </p>
            <Field
              label="What is the conflict?"
              name="reason"
              multiline
              rows={3}
              maxLength={1000}
              hint="Only the programme team sees this."
              defaultValue={result?.values?.intent === "declare" ? result?.values?.reason : undefined}
              error={result?.errors?.reason}
            />
            <SubmitButton name="intent" value="declare" variant="warning" pendingText="Declaring…">
              Declare a conflict and step aside
            </SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Review: ${data.idea.title}` : "Review");
