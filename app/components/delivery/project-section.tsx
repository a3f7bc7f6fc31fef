import { Link } from "@remix-run/react";
import { formatPence } from "~/lib/money";
import { formatLondonDate } from "~/lib/time";
import type { ProjectSectionData } from "~/modules/delivery/idea-page.server";
import { editUpdatePath, feedPath, milestonesPath, newUpdatePath, updatePath } from "~/modules/delivery/paths";
import { PROJECT_STATUS_LABELS, UPDATE_KIND_LABELS } from "./labels";
import { MilestoneTable } from "./milestone-table";

type Props = { project: ProjectSectionData; round: { slug: string }; idea: { slug: string; title: string } };

/** The idea page's project part: award, status, progress, milestones and the published updates. */
export function ProjectSection({ project, round, idea }: Props) {
  const overdue = project.milestones.filter((m) => m.overdue).length;
  const scope = { kind: "project" as const, roundSlug: round.slug, ideaSlug: idea.slug };
  return (
    <section className="section project" aria-labelledby="project-title">
      <h2 id="project-title">The funded project</h2>
      <dl className="summary-list project__facts">
        <div className="summary-list__row">
          <dt className="summary-list__key">Award</dt>
          <dd>{formatPence(project.awardPence)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Status</dt>
          <dd>{PROJECT_STATUS_LABELS[project.status]}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Progress</dt>
          <dd>
            <progress
              className="project__progress"
              max={100}
              value={project.progress}
              aria-label="Progress across milestones"
            >
              {project.progress}%
            </progress>{" "}
            {project.progress}% across milestones{overdue > 0 ? `, ${overdue} overdue` : ""}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Started</dt>
          <dd>{formatLondonDate(new Date(project.startedAt))}</dd>
        </div>
      </dl>

      {project.team ? (
        <div className="card project__team">
          <h3 className="card__title">For the team</h3>
          {project.team.canWrite ? (
            <p className="button-group">
              <Link className="button" to={newUpdatePath(round.slug, idea.slug)}>
                Write an update
              </Link>
              <Link className="button button--secondary" to={milestonesPath(round.slug, idea.slug)}>
                Edit milestones
              </Link>
            </p>
          ) : (
            <p className="text-muted">{project.team.note}</p>
          )}
          {project.drafts.length > 0 ? (
            <>
              <h4>Your drafts (only the team sees them)</h4>
              <ul className="link-list">
                {project.drafts.map((d) => (
                  <li key={d.number}>
                    <Link to={editUpdatePath(round.slug, idea.slug, d.number)}>{d.title}</Link>{" "}
                    <span className="small text-muted">
                      {UPDATE_KIND_LABELS[d.kind]}, saved {formatLondonDate(new Date(d.updatedAt))}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      <h3>Milestones</h3>
      <MilestoneTable milestones={project.milestones} />

      <h3 id="updates">Updates</h3>
      {project.updates.length === 0 ? (
        <p className="empty-state">No updates published yet.</p>
      ) : (
        <ol className="update-list">
          {project.updates.map((u) => (
            <li key={u.number} className="update-list__item">
              <article>
                <h4 className="update-list__title">
                  <Link to={updatePath(round.slug, idea.slug, u.number)}>{u.title}</Link>
                </h4>
                <p className="small text-muted">
                  {u.kind === "final_report" ? <span className="badge badge--success">Final report</span> : null}{" "}
                  Published {formatLondonDate(new Date(u.publishedAt))}
                  {u.authorName ? ` by ${u.authorName}` : ""}
                  {u.edited ? " (edited)" : ""}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
      <p className="small">
        Follow this project’s updates: <a href={feedPath(scope, "rss")}>RSS</a> ·{" "}
        <a href={feedPath(scope, "atom")}>Atom</a> · <a href={feedPath(scope, "json")}>JSON Feed</a>
      </p>
    </section>
  );
}
