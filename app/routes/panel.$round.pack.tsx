import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { Link, useLoaderData } from "@remix-run/react";
import { PanelProposal } from "~/components/panel-proposal";
import { title } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { proposalView } from "~/modules/panel/proposal-view.server";
import { findReviewTargets, panelPack } from "~/modules/panel/review-queries.server";
import { PanelParamsSchema } from "~/modules/panel/validation";
import { getRoundBySlug } from "~/modules/rounds/queries.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = PanelParamsSchema.safeParse(params);
  const round = parsed.success ? await getRoundBySlug(parsed.data.round) : null;
  // Only the proposals this reviewer may open: blocked and recused ones are left out by the query.
  const targets = round ? await findReviewTargets(user.id, round.slug) : [];
  if (!round || targets.length === 0) httpError(404, "You have no proposals to review in this round.");
  const pack = await panelPack(targets);
  return {
    round: { slug: round.slug, title: round.title },
    proposals: pack.map((p) => ({ slug: p.target.ideaSlug, view: proposalView(p) })),
  };
}

export default function PanelPack() {
  const { round, proposals } = useLoaderData<typeof loader>();
  return (
    <div className="panel-pack">
      <nav className="breadcrumbs no-print" aria-label="Breadcrumb">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__item">
            <Link to="/panel">Your reviews</Link>
          </li>
          <li className="breadcrumbs__item" aria-current="page">
            Panel pack
          </li>
        </ol>
      </nav>
      <span className="caption">Panel pack</span>
      <h1>
        {round.title}: your {proposals.length} {proposals.length === 1 ? "proposal" : "proposals"}
      </h1>
      <p className="no-print">
        Print this page (or save it as a PDF) to read offline: each proposal starts on a new page. Budgets are
        confidential to the panel.
      </p>
      {proposals.map((p, i) => (
        <article key={p.slug} className="panel-pack__proposal print-page-break" aria-labelledby={`pack-${i}`}>
          <h2 id={`pack-${i}`}>{p.view.title}</h2>
          <PanelProposal p={p.view} headingLevel={3} idPrefix={`pack-${i}`} />
        </article>
      ))}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Panel pack: ${data.round.title}` : "Panel pack");
