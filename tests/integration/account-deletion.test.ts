import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  auditLog,
  ballotLedger,
  ballotSubmissions,
  ballots,
  comments,
  projects,
  projectUpdates,
  recoveryCodes,
  totpCredentials,
  commentReports,
  emailTokens,
  follows,
  ideaInvitations,
  ideas,
  ideaTeamMembers,
  notificationPreferences,
  notifications,
  outbox,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  rateLimitBuckets,
  sessions,
  shortlistPublications,
  supports,
  users,
} from "../../db/schema";
import { createUser, FACTORY_PASSWORD } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { assign, createPanelRound, submittedReview } from "../../db/seed/factories/panel";
import { createRound } from "../../db/seed/factories/rounds";
import { now } from "../../app/lib/clock";
import { postComment } from "../../app/modules/conversation/comments.server";
import { reportComment } from "../../app/modules/conversation/moderation.server";
import { loadThread } from "../../app/modules/conversation/thread.server";
import { register } from "../../app/modules/accounts/register.server";
import { requestPasswordReset } from "../../app/modules/accounts/password-reset.server";
import { suspendUser, restoreUser } from "../../app/modules/accounts/suspension.server";
import { inviteMember } from "../../app/modules/ideas/invite-member.server";
import { toggleSupport } from "../../app/modules/ideas/toggle-support.server";
import { ledgerRowFor } from "../../app/modules/voting/ledger-rows.server";
import { action as dataAction } from "../../app/routes/me.data._index";
import { loader as downloadLoader } from "../../app/routes/me.data.download";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, cookieFor, get, post, run } from "../support/http";

type Row = Record<string, unknown>;
async function rowsOf(query: ReturnType<typeof sql>): Promise<Row[]> {
  // postgres.js returns an array, PGlite an object with rows.
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Every text, varchar, jsonb and array column of every table in the public schema. */
async function textColumns(): Promise<Array<{ table: string; column: string }>> {
  const rows = await rowsOf(sql`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED'))
    order by 1, 2`);
  return rows.map((r) => ({ table: String(r.table), column: String(r.column) }));
}

async function hits(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns()) {
    for (const needle of needles) {
      const [row] = await rowsOf(
        sql`select count(*)::int as n from ${sql.identifier(table)} where position(lower(${needle}) in lower(${sql.identifier(column)}::text)) > 0`,
      );
      if (Number(row.n) > 0) found.push(`${table}.${column} contains ${needle}`);
    }
  }
  return found;
}

async function deleteVia(cookie: string, confirmation: string) {
  return run(() => dataAction({ request: post("/me/data", { confirmation }, cookie), params: {}, context: context() }));
}

