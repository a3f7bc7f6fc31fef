import { db, type Tx } from "~db/client";
import { Invalid } from "~/lib/errors";
import {
  assertAllowed,
  assertTeam,
  checkCategoryAndTopics,
  lockIdea,
  replaceTopics,
  revisionText,
  topicIdsOf,
  writeVersion,
  type Actor,
  type IdeaRow,
} from "./context.server";
import { diffIdeaText } from "./diff";
import { EditConflict } from "./edit-conflict";
import { EDITABLE_STATES, inStates } from "./limits";
import { publishProblems, type IdeaFields } from "./validation.server";

export type EditIdeaInput = IdeaFields & { ideaId: string; version: number; publish?: boolean };

/** The lead or a team member saves the idea (and may publish a draft in the same step). */
export async function editIdea(
  actor: Actor,
  input: EditIdeaInput,
): Promise<{ slug: string; version: number; published: boolean }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertTeam(actor, team, "edit it");
    assertAllowed(round, "editIdea", actor);
    if (input.publish && idea.state === "draft") assertAllowed(round, "publishIdea", actor);
    if (!inStates(EDITABLE_STATES, idea.state)) throw new Invalid("This idea can no longer be edited.");
    if (idea.version !== input.version) throw await conflict(tx, idea, input);
    checkCategoryAndTopics(round, input.categoryId, input.topicIds);
    if (idea.state !== "draft" || input.publish) {
      const problems = publishProblems(input);
      if (Object.keys(problems).length > 0)
        throw new Invalid("A published idea needs a summary and the challenge.", problems);
    }
    const saved = await writeVersion(tx, idea, actor, input);
    await replaceTopics(tx, idea.id, input.topicIds);
    return {
      slug: saved.slug,
      version: saved.version,
      published: idea.state === "draft" && saved.state === "published",
    };
  });
}

/** The other person's change: from the version this person started from to the one saved now. */
export async function conflict(
  tx: Tx,
  idea: IdeaRow,
  input: { ideaId: string; version: number; categoryId?: string; topicIds?: string[] },
) {
  const base = (await revisionText(tx, idea.id, input.version)) ?? { title: "", summary: "", challengeMd: "" };
  const topics = await topicIdsOf(tx, idea.id);
  return new EditConflict({
    version: idea.version,
    changes: diffIdeaText(base, idea),
    categoryChanged: input.categoryId !== undefined && input.categoryId !== idea.categoryId,
    topicsChanged: input.topicIds !== undefined && [...topics].sort().join() !== [...input.topicIds].sort().join(),
  });
}
