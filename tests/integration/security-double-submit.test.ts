// Issue 11, figure 3: "100 double-posted forms (idea, comment, ballot) create 100 records, not 200."
// Each form is rendered by its page's loader (which puts a fresh one-time key in it) and posted
// twice at once to the real route action, as a double click or a retry would. On PostgreSQL the
// actions run on a pool of 25 connections, so the two posts really race; on PGlite (one
// connection) they take turns, which checks the repeat-after-commit path.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase, useDb as switchDatabase, type DatabaseHandle } from "../../db/client";
import { ballotLedger, ballots, comments, formSubmissions, ideas, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { createVotingRound } from "../../db/seed/factories/voting";
import { FORM_KEY_FIELD } from "../../app/lib/form-key";
import { pickField } from "../../app/modules/voting/ballot-form";
import { action as newIdeaAction, loader as newIdeaLoader } from "../../app/routes/rounds.$round_.ideas.new";
import { action as ideaAction, loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { action as voteAction, loader as voteLoader } from "../../app/routes/rounds.$round_.vote";
import { context, cookieFor, get, post, run } from "../support/http";
import { withDatabase } from "../support/test-database";

const FORMS = 100;

/** Runs `fn` with the app's database handle swapped for a pool of 25 (PostgreSQL only). */
async function onBigPool<T>(fn: () => Promise<T>): Promise<T> {
  const config = inject("database");
  if (config.kind !== "postgres") return fn();
  const original = databaseHandle();
  const [{ name }] = await original.query<{ name: string }>("select current_database() as name");
  const big: DatabaseHandle = await openDatabase({ kind: "postgres", url: withDatabase(config.url, name), max: 25 });
  switchDatabase(big);
  try {
    return await fn();
  } finally {
    switchDatabase(original);
    await big.close();
  }
}

async function members(n: number): Promise<Array<{ user: User; cookie: string }>> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const user = await createUser();
    out.push({ user, cookie: await cookieFor(user.id) });
  }
  return out;
}

type Answer = Awaited<ReturnType<typeof run>>;
const sameAnswer = (a: Answer, b: Answer) => a.status === b.status && a.location === b.location;

