import { Form, Link } from "@remix-run/react";
import type { IdeaState } from "../../../db/schema/ideas";
import { SubmitButton } from "~/components/submit-button";
import { formatLondonDate } from "~/lib/time";
import { StateBadge } from "./state-badge";

export type SidebarViewer = {
  signedIn: boolean;
  role: "lead" | "member" | null;
  supported: boolean;
  canSupport: boolean;
  supportNote: string | null;
  supportOpen: boolean;
  canEdit: boolean;
  canWithdraw: boolean;
  canWorkOnProposal: boolean;
};

type SidebarIdea = {
  slug: string;
  state: IdeaState;
  categoryName: string;
  supportCount: number;
  updatedAt: string;
  publishedAt: string | null;
  submittedAt: string | null;
  withdrawnAt: string | null;
};

/** The idea page's key facts, the support button and the related actions. */
export function IdeaSidebar({
  round,
  idea,
  revisions,
  viewer,
}: {
  round: { slug: string; title: string };
  idea: SidebarIdea;
  revisions: number;
  viewer: SidebarViewer;
}) {
  const base = `/rounds/${round.slug}/ideas/${idea.slug}`;
  return (
    <aside className="with-sidebar__aside" aria-label="About this idea">
      <dl className="idea-facts">
        <div>
          <dt>Stage</dt>
          <dd>
            <StateBadge state={idea.state} />
          </dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{idea.categoryName}</dd>
        </div>
        {idea.publishedAt ? (
          <div>
            <dt>Published</dt>
            <dd>{formatLondonDate(new Date(idea.publishedAt))}</dd>
          </div>
        ) : null}
        {idea.submittedAt ? (
          <div>
            <dt>Proposal submitted</dt>
            <dd>{formatLondonDate(new Date(idea.submittedAt))}</dd>
          </div>
        ) : null}
        {idea.withdrawnAt ? (
          <div>
            <dt>Withdrawn</dt>
            <dd>{formatLondonDate(new Date(idea.withdrawnAt))}</dd>
          </div>
        ) : null}
        <div>
          <dt>Last updated</dt>
          <dd>{formatLondonDate(new Date(idea.updatedAt))}</dd>
        </div>
        <div>
          <dt>Supporters</dt>
          <dd>{idea.supportCount}</dd>
        </div>
      </dl>
      <SupportBox viewer={viewer} back={base} />
      <h2 className="sidebar-heading">More</h2>
      <ul className="link-list">
        {revisions > 0 ? (
          <li>
            <Link to={`${base}/history`}>
              See the history of changes ({revisions} {revisions === 1 ? "version" : "versions"})
            </Link>
          </li>
        ) : null}
        {viewer.canEdit ? (
          <li>
            <Link to={`${base}/edit`}>Edit the idea</Link>
          </li>
        ) : null}
        {viewer.role ? (
          <li>
            <Link to={`${base}/team`}>{viewer.role === "lead" ? "Manage the team" : "The team"}</Link>
          </li>
        ) : null}
        {viewer.canWorkOnProposal ? (
          <li>
            <Link to={`${base}/proposal`}>
              {idea.state === "submitted" ? "Change the proposal" : "Write the proposal"}
            </Link>
          </li>
        ) : null}
        {viewer.canWithdraw ? (
          <li>
            <Link to={`${base}/withdraw`}>Withdraw the proposal</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/rounds/${round.slug}/ideas`}>All ideas in {round.title}</Link>
        </li>
      </ul>
    </aside>
  );
}

function SupportBox({ viewer, back }: { viewer: SidebarViewer; back: string }) {
  if (!viewer.supportOpen) return null;
  if (!viewer.signedIn) {
    return (
      <p>
        <Link to={`/sign-in?redirectTo=${encodeURIComponent(back)}`}>Sign in</Link> to support this idea.
      </p>
    );
  }
  if (!viewer.canSupport) return viewer.supportNote ? <p className="text-muted">{viewer.supportNote}</p> : null;
  return (
    <Form method="post" className="support-form">
      {viewer.supported ? (
        <>
          <p>You support this idea.</p>
          <SubmitButton name="intent" value="unsupport" variant="secondary" pendingText="Updating…">
            Take back your support
          </SubmitButton>
        </>
      ) : (
        <SubmitButton name="intent" value="support" pendingText="Adding your support…">
          Support this idea
        </SubmitButton>
      )}
    </Form>
  );
}
