import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { comments, notifications } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { postComment } from "../../app/modules/conversation/comments.server";
import { THREADS_PER_PAGE } from "../../app/modules/conversation/thread.server";
import { loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { context, get, run } from "../support/http";

describe("a long conversation is paged by top-level threads", () => {
  it("shows one page of threads with all their replies; a link to a comment lands on its page", async () => {
    const round = await createRound({ phase: "ideas" });
    const lead = await createUser();
    const member = await createUser();
    const idea = await insertIdea({ round, lead, title: "A much discussed idea" });
    const total = THREADS_PER_PAGE + 5;
    const start = Date.now() - total * 60_000;
    const roots = await db
      .insert(comments)
      .values(
        Array.from({ length: total }, (_, i) => ({
          ideaId: idea.id,
          authorId: member.id,
          depth: 1,
          bodyMd: `Comment ${i + 1}`,
          bodyHtml: `<p>Comment ${i + 1}</p>`,
          createdAt: new Date(start + i * 60_000),
        })),
      )
      .returning({ id: comments.id });
    // A reply, through the use case, on the last thread (which is on page 2, oldest first).
    const reply = await postComment(
      { ...lead, isAdmin: false },
      { ideaId: idea.id, parentId: roots[total - 1].id, body: "Thanks, we will." },
    );

    const load = (query: string) =>
      run(() =>
        ideaLoader({
          request: get(`/rounds/${round.slug}/ideas/${idea.slug}${query}`),
          params: { round: round.slug, idea: idea.slug },
          context: context(),
        }),
      );
    const first = (await load("")).data.conversation;
    expect(first).toMatchObject({ count: total + 1, threads: total, page: 1 });
    expect(first.tree).toHaveLength(THREADS_PER_PAGE);
    expect(first.tree[0].id).toBe(roots[0].id);

    const second = (await load("?comments=2")).data.conversation;
    expect(second.page).toBe(2);
    expect(second.tree.map((c: { id: string }) => c.id)).toEqual(roots.slice(THREADS_PER_PAGE).map((r) => r.id));
    expect(second.tree[4].replies.map((c: { id: string }) => c.id)).toEqual([reply.id]);

    // Newest first, the last thread leads page 1.
    expect((await load("?sort=newest")).data.conversation.tree[0].id).toBe(roots[total - 1].id);
    // A link to the reply opens the page its thread is on; a page past the end shows the last.
    expect((await load(`?comment=${reply.id}`)).data.conversation.page).toBe(2);
    expect((await load("?comments=99")).data.conversation.page).toBe(2);
    expect((await load("?comments=nonsense&comment=not-a-uuid")).data.conversation.page).toBe(1);

    // The notification for the reply links to that page.
    const [note] = await db.select().from(notifications).where(eq(notifications.userId, member.id));
    expect(note.url).toBe(`/rounds/${round.slug}/ideas/${idea.slug}?comment=${reply.id}#comment-${reply.id}`);
  });
});