describe("account deletion", () => {
  it("leaves no personal data in any table, hands over or withdraws ideas, keeps comments as by a former member, and the email can register again", async () => {
    const admin = await createUser({ isAdmin: true, name: "Programme Admin" });
    const name = "Zephyrine Quillfeather";
    const email = "zephyrine.q@deletion.example";
    const person = await createUser({ name, email, organisation: "Quillfeather Trust", jobTitle: "Improvement lead" });
    const actor = { ...person };
    const mate = await createUser({ name: "Mateo Longstanding" });
    const newer = await createUser({ name: "Nadia Newcomer" });
    const other = await createUser({ name: "Otto Other" });
    const round = await createRound({ phase: "ideas" });

    // Ideas: one with a team (handed to the longest-standing member), one alone (withdrawn), a draft (deleted).
    const teamed = await insertIdea({ round, lead: person, members: [mate], title: "Teamed idea" });
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: teamed.id, userId: newer.id, role: "member", joinedAt: new Date(now().getTime() + 60_000) });
    const alone = await insertIdea({
      round,
      lead: person,
      title: "Lonely idea",
      edits: [{ summary: "Edited by the lead", authorId: person.id }],
    });
    const draft = await insertIdea({ round, lead: person, state: "draft", title: "Private draft" });
    const othersIdea = await insertIdea({ round, lead: other, members: [person], title: "Other's idea" });

    // Conversation: comments (notifying others with the person's name), a reply to them, supports, follows, reports, preferences.
    const theirComment = await postComment(actor, { ideaId: othersIdea.id, body: "A thoughtful comment." });
    await postComment(other, { ideaId: alone.id, body: "A question for the lead." });
    await postComment(other, { ideaId: othersIdea.id, body: "A reply.", parentId: theirComment.id });
    const othersComment = await postComment(other, { ideaId: teamed.id, body: "Something to report." });
    await reportComment(actor, { commentId: othersComment.id, reason: "Off topic" });
    const supported = await insertIdea({ round, lead: other, title: "Supported idea" });
    await toggleSupport(actor, { ideaId: supported.id, support: true });
    await db.insert(notificationPreferences).values({ userId: person.id, kind: "comment", delivery: "digest" });
    // Team invitations both ways: by the person (their name in the invitee's email) and to them.
    await inviteMember(actor, { ideaId: alone.id, email: "invitee@example.org" });
    await inviteMember(other, { ideaId: supported.id, email });

    // Panel: a round whose shortlist is published (the submitted review stays, pseudonymous) and
    // one still at work (they leave it). Another reviewer's conflict note names them.
    const closed = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await db
      .insert(panelMembers)
      .values({ roundId: closed.round.id, userId: person.id, addedAt: now(), isChair: true });
    await assign(closed.round.id, closed.proposals[0].id, person.id);
    await submittedReview(closed.round.id, closed.proposals[0].id, person.id, 4, 5, { panelComment: "Strong plan." });
    await db
      .insert(shortlistPublications)
      .values({ roundId: closed.round.id, publishedAt: now(), publishedById: admin.id });
    const open = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await db.insert(panelMembers).values({ roundId: open.round.id, userId: person.id, addedAt: now() });
    await assign(open.round.id, open.proposals[0].id, person.id);
    await db.insert(panelConflicts).values({
      roundId: open.round.id,
      ideaId: open.proposals[0].id,
      reviewerId: person.id,
      kind: "declared",
      detail: "I know the team.",
      createdAt: now(),
    });
    await db.insert(panelConflicts).values({
      roundId: open.round.id,
      ideaId: open.proposals[0].id,
      reviewerId: open.reviewers[0].id,
      kind: "organisation",
      detail: `Same organisation as ${name} on the team: Quillfeather Trust.`,
      createdAt: now(),
    });

    // Voting: a ballots row and its ledger entry (under a pseudonym).
    const voterRef = "pseudonym-of-zephyrine";
    const entry = await ledgerRowFor(closed.round.id, {
      voterRef,
      version: 1,
      picks: [closed.proposals[0].id],
      at: new Date(Math.floor(Date.now() / 1000) * 1000),
      source: "online",
    });
    await db.insert(ballotLedger).values(entry);
    await db.insert(ballots).values({
      roundId: closed.round.id,
      voterId: person.id,
      version: 1,
      idempotencyKey: "k1",
      receiptCode: entry.receiptCode,
      firstCastAt: now(),
      castAt: now(),
    });
    await db.insert(ballotSubmissions).values({
      roundId: closed.round.id,
      voterId: person.id,
      idempotencyKey: "k1",
      version: 1,
      receiptCode: entry.receiptCode,
      at: now(),
    });

    // Two-step sign-in: an authenticator secret (set-up not finished, so their sessions stay signed in) and recovery codes.
    await db.insert(totpCredentials).values({ userId: person.id, secretEncrypted: "sealed-secret", createdAt: now() });
    await db.insert(recoveryCodes).values({ userId: person.id, codeHash: "f".repeat(64), createdAt: now() });

    // Delivery: an update they wrote on a project (public record: kept without them).
    const [project] = await db
      .insert(projects)
      .values({ ideaId: closed.proposals[0].id, roundId: closed.round.id, awardPence: 1_000_000, startedAt: now() })
      .returning();
    const [update] = await db
      .insert(projectUpdates)
      .values({
        projectId: project.id,
        number: 1,
        status: "published",
        title: "Month one",
        bodyMd: "We started.",
        bodyHtml: "<p>We started.</p>",
        authorId: person.id,
        createdAt: now(),
        updatedAt: now(),
        publishedAt: now(),
      })
      .returning();

    // Accounts: sessions, a password-reset token and email, a failed sign-in (rate-limit key with the email), audit rows.
    const cookie = await cookieFor(person.id);
    await requestPasswordReset({ email, ip: "203.0.113.9" });
    await run(() =>
      signInAction({
        request: post("/sign-in", { email, password: "not the password at all" }),
        params: {},
        context: context(),
      }),
    );
    await suspendUser(admin, { userId: person.id, reason: "Checking" });
    await restoreUser(admin, { userId: person.id });
    const liveCookie = await cookieFor(person.id);

    // Everything is there before.
    const [{ handle }] = await db.select({ handle: users.handle }).from(users).where(eq(users.id, person.id));
    const needles = [email, name, handle];
    expect((await hits(needles)).length).toBeGreaterThan(5);
    const download = await run(() =>
      downloadLoader({ request: get("/me/data/download", liveCookie), params: {}, context: context() }),
    );
    expect(download.headers.get("Content-Disposition")).toMatch(/attachment; filename="q-exchange-my-data-/);
    const exported = JSON.parse(download.data);
    expect(exported.profile).toMatchObject({ email, name, handle });
    expect(exported.ideas.map((i: { ideaTitle: string }) => i.ideaTitle).sort()).toEqual([
      "Lonely idea",
      "Other's idea",
      "Private draft",
      "Teamed idea",
    ]);
    expect(exported.comments).toHaveLength(1);
    expect(exported.supports).toHaveLength(1);
    expect(exported.follows.length).toBeGreaterThan(0);
    expect(exported.notifications.length).toBeGreaterThan(0);
    expect(exported.notificationPreferences).toEqual([{ kind: "comment", delivery: "digest" }]);
    expect(exported.panelReviews).toHaveLength(1);
    expect(exported.ballots).toEqual([
      {
        roundSlug: closed.round.slug,
        firstCastAt: expect.any(String),
        castAt: expect.any(String),
        receiptCode: entry.receiptCode,
      },
    ]);
    expect(JSON.stringify(exported)).not.toContain(voterRef);
    expect(JSON.stringify(exported.sessions)).not.toMatch(/"id"|token/i);
    expect(exported.auditEntries.map((a: { action: string }) => a.action)).toContain("idea.team.invite");
    expect(cookie).not.toBe(liveCookie);

    // A wrong confirmation changes nothing.
    const wrong = await deleteVia(liveCookie, "someone-else@example.org");
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.confirmation).toMatch(/email address or your password/);
    expect(wrong.data.values).toEqual({});

    const auditBefore = await db.select().from(auditLog);
    const done = await deleteVia(liveCookie, email.toUpperCase());
    expect(done.status).toBe(303);
    expect(done.location).toBe("/account-deleted");
    expect(done.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);

    // No personal data anywhere.
    expect(await hits(needles)).toEqual([]);

    // One audit row for the deletion, by the person's id only.
    const auditAfter = await db.select().from(auditLog);
    expect(auditAfter).toHaveLength(auditBefore.length + 1);
    expect(auditAfter.at(-1)).toMatchObject({ action: "account.deleted", actorId: person.id, subjectId: person.id });

    // Ideas: handed to the longest-standing member, withdrawn, deleted.
    const [t] = await db.select().from(ideas).where(eq(ideas.id, teamed.id));
    expect(t.leadId).toBe(mate.id);
    expect(
      (await db.select().from(ideaTeamMembers).where(eq(ideaTeamMembers.ideaId, teamed.id)))
        .map((m) => [m.userId, m.role])
        .sort(),
    ).toEqual(
      [
        [mate.id, "lead"],
        [newer.id, "member"],
      ].sort(),
    );
    const [a] = await db.select().from(ideas).where(eq(ideas.id, alone.id));
    expect(a.state).toBe("withdrawn");
    expect(await db.select().from(ideas).where(eq(ideas.id, draft.id))).toHaveLength(0);
    expect(await db.select().from(ideaTeamMembers).where(eq(ideaTeamMembers.userId, person.id))).toHaveLength(0);
    const [o] = await db.select({ supportCount: ideas.supportCount }).from(ideas).where(eq(ideas.id, supported.id));
    expect(o.supportCount).toBe(0);

    // Comments stay, shown as by a former member.
    const [kept] = await db.select().from(comments).where(eq(comments.id, theirComment.id));
    expect(kept).toMatchObject({ authorId: null, bodyMd: "A thoughtful comment." });
    const thread = await loadThread(othersIdea.id, null, "oldest", [other.id]);
    expect(thread.tree.find((c) => c.id === theirComment.id)?.author).toBeNull();

    // Nothing of theirs is left except what is part of the record, now pseudonymous.
    for (const [table, where] of [
      [sessions, eq(sessions.userId, person.id)],
      [emailTokens, eq(emailTokens.userId, person.id)],
      [supports, eq(supports.userId, person.id)],
      [follows, eq(follows.userId, person.id)],
      [notifications, eq(notifications.userId, person.id)],
      [notificationPreferences, eq(notificationPreferences.userId, person.id)],
      [commentReports, eq(commentReports.reporterId, person.id)],
      [ballots, eq(ballots.voterId, person.id)],
      [ideaInvitations, eq(ideaInvitations.email, email)],
      [panelConflicts, eq(panelConflicts.reviewerId, person.id)],
      [ballotSubmissions, eq(ballotSubmissions.voterId, person.id)],
      [totpCredentials, eq(totpCredentials.userId, person.id)],
      [recoveryCodes, eq(recoveryCodes.userId, person.id)],
    ] as const) {
      expect(await db.select().from(table).where(where)).toHaveLength(0);
    }
    expect(await db.select().from(ballotLedger).where(eq(ballotLedger.voterRef, voterRef))).toHaveLength(1);
    expect(
      await db
        .select({ authorId: projectUpdates.authorId })
        .from(projectUpdates)
        .where(eq(projectUpdates.id, update.id)),
    ).toEqual([{ authorId: null }]);
    expect(await db.select().from(panelReviews).where(eq(panelReviews.reviewerId, person.id))).toMatchObject([
      { roundId: closed.round.id, status: "submitted" },
    ]);
    expect(await db.select().from(panelMembers).where(eq(panelMembers.userId, person.id))).toMatchObject([
      { roundId: closed.round.id, isChair: false },
    ]);
    expect(
      await db
        .select()
        .from(panelAssignments)
        .where(and(eq(panelAssignments.reviewerId, person.id), eq(panelAssignments.roundId, open.round.id))),
    ).toHaveLength(0);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, email))).toHaveLength(0);
    expect(
      await db
        .select()
        .from(rateLimitBuckets)
        .where(sql`${rateLimitBuckets.key} like ${"%" + email}`),
    ).toHaveLength(0);
    const [row] = await db.select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({
      name: "Former member",
      organisation: "",
      jobTitle: null,
      isAdmin: false,
      membership: "none",
    });
    expect(row.deletedAt).not.toBeNull();

    // The audit log shows "Former member" for them.
    const audit = await run(() =>
      auditLoader({ request: get(`/admin/audit?actor=${person.id}`), params: {}, context: context() }),
    );
    expect(audit.status).toBe(302);
    const adminAudit = await run(async () =>
      auditLoader({
        request: get(`/admin/audit?actor=${person.id}`, await cookieFor(admin.id)),
        params: {},
        context: context(),
      }),
    );
    expect(adminAudit.data.entries[0].actor).toEqual({ name: "Former member", href: null });

    // Signed out, and the email can register again.
    const signIn = await run(() =>
      signInAction({
        request: post("/sign-in", { email, password: FACTORY_PASSWORD }),
        params: {},
        context: context(),
      }),
    );
    expect(signIn.status).toBe(400);
    await register({
      name,
      email,
      password: "a fresh long password 2027",
      organisation: "Quillfeather Trust",
      jobTitle: null,
      applyForMembership: false,
      website: false,
    } as never);
    const again = await db.select().from(users).where(eq(users.email, email));
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(person.id);
  });

  it("the last admin cannot delete their account", async () => {
    await db.update(users).set({ isAdmin: false }).where(eq(users.isAdmin, true));
    const admin = await createUser({ isAdmin: true });
    const result = await deleteVia(await cookieFor(admin.id), FACTORY_PASSWORD);
    expect(result.status).toBe(400);
    expect(result.data.errors.confirmation).toMatch(/last admin/);
    const [row] = await db.select().from(users).where(eq(users.id, admin.id));
    expect(row.deletedAt).toBeNull();
  });

  it("an idea past the shortlist stays as a record when no one on the team can lead it", async () => {
    const { round, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    const lead = proposals[0].lead;
    await db.update(ideas).set({ state: "shortlisted" }).where(eq(ideas.id, proposals[0].id));
    const nonMember = await createUser({ membership: "none", membershipDecidedAt: null });
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: proposals[0].id, userId: nonMember.id, role: "member", joinedAt: now() });
    const result = await deleteVia(await cookieFor(lead.id), FACTORY_PASSWORD);
    expect(result.status).toBe(303);
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, proposals[0].id));
    expect(idea).toMatchObject({ state: "shortlisted", leadId: lead.id, roundId: round.id });
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, lead.id));
    expect(row.name).toBe("Former member");
  });
});