describe("figure 3: double-posted forms", () => {
  it(`${FORMS} new-idea forms, each posted twice at once, make ${FORMS} ideas; both posts get the same redirect`, async () => {
    const round = await createRound({ phase: "ideas" });
    const people = await members(FORMS);
    const path = `/rounds/${round.slug}/ideas/new`;
    const params = { round: round.slug };
    const forms: Array<{ user: User; cookie: string; fields: Record<string, string | string[]> }> = [];
    for (const [i, p] of people.entries()) {
      const page = await run(() => newIdeaLoader({ request: get(path, p.cookie), params, context: context() }));
      expect(page.data.formKey).toMatch(/^[0-9a-f]{32}$/);
      forms.push({
        ...p,
        fields: {
          [FORM_KEY_FIELD]: page.data.formKey,
          title: `Double posted idea ${i}`,
          summary: `Summary ${i}`,
          categoryId: round.categories[0].id,
          challengeMd: `Challenge ${i}`,
          intent: i % 2 ? "publish" : "draft",
        },
      });
    }
    const answers = await onBigPool(() =>
      Promise.all(
        forms.map((f) =>
          Promise.all(
            [0, 1].map(() =>
              run(() => newIdeaAction({ request: post(path, f.fields, f.cookie), params, context: context() })),
            ),
          ),
        ),
      ),
    );
    const created = await db
      .select({ id: ideas.id, slug: ideas.slug, leadId: ideas.leadId })
      .from(ideas)
      .where(eq(ideas.roundId, round.id));
    const mismatched = answers.filter(([a, b]) => a.status !== 303 || !sameAnswer(a, b));
    console.log(
      `figure 3 (ideas): ${FORMS} double-posted forms -> ${created.length} ideas, ${mismatched.length} pairs answered differently`,
    );
    expect(mismatched).toEqual([]);
    expect(created).toHaveLength(FORMS);
    expect(new Set(created.map((c) => c.leadId)).size).toBe(FORMS);
    // Each redirect names the one idea its author made.
    for (const [i, [a]] of answers.entries()) {
      const mine = created.find((c) => c.leadId === forms[i].user.id)!;
      expect(a.location).toBe(`/rounds/${round.slug}/ideas/${mine.slug}`);
    }
    // The same form sent again much later (a retry after a lost answer) still makes nothing new.
    const late = await run(() =>
      newIdeaAction({ request: post(path, forms[0].fields, forms[0].cookie), params, context: context() }),
    );
    expect(late.status).toBe(303);
    expect(late.location).toBe(answers[0][0].location);
    expect(await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, round.id))).toHaveLength(FORMS);
  }, 1_800_000);

  it("a new rendering gives a new key, so the same person can share a second idea; a form without a key (an old page) still works, without protection", async () => {
    const round = await createRound({ phase: "ideas" });
    const [p] = await members(1);
    const path = `/rounds/${round.slug}/ideas/new`;
    const params = { round: round.slug };
    const fields = {
      title: "Walking groups",
      summary: "Walks",
      categoryId: round.categories[0].id,
      challengeMd: "Loneliness",
      intent: "draft",
    };
    const keys = [];
    for (let i = 0; i < 2; i++) {
      const page = await run(() => newIdeaLoader({ request: get(path, p.cookie), params, context: context() }));
      keys.push(page.data.formKey);
      const sent = await run(() =>
        newIdeaAction({
          request: post(path, { ...fields, [FORM_KEY_FIELD]: page.data.formKey }, p.cookie),
          params,
          context: context(),
        }),
      );
      expect(sent.status).toBe(303);
    }
    expect(keys[0]).not.toBe(keys[1]);
    for (let i = 0; i < 2; i++) {
      expect(
        (await run(() => newIdeaAction({ request: post(path, fields, p.cookie), params, context: context() }))).status,
      ).toBe(303);
    }
    expect(await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, round.id))).toHaveLength(4);
    // A failed send (here: nothing to publish) leaves the key unused, so the corrected form goes through.
    const page = await run(() => newIdeaLoader({ request: get(path, p.cookie), params, context: context() }));
    const keyed = { ...fields, [FORM_KEY_FIELD]: page.data.formKey };
    expect(
      (
        await run(() =>
          newIdeaAction({
            request: post(path, { ...keyed, summary: "", intent: "publish" }, p.cookie),
            params,
            context: context(),
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await run(() =>
          newIdeaAction({
            request: post(path, { ...keyed, title: "Walking groups again" }, p.cookie),
            params,
            context: context(),
          }),
        )
      ).status,
    ).toBe(303);
    expect(await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, round.id))).toHaveLength(5);
    // Another person's key is theirs alone: the same key from someone else is a new form.
    const [other] = await members(1);
    expect(
      (await run(() => newIdeaAction({ request: post(path, keyed, other.cookie), params, context: context() }))).status,
    ).toBe(303);
    expect(await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.roundId, round.id))).toHaveLength(6);
  });

  it(`${FORMS} comment forms, each posted twice at once, make ${FORMS} comments and count ${FORMS}`, async () => {
    const round = await createRound({ phase: "ideas" });
    const lead = await createUser();
    const idea = await insertIdea({ round, lead, title: "Double posted comments" });
    const people = await members(FORMS);
    const path = `/rounds/${round.slug}/ideas/${idea.slug}`;
    const params = { round: round.slug, idea: idea.slug };
    const forms: Array<{ user: User; cookie: string; fields: Record<string, string | string[]> }> = [];
    for (const [i, p] of people.entries()) {
      const page = await run(() => ideaLoader({ request: get(path, p.cookie), params, context: context() }));
      expect(page.data.conversation.canComment).toBe(true);
      // What NewCommentForm renders: the page's key with the form's own suffix.
      forms.push({
        ...p,
        fields: {
          [FORM_KEY_FIELD]: `${page.data.conversation.formKey}-comment`,
          body: `Comment number ${i}`,
          intent: "comment",
        },
      });
    }
    const answers = await onBigPool(() =>
      Promise.all(
        forms.map((f) =>
          Promise.all(
            [0, 1].map(() =>
              run(() => ideaAction({ request: post(path, f.fields, f.cookie), params, context: context() })),
            ),
          ),
        ),
      ),
    );
    const posted = await db.select().from(comments).where(eq(comments.ideaId, idea.id));
    const mismatched = answers.filter(([a, b]) => a.status !== 303 || !sameAnswer(a, b));
    console.log(
      `figure 3 (comments): ${FORMS} double-posted forms -> ${posted.length} comments, ${mismatched.length} pairs answered differently`,
    );
    expect(mismatched).toEqual([]);
    expect(posted).toHaveLength(FORMS);
    for (const [i, [a]] of answers.entries()) {
      const mine = posted.find((c) => c.authorId === forms[i].user.id)!;
      expect(a.location).toBe(`${path}?comment=${mine.id}#comment-${mine.id}`);
    }
    const [{ commentCount }] = await db
      .select({ commentCount: ideas.commentCount })
      .from(ideas)
      .where(eq(ideas.id, idea.id));
    expect(commentCount).toBe(FORMS);

    // A reply form on the same rendering has its own key: replying is not mistaken for a repeat.
    const first = forms[0];
    const parent = posted.find((c) => c.authorId === forms[1].user.id)!;
    const reply = {
      [FORM_KEY_FIELD]: String(first.fields[FORM_KEY_FIELD]).replace(/-comment$/, `-reply-${parent.id}`),
      body: "A reply",
      parentId: parent.id,
      intent: "reply",
    };
    const replies = await Promise.all(
      [0, 1].map(() => run(() => ideaAction({ request: post(path, reply, first.cookie), params, context: context() }))),
    );
    expect(replies.map((r) => r.status)).toEqual([303, 303]);
    expect(replies[0].location).toBe(replies[1].location);
    expect(
      await db
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.ideaId, idea.id), eq(comments.parentId, parent.id))),
    ).toHaveLength(1);
    const keys = await db.select().from(formSubmissions).where(eq(formSubmissions.userId, first.user.id));
    expect(keys.map((k) => k.kind).sort()).toEqual(["comment", "comment"]);
  }, 1_800_000);

  it(`${FORMS} ballot forms, each submitted twice at once, record ${FORMS} ballots`, async () => {
    const v = await createVotingRound();
    const people = await members(FORMS);
    const path = `/rounds/${v.round.slug}/vote`;
    const params = { round: v.round.slug };
    const forms: Array<{ user: User; cookie: string; fields: Record<string, string | string[]> }> = [];
    for (const [i, p] of people.entries()) {
      const page = await run(() => voteLoader({ request: get(path, p.cookie), params, context: context() }));
      const fields: Record<string, string | string[]> = { token: page.data.token, intent: "submit" };
      for (const c of v.round.categories)
        fields[pickField(c.id)] = v.shortlist[c.id].slice(i % 2 ? 2 : 0, i % 2 ? 4 : 2);
      forms.push({ ...p, fields });
    }
    const answers = await onBigPool(() =>
      Promise.all(
        forms.map((f) =>
          Promise.all(
            [0, 1].map(() =>
              run(() => voteAction({ request: post(path, f.fields, f.cookie), params, context: context() })),
            ),
          ),
        ),
      ),
    );
    const rows = await db.select().from(ballots).where(eq(ballots.roundId, v.round.id));
    const ledger = await db.select().from(ballotLedger).where(eq(ballotLedger.roundId, v.round.id));
    const mismatched = answers.filter(([a, b]) => a.status !== 303 || !sameAnswer(a, b));
    console.log(
      `figure 3 (ballots): ${FORMS} double-submitted forms -> ${rows.length} ballots, ${ledger.length} ledger entries, ${mismatched.length} pairs answered differently`,
    );
    expect(mismatched).toEqual([]);
    expect(rows).toHaveLength(FORMS);
    expect(rows.every((r) => r.version === 1)).toBe(true);
    expect(ledger).toHaveLength(FORMS);
    expect(new Set(rows.map((r) => r.voterId))).toEqual(new Set(people.map((p) => p.user.id)));
    expect(
      await db
        .select({ id: ballots.voterId })
        .from(ballots)
        .where(
          and(
            eq(ballots.roundId, v.round.id),
            inArray(
              ballots.voterId,
              people.map((p) => p.user.id),
            ),
          ),
        ),
    ).toHaveLength(FORMS);
  }, 1_800_000);
});
