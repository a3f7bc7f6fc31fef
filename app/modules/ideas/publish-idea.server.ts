import { db } from "~db/client";
import { Invalid } from "~/lib/errors";
import { assertAllowed, assertTeam, lockIdea, writeVersion, type Actor } from "./context.server";
import { conflict } from "./edit-idea.server";
import { publishProblems } from "./validation.server";

/** Makes a draft public, as it was last saved. */
export async function publishIdea(actor: Actor, input: { ideaId: string; version: number }): Promise<{ slug: string }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    assertTeam(actor, team, "publish it");
    assertAllowed(round, "publishIdea", actor);
    if (idea.state !== "draft") throw new Invalid("This idea is already published.");
    if (idea.version !== input.version) throw await conflict(tx, idea, input);
    const problems = publishProblems(idea);
    if (Object.keys(problems).length > 0) throw new Invalid("Complete the idea before you publish it.", problems);
    const saved = await writeVersion(tx, idea, actor, { ...idea, publish: true });
    return { slug: saved.slug };
  });
}
