import type { EngagementSummary } from "~/modules/ideas/engagement.server";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The engagement an assessor looks at, in one line. */
export function Engagement({ engagement }: { engagement: EngagementSummary }) {
  const e = engagement;
  return (
    <>
      {count(e.comments, "comment", "comments")} ({count(e.teamReplies, "by the team", "by the team")});{" "}
      {count(e.supports, "supporter", "supporters")}; {count(e.revisionsAfterFirstComment, "edit", "edits")} after the
      first comment
    </>
  );
}
