import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideaRevisions, ideas, ideaTopics, roundCategories, rounds, roundTopics, supports } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { Conflict, Forbidden, Invalid, PhaseClosed } from "../../app/lib/errors";
import { createIdea } from "../../app/modules/ideas/create-idea.server";
import { EditConflict } from "../../app/modules/ideas/edit-conflict";
import { editIdea } from "../../app/modules/ideas/edit-idea.server";
import { engagementSummary } from "../../app/modules/ideas/engagement.server";
import { publishIdea } from "../../app/modules/ideas/publish-idea.server";
import { toggleSupport } from "../../app/modules/ideas/toggle-support.server";
import type { Phase } from "../../app/modules/rounds/rules";

afterEach(() => resetClock());

async function setup(phase: Phase = "ideas") {
  const round = await createRound({ phase });
  const lead = await createUser();
  return { round, lead };
}

const fields = (round: Awaited<ReturnType<typeof createRound>>, extra: Record<string, unknown> = {}) => ({
  roundId: round.id,
  categoryId: round.categories[0].id,
  title: "Text reminders for clinic appointments",
  summary: "Fewer missed appointments through friendly texts.",
  challengeMd: "Missed appointments **waste** clinic time.",
  topicIds: [round.topics[0].id],
  publish: false,
  ...extra,
});

describe("createIdea", () => {
  it("saves a draft with the lead on the team, its topics and a private first revision", async () => {
    const { round, lead } = await setup();
    const created = await createIdea(lead, fields(round));
    expect(created.slug).toBe("text-reminders-for-clinic-appointments");
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, created.id));
    expect(idea.state).toBe("draft");
    expect(idea.challengeHtml).toBe("<p>Missed appointments <strong>waste</strong> clinic time.</p>\n");
    expect(await db.select().from(ideaTopics).where(eq(ideaTopics.ideaId, idea.id))).toHaveLength(1);
    const revisions = await db.select().from(ideaRevisions).where(eq(ideaRevisions.ideaId, idea.id));
    expect(revisions.map((r) => [r.version, r.isPublic])).toEqual([[1, false]]);
  });

  it("publishes at once when asked, and a second idea with the same title gets its own slug", async () => {
    const { round, lead } = await setup();
    const a = await createIdea(lead, fields(round, { publish: true }));
    const b = await createIdea(lead, fields(round, { publish: true }));
    expect(b.slug).toBe(`${a.slug}-2`);
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, a.id));
    expect(idea.state).toBe("published");
    expect(idea.publishedAt).not.toBeNull();
  });

  it("the phase gate: no new ideas once the round has moved on to proposals", async () => {
    const { round, lead } = await setup("proposals");
    await expect(createIdea(lead, fields(round))).rejects.toBeInstanceOf(PhaseClosed);
  });

  it("the phase gate: ideas close at the scheduled time even before the scheduler moves the round", async () => {
    const { round, lead } = await setup("ideas");
    setClock(() => new Date(round.proposalsOpensAt.getTime() + 1000));
    await expect(createIdea(lead, fields(round))).rejects.toThrow(/Ideas can be published only while/);
  });

  it("a non-member cannot lead an idea", async () => {
    const { round } = await setup();
    const account = await createUser({ membership: "none", membershipDecidedAt: null });
    await expect(createIdea(account, fields(round))).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses a category or topic from another round, and publishing without a summary", async () => {
    const { round, lead } = await setup();
    const other = await createRound({ phase: "ideas" });
    await expect(createIdea(lead, fields(round, { categoryId: other.categories[0].id }))).rejects.toMatchObject({
      fieldErrors: { categoryId: expect.any(String) },
    });
    await expect(createIdea(lead, fields(round, { topicIds: [other.topics[0].id] }))).rejects.toMatchObject({
      fieldErrors: { topicIds: expect.any(String) },
    });
    await expect(createIdea(lead, fields(round, { summary: "", publish: true }))).rejects.toMatchObject({
      fieldErrors: { summary: expect.any(String) },
    });
  });
});

describe("what the database keeps", () => {
  it("a round, category or topic that ideas use cannot be deleted", async () => {
    const { round, lead } = await setup();
    await insertIdea({ round, lead, categoryId: round.categories[0].id, topicIds: [round.topics[0].id] });
    await expect(db.delete(roundTopics).where(eq(roundTopics.id, round.topics[0].id))).rejects.toThrow();
    await expect(db.delete(roundCategories).where(eq(roundCategories.id, round.categories[0].id))).rejects.toThrow();
    await expect(db.delete(rounds).where(eq(rounds.id, round.id))).rejects.toThrow();
    // Unused ones can go.
    await db.delete(roundTopics).where(eq(roundTopics.id, round.topics[1].id));
  });
});

