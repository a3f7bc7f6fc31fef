import { Link } from "@remix-run/react";
import type { IdeaState } from "../../../db/schema/ideas";
import { formatLondonDate } from "~/lib/time";
import { StateBadge } from "./state-badge";

export type IdeaCardData = {
  slug: string;
  title: string;
  summary: string;
  state: IdeaState;
  categoryName: string;
  leadName: string;
  supportCount: number;
  commentCount: number;
  updatedAt: string;
};

export function IdeaCard({
  roundSlug,
  idea,
  headingLevel = 2,
}: {
  roundSlug: string;
  idea: IdeaCardData;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card idea-card">
      <Heading className="card__title">
        <Link to={`/rounds/${roundSlug}/ideas/${idea.slug}`}>{idea.title}</Link>
      </Heading>
      {idea.summary ? <p className="card__summary">{idea.summary}</p> : null}
      <ul className="card__meta">
        <li>
          <StateBadge state={idea.state} />
        </li>
        <li>{idea.categoryName}</li>
        <li>Led by {idea.leadName}</li>
        <li>
          {idea.commentCount} {idea.commentCount === 1 ? "comment" : "comments"}
        </li>
        <li>
          {idea.supportCount} {idea.supportCount === 1 ? "supporter" : "supporters"}
        </li>
        <li>Updated {formatLondonDate(new Date(idea.updatedAt))}</li>
      </ul>
    </article>
  );
}
