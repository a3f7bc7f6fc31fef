// What the idea page needs from the conversation: the thread, who may comment, following.
import type { SessionUser } from "~/modules/accounts/sessions.server";
import type { IdeaWithTeam } from "~/modules/ideas/idea-queries.server";
import { closedReason } from "~/modules/ideas/route-context.server";
import type { RoundWithLists } from "~/modules/ideas/round-lookup.server";
import { isFollowing } from "./follows.server";
import { parseSort } from "./rules";
import { loadThread } from "./thread.server";

export { conversationAction } from "./idea-actions.server";

export async function conversationData(request: Request, round: RoundWithLists, idea: IdeaWithTeam, user: SessionUser | null, updateId: string | null = null) {
  const sort = parseSort(new URL(request.url).searchParams.get("sort"));
  const empty = { tree: [], count: 0 };
  const thread = idea.state === "draft" ? empty : await loadThread(idea.id, user, sort, idea.team.map((m) => m.userId), updateId);
  const note = closedReason(round, "comment", user);
  return {
    sort,
    ...thread,
    canComment: Boolean(user) && idea.state !== "draft" && note === null,
    note,
    signedIn: Boolean(user),
    following: user ? await isFollowing(idea.id, user.id) : false,
  };
}