describe("editIdea and publishIdea", () => {
  it("a team member saves a new version; the slug stays when the title changes; revisions record each save", async () => {
    const { round, lead } = await setup();
    const created = await createIdea(lead, fields(round, { publish: true }));
    const saved = await editIdea(lead, {
      ...fields(round),
      ideaId: created.id,
      version: 1,
      title: "Friendly text reminders",
    });
    expect(saved).toMatchObject({ slug: created.slug, version: 2 });
    const revisions = await db.select().from(ideaRevisions).where(eq(ideaRevisions.ideaId, created.id));
    expect(revisions.map((r) => [r.version, r.title, r.isPublic])).toEqual([
      [1, "Text reminders for clinic appointments", true],
      [2, "Friendly text reminders", true],
    ]);
    expect(await engagementSummary(created.id)).toEqual({
      supports: 0,
      comments: 0,
      teamReplies: 0,
      revisions: 2,
      revisionsAfterFirstComment: 0,
    });
  });

  it("a stale version is a 409 conflict that carries the other person's change, and nothing is overwritten", async () => {
    const { round, lead } = await setup();
    const created = await createIdea(lead, fields(round, { publish: true }));
    await editIdea(lead, {
      ...fields(round),
      ideaId: created.id,
      version: 1,
      summary: "Texts that cut missed appointments by half.",
    });
    const stale = editIdea(lead, { ...fields(round), ideaId: created.id, version: 1, title: "My competing title" });
    await expect(stale).rejects.toBeInstanceOf(EditConflict);
    const error = (await stale.catch((e) => e)) as EditConflict;
    expect(error).toBeInstanceOf(Conflict);
    expect(error.details.version).toBe(2);
    const summary = error.details.changes.find((c) => c.field === "summary")!;
    expect(summary.changed).toBe(true);
    expect(
      summary.segments
        .filter((s) => s.kind === "added")
        .map((s) => s.text)
        .join(""),
    ).toContain("cut");
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, created.id));
    expect(idea.title).toBe("Text reminders for clinic appointments");
    expect(idea.version).toBe(2);
  });

  it("only the team may edit, and editing closes at shortlisting", async () => {
    const { round, lead } = await setup();
    const created = await createIdea(lead, fields(round, { publish: true }));
    const stranger = await createUser();
    await expect(editIdea(stranger, { ...fields(round), ideaId: created.id, version: 1 })).rejects.toBeInstanceOf(
      Forbidden,
    );
    setClock(() => new Date(round.shortlistingOpensAt.getTime() + 1000));
    await expect(editIdea(lead, { ...fields(round), ideaId: created.id, version: 1 })).rejects.toBeInstanceOf(
      PhaseClosed,
    );
  });

  it("publishes a draft (a new public revision), only while ideas are open", async () => {
    const { round, lead } = await setup();
    const created = await createIdea(lead, fields(round));
    await expect(publishIdea(lead, { ideaId: created.id, version: 1 })).resolves.toEqual({ slug: created.slug });
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, created.id));
    expect(idea).toMatchObject({ state: "published", version: 2 });
    await expect(publishIdea(lead, { ideaId: created.id, version: 2 })).rejects.toBeInstanceOf(Invalid);

    const late = await createRound({ phase: "proposals" });
    const draft = await insertIdea({ round: late, lead, state: "draft" });
    await expect(publishIdea(lead, { ideaId: draft.id, version: draft.version })).rejects.toBeInstanceOf(PhaseClosed);
  });
});

describe("toggleSupport", () => {
  it("a member supports once; toggling again takes it back; the count follows", async () => {
    const { round, lead } = await setup();
    const idea = await insertIdea({ round, lead });
    const member = await createUser();
    expect(await toggleSupport(member, { ideaId: idea.id })).toEqual({ supported: true, count: 1 });
    // An explicit "support" twice (a double click) still counts once.
    expect(await toggleSupport(member, { ideaId: idea.id, support: true })).toEqual({ supported: true, count: 1 });
    const rows = await db
      .select()
      .from(supports)
      .where(and(eq(supports.ideaId, idea.id), eq(supports.userId, member.id)));
    expect(rows).toHaveLength(1);
    expect(await toggleSupport(member, { ideaId: idea.id })).toEqual({ supported: false, count: 0 });
  });

  it("the idea's own team cannot support it", async () => {
    const { round, lead } = await setup();
    const idea = await insertIdea({ round, lead });
    await expect(toggleSupport(lead, { ideaId: idea.id })).rejects.toBeInstanceOf(Forbidden);
  });

  it("concurrent supports by many members are all counted", async () => {
    const { round, lead } = await setup();
    const idea = await insertIdea({ round, lead });
    const members = await Promise.all(Array.from({ length: 8 }, () => createUser()));
    await Promise.all(members.map((m) => toggleSupport(m, { ideaId: idea.id, support: true })));
    const [row] = await db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.n).toBe(8);
  });

  it("only members support, only in the ideas and proposals phases, and never a draft", async () => {
    const { round, lead } = await setup();
    const account = await createUser({ membership: "pending", membershipDecidedAt: null });
    const idea = await insertIdea({ round, lead });
    await expect(toggleSupport(account, { ideaId: idea.id })).rejects.toBeInstanceOf(Forbidden);
    const draft = await insertIdea({ round, lead, state: "draft" });
    await expect(toggleSupport(await createUser(), { ideaId: draft.id })).rejects.toBeInstanceOf(Invalid);
    const voting = await createRound({ phase: "voting" });
    const shortlisted = await insertIdea({ round: voting, lead, state: "shortlisted" });
    await expect(toggleSupport(await createUser(), { ideaId: shortlisted.id })).rejects.toBeInstanceOf(PhaseClosed);
  });
});
