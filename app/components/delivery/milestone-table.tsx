import { formatMonth, MILESTONE_STATUS_LABELS } from "~/modules/delivery/milestones";
import type { MilestoneStatus } from "../../../db/schema/delivery";
import { MILESTONE_BADGES } from "./labels";

export type MilestoneView = {
  id: string;
  title: string;
  dueMonth: string;
  status: MilestoneStatus;
  progress: number;
  dropReason: string | null;
  overdue: boolean;
};

/** The project's milestones, each with its status in words and an overdue flag in words. */
export function MilestoneTable({ milestones }: { milestones: MilestoneView[] }) {
  if (milestones.length === 0) return <p className="text-muted">The team has not set any milestones yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table milestone-table">
        <caption className="visually-hidden">Milestones, in order, with their due month, status and progress</caption>
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Progress
            </th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.title}
                {m.status === "dropped" && m.dropReason ? (
                  <div className="small text-muted">Dropped because: {m.dropReason}</div>
                ) : null}
              </th>
              <td className="nowrap">{formatMonth(m.dueMonth)}</td>
              <td>
                <span className={`badge ${MILESTONE_BADGES[m.status]}`}>{MILESTONE_STATUS_LABELS[m.status]}</span>
                {m.overdue ? <span className="badge badge--warning milestone-overdue">Overdue</span> : null}
              </td>
              <td className="num">{m.status === "dropped" ? "—" : `${m.progress}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
