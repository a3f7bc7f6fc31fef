import { randomUUID } from "node:crypto";
import { and, eq, like, or } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { ideaRevisions, ideas, ideaTeamMembers } from "~db/schema";
import { now } from "~/lib/clock";
import { claimFormKey } from "~/lib/form-submissions.server";
import { Conflict, Forbidden, Invalid, NotFound } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { assertAllowed, checkCategoryAndTopics, replaceTopics, type Actor } from "./context.server";
import { canLead } from "./permissions";
import { findRoundById } from "./round-lookup.server";
import { ideaSlugBase, uniqueSlug } from "./slug";
import { publishProblems, type IdeaFields } from "./validation.server";

export type CreateIdeaInput = IdeaFields & {
  roundId: string;
  publish: boolean;
  /** The form's one-time key (form-submissions.server.ts). */ formKey?: string;
};

/**
 * A member starts an idea in a round open for ideas, as a draft or published at once. The same
 * form sent again (same `formKey`) creates nothing and returns the idea the first send created.
 */
export async function createIdea(actor: Actor, input: CreateIdeaInput): Promise<{ id: string; slug: string }> {
  if (!canLead(actor))
    throw new Forbidden("Only members can lead an idea. You can apply for membership from your account page.");
  // Two ideas with the same title at the same moment may pick the same slug; the loser tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertIdea(actor, input);
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error, "ideas_round_slug_key")) continue;
      throw error;
    }
  }
}

async function insertIdea(actor: Actor, input: CreateIdeaInput) {
  return db.transaction(async (tx) => {
    const id = randomUUID();
    if (input.formKey) {
      const earlier = await claimFormKey(tx, { userId: actor.id, key: input.formKey, kind: "idea", recordId: id });
      if (earlier) return ideaRef(tx, earlier);
    }
    const round = await findRoundById(tx, input.roundId);
    if (!round || round.phase === "draft") throw new NotFound("There is no such round.");
    assertAllowed(round, "publishIdea", actor);
    checkCategoryAndTopics(round, input.categoryId, input.topicIds);
    if (input.publish) {
      const problems = publishProblems(input);
      if (Object.keys(problems).length > 0) throw new Invalid("Complete the idea before you publish it.", problems);
    }
    const base = ideaSlugBase(input.title);
    const taken = await tx
      .select({ slug: ideas.slug })
      .from(ideas)
      .where(and(eq(ideas.roundId, round.id), or(eq(ideas.slug, base), like(ideas.slug, `${base}-%`))));
    const slug = uniqueSlug(
      base,
      taken.map((t) => t.slug),
    );
    const at = now();
    const [idea] = await tx
      .insert(ideas)
      .values({
        id,
        roundId: round.id,
        categoryId: input.categoryId,
        slug,
        title: input.title,
        summary: input.summary,
        challengeMd: input.challengeMd,
        challengeHtml: renderMarkdown(input.challengeMd, "full"),
        state: input.publish ? "published" : "draft",
        leadId: actor.id,
        createdAt: at,
        updatedAt: at,
        lastActivityAt: at,
        publishedAt: input.publish ? at : null,
      })
      .returning({ id: ideas.id, slug: ideas.slug });
    await tx.insert(ideaTeamMembers).values({ ideaId: idea.id, userId: actor.id, role: "lead", joinedAt: at });
    await replaceTopics(tx, idea.id, input.topicIds);
    await tx.insert(ideaRevisions).values({
      ideaId: idea.id,
      version: 1,
      title: input.title,
      summary: input.summary,
      challengeMd: input.challengeMd,
      isPublic: input.publish,
      authorId: actor.id,
      createdAt: at,
    });
    return idea;
  });
}

async function ideaRef(tx: Tx, id: string): Promise<{ id: string; slug: string }> {
  const [idea] = await tx.select({ id: ideas.id, slug: ideas.slug }).from(ideas).where(eq(ideas.id, id));
  if (!idea)
    throw new Conflict("This form was already sent, and the idea it made is gone. Reload the page to start again.");
  return idea;
}
