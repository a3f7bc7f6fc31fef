// What the idea page needs from the conversation: the thread, who may comment, following.
import { newFormKey } from "~/lib/form-submissions.server";
import type { SessionUser } from "~/modules/accounts/sessions.server";
import type { IdeaWithTeam } from "~/modules/ideas/idea-queries.server";
import { closedReason } from "~/modules/ideas/route-context.server";
import type { RoundWithLists } from "~/modules/ideas/round-lookup.server";
import { isFollowing } from "./follows.server";
import { parseSort } from "./rules";
import { THREADS_PER_PAGE, loadThread } from "./thread.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (value: string | null) => (value && UUID.test(value) ? value : null);

export { conversationAction } from "./idea-actions.server";

export async function conversationData(
  request: Request,
  round: RoundWithLists,
  idea: IdeaWithTeam,
  user: SessionUser | null,
  updateId: string | null = null,
) {
  const search = new URL(request.url).searchParams;
  const sort = parseSort(search.get("sort"));
  const paging = { page: Number(search.get("comments") ?? "1"), focusId: uuidOrNull(search.get("comment")) };
  const empty = { tree: [], count: 0, threads: 0, page: 1 };
  const thread =
    idea.state === "draft"
      ? empty
      : await loadThread(
          idea.id,
          user,
          sort,
          idea.team.map((m) => m.userId),
          updateId,
          paging,
        );
  const note = closedReason(round, "comment", user);
  return {
    sort,
    ...thread,
    threadsPerPage: THREADS_PER_PAGE,
    canComment: Boolean(user) && idea.state !== "draft" && note === null,
    note,
    signedIn: Boolean(user),
    following: user ? await isFollowing(idea.id, user.id) : false,
    /** This rendering's key; each comment form on the page sends it with its own suffix. */
    formKey: newFormKey(),
  };
}
