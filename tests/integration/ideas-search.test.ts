import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideaTopics } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { listIdeas, PAGE_SIZE } from "../../app/modules/ideas/list-ideas.server";

describe("listIdeas: full-text search, filters and sorts", () => {
  it("finds ideas by title words and ranks title matches above summary and body matches", async () => {
    const round = await createRound({ phase: "ideas" });
    const lead = await createUser();
    // The body match is created first and the title match last, so only ranking can order them.
    const body = await insertIdea({
      round,
      lead,
      title: "Community kitchens",
      summary: "Cooking together.",
      challengeMd: "People face loneliness in winter months.",
    });
    const summary = await insertIdea({
      round,
      lead,
      title: "Befriending calls",
      summary: "Phone calls that ease loneliness for older people.",
      challengeMd: "Nothing more.",
    });
    const title = await insertIdea({
      round,
      lead,
      title: "Tackling loneliness on hospital wards",
      summary: "Volunteers on wards.",
      challengeMd: "Wards can be quiet.",
    });
    await insertIdea({
      round,
      lead,
      title: "Faster discharge",
      summary: "Fewer delays.",
      challengeMd: "Beds are scarce.",
    });

    const result = await listIdeas(round.id, { q: "loneliness", sort: "relevance", page: 1 });
    expect(result.items.map((i) => i.id)).toEqual([title.id, summary.id, body.id]);
    expect(result.total).toBe(3);

    // Several words: all must appear (web search syntax), stemmed.
    const wards = await listIdeas(round.id, { q: "hospital ward", sort: "relevance", page: 1 });
    expect(wards.items.map((i) => i.id)).toEqual([title.id]);
    // Stop words alone match nothing, without an error.
    expect((await listIdeas(round.id, { q: "the and", sort: "relevance", page: 1 })).total).toBe(0);
  });

  it("filters by category, topic and state; drafts are never listed; withdrawn only when asked", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    const [care, together] = round.categories;
    const a = await insertIdea({ round, lead, categoryId: care.id, state: "published" });
    const b = await insertIdea({ round, lead, categoryId: together.id, state: "submitted", proposal: {} });
    await insertIdea({ round, lead, categoryId: care.id, state: "draft" });
    const w = await insertIdea({ round, lead, categoryId: care.id, state: "withdrawn" });
    await db.insert(ideaTopics).values({ ideaId: b.id, topicId: round.topics[1].id });

    const ids = async (f: Partial<Parameters<typeof listIdeas>[1]>) =>
      (await listIdeas(round.id, { sort: "newest", page: 1, ...f })).items.map((i) => i.id).sort();
    expect(await ids({})).toEqual([a.id, b.id].sort());
    expect(await ids({ categoryId: care.id })).toEqual([a.id]);
    expect(await ids({ topicId: round.topics[1].id })).toEqual([b.id]);
    expect(await ids({ state: "submitted" })).toEqual([b.id]);
    expect(await ids({ state: "withdrawn" })).toEqual([w.id]);
    expect(await ids({ state: "draft" })).toEqual([a.id, b.id].sort());
  });

  it("sorts by support and pages with the total", async () => {
    const round = await createRound({ phase: "ideas" });
    const lead = await createUser();
    const fans = await Promise.all([createUser(), createUser(), createUser()]);
    const popular = await insertIdea({ round, lead, supporters: fans });
    const liked = await insertIdea({ round, lead, supporters: fans.slice(0, 1) });
    for (let i = 0; i < PAGE_SIZE; i++) await insertIdea({ round, lead });
    const first = await listIdeas(round.id, { sort: "supported", page: 1 });
    expect(first.items.slice(0, 2).map((i) => i.id)).toEqual([popular.id, liked.id]);
    expect(first.total).toBe(PAGE_SIZE + 2);
    const second = await listIdeas(round.id, { sort: "supported", page: 2 });
    expect(second.items).toHaveLength(2);
    const beyond = await listIdeas(round.id, { sort: "supported", page: 9 });
    expect(beyond).toEqual({ items: [], total: PAGE_SIZE + 2 });
  });
});
