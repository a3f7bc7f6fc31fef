import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, panelMembers, rounds, sessions, users } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { assign, createPanelRound, submittedReview } from "../../db/seed/factories/panel";
import { createRound } from "../../db/seed/factories/rounds";
import { now } from "../../app/lib/clock";
import { setAdmin } from "../../app/modules/accounts/admin-role.server";
import { suspendUser } from "../../app/modules/accounts/suspension.server";
import { loader as adminHomeLoader } from "../../app/routes/admin._index";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { action as userAction, loader as userLoader } from "../../app/routes/admin.users.$user";
import { loader as usersLoader } from "../../app/routes/admin.users._index";
import { loader as meLoader } from "../../app/routes/me._index";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, cookieFor, get, post, run } from "../support/http";

async function auditCount(): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(auditLog);
  return n;
}

async function act(adminCookie: string, userId: string, fields: Record<string, string>) {
  return run(() =>
    userAction({
      request: post(`/admin/users/${userId}`, fields, adminCookie),
      params: { user: userId },
      context: context(),
    }),
  );
}

describe("admin actions on a person", () => {
  it("each action writes exactly one audit row, and a missing confirmation writes none", async () => {
    const admin = await createUser({ isAdmin: true });
    const cookie = await cookieFor(admin.id);
    const applicant = await createUser({
      membership: "pending",
      membershipRequestedAt: now(),
      membershipDecidedAt: null,
    });
    const other = await createUser({ membership: "pending", membershipRequestedAt: now(), membershipDecidedAt: null });
    const person = await createUser();

    const steps: Array<{ userId: string; fields: Record<string, string>; action: string }> = [
      { userId: applicant.id, fields: { intent: "approve" }, action: "membership.approved" },
      { userId: other.id, fields: { intent: "decline", declineConfirm: "yes" }, action: "membership.declined" },
      { userId: person.id, fields: { intent: "grant-admin" }, action: "admin.granted" },
      { userId: person.id, fields: { intent: "remove-admin", removeAdminConfirm: "yes" }, action: "admin.removed" },
      {
        userId: person.id,
        fields: { intent: "suspend", reason: "Spam", suspendConfirm: "yes" },
        action: "user.suspended",
      },
      { userId: person.id, fields: { intent: "restore" }, action: "user.restored" },
    ];
    for (const step of steps) {
      const before = await auditCount();
      const result = await act(cookie, step.userId, step.fields);
      expect(result.status, step.action).toBe(303);
      expect(await auditCount(), step.action).toBe(before + 1);
      const [last] = await db.select().from(auditLog).orderBy(auditLog.id).limit(1).offset(before);
      expect(last).toMatchObject({
        action: step.action,
        actorId: admin.id,
        subjectType: "user",
        subjectId: step.userId,
      });
    }
    const [declined] = await db.select({ membership: users.membership }).from(users).where(eq(users.id, other.id));
    expect(declined.membership).toBe("declined");

    const before = await auditCount();
    const unconfirmed = await act(cookie, person.id, { intent: "suspend", reason: "Spam" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.suspendConfirm).toMatch(/Tick the box/);
    expect(unconfirmed.data.values.reason).toBe("Spam");
    const noReason = await act(cookie, person.id, { intent: "suspend", reason: " ", suspendConfirm: "yes" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/reason/);
    const unconfirmedRemove = await act(cookie, admin.id, { intent: "remove-admin" });
    expect(unconfirmedRemove.data.errors.removeAdminConfirm).toBeDefined();
    expect(await auditCount()).toBe(before);
  });

  it("only admins reach the pages and actions", async () => {
    const member = await createUser();
    const person = await createUser();
    const cookie = await cookieFor(member.id);
    expect(
      (await run(() => usersLoader({ request: get("/admin/users", cookie), params: {}, context: context() }))).status,
    ).toBe(403);
    expect((await act(cookie, person.id, { intent: "grant-admin" })).status).toBe(403);
    expect(
      (await run(() => auditLoader({ request: get("/admin/audit", cookie), params: {}, context: context() }))).status,
    ).toBe(403);
  });

  it("a suspended person's cookie is refused and sign-in says the account is suspended and whom to write to", async () => {
    const admin = await createUser({ isAdmin: true });
    const person = await createUser();
    const theirCookie = await cookieFor(person.id);
    expect(
      (
        await act(await cookieFor(admin.id), person.id, {
          intent: "suspend",
          reason: "Abusive comments",
          suspendConfirm: "yes",
        })
      ).status,
    ).toBe(303);
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
    expect(
      (await run(() => meLoader({ request: get("/me", theirCookie), params: {}, context: context() }))).status,
    ).toBe(302);
    const signIn = await run(() =>
      signInAction({
        request: post("/sign-in", { email: person.email, password: "correct-horse-battery-staple" }),
        params: {},
        context: context(),
      }),
    );
    expect(signIn.status).toBe(403);
    expect(signIn.data.errors.email).toMatch(/This account is suspended\. Reason: Abusive comments\./);
    expect(signIn.data.errors.email).toMatch(/programme team at programme-team@q-exchange\.localhost/);
  });

  it("the last admin cannot be removed, and no admin can remove their own right", async () => {
    const admin = await createUser({ isAdmin: true });
    const other = await createUser({ isAdmin: true });
    await expect(setAdmin(admin, { userId: admin.id, admin: false })).rejects.toThrow(/your own admin right/);
    // A suspended admin does not count: they cannot act.
    await suspendUser(admin, { userId: other.id, reason: "Left the team" });
    // Any remaining admins from other tests in this file are removed so these two are the only ones.
    await db.update(users).set({ isAdmin: false }).where(eq(users.isAdmin, true));
    await db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
    await db.update(users).set({ isAdmin: true }).where(eq(users.id, other.id));
    await expect(setAdmin(other, { userId: admin.id, admin: false })).rejects.toThrow(/last admin/);
    const result = await act(await cookieFor(other.id), admin.id, {
      intent: "remove-admin",
      removeAdminConfirm: "yes",
    });
    // other is suspended, so their cookie is refused before anything happens.
    expect(result.status).toBe(302);
    const [still] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, admin.id));
    expect(still.isAdmin).toBe(true);
  });
});

describe("/admin/users", () => {
  it("searches name, email and organisation, and filters by membership and role", async () => {
    const admin = await createUser({ isAdmin: true, name: "Grace Admin-Hopper" });
    const cookie = await cookieFor(admin.id);
    const pending = await createUser({
      name: "Wilhelmina Pendleton",
      organisation: "Harbour Health Board",
      membership: "pending",
      membershipDecidedAt: null,
    });
    const reviewer = await createUser({ name: "Rafferty Reviewson", email: "rafferty@reviewers.example" });
    const round = await createRound({ phase: "shortlisting" });
    await db.insert(panelMembers).values({ roundId: round.id, userId: reviewer.id, addedAt: now() });
    const list = async (query: string) =>
      (
        await run(() => usersLoader({ request: get(`/admin/users${query}`, cookie), params: {}, context: context() }))
      ).data.people.map((p: { name: string }) => p.name);
    expect(await list("?q=harbour")).toEqual(["Wilhelmina Pendleton"]);
    expect(await list("?q=RAFFERTY%40reviewers")).toEqual(["Rafferty Reviewson"]);
    expect(await list("?q=%25")).toEqual([]);
    expect(await list("?membership=pending")).toContain(pending.name);
    expect(await list("?membership=pending")).not.toContain(reviewer.name);
    expect(await list("?role=reviewer")).toEqual(["Rafferty Reviewson"]);
    expect(await list("?role=admin")).toContain("Grace Admin-Hopper");
    expect(await list("?role=nonsense&membership=bogus")).toContain("Rafferty Reviewson");
    const page = await run(() =>
      userLoader({
        request: get(`/admin/users/${reviewer.id}`, cookie),
        params: { user: reviewer.id },
        context: context(),
      }),
    );
    expect(page.data.person.panels).toEqual([{ slug: round.slug, title: round.title, isChair: false }]);
    const missing = await run(() =>
      userLoader({ request: get("/admin/users/nope", cookie), params: { user: "nope" }, context: context() }),
    );
    expect(missing.status).toBe(404);
  });
});

describe("/admin overview", () => {
  it("shows reviews outstanding per round in shortlisting and phase changes due within 7 days", async () => {
    const admin = await createUser({ isAdmin: true });
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 2 });
    for (const p of proposals) for (const r of reviewers) await assign(round.id, p.id, r.id);
    await submittedReview(round.id, proposals[0].id, reviewers[0].id, 4, 5);
    const soon = new Date(now().getTime() + 3 * 24 * 60 * 60 * 1000);
    const due = await createRound({ phase: "ideas" });
    const later = new Date(soon.getTime() + 60 * 24 * 60 * 60 * 1000);
    // Move the proposals deadline to three days from now, keeping the schedule in order.
    const day = 86_400_000;
    await db
      .update(rounds)
      .set({
        proposalsOpensAt: soon,
        shortlistingOpensAt: later,
        votingOpensAt: new Date(later.getTime() + day),
        votingClosesAt: new Date(later.getTime() + 2 * day),
        closesAt: null,
      })
      .where(eq(rounds.id, due.id));
    const cookie = await cookieFor(admin.id);
    const result = await run(() => adminHomeLoader({ request: get("/admin", cookie), params: {}, context: context() }));
    const byId = new Map(result.data.rounds.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(round.id)).toMatchObject({ phase: "shortlisting", reviews: { outstanding: 3, assigned: 4 } });
    expect(byId.get(due.id)).toMatchObject({
      phase: "ideas",
      nextChange: { relative: expect.stringMatching(/^in (2|3) days$/) },
    });
    expect((byId.get(due.id) as { nextChange: { when: string } }).nextChange.when).toMatch(/(GMT|BST)$/);
  });
});

describe("/admin/audit", () => {
  it("filters by actor, action, round and London dates, newest first, naming the actor and linking the subject", async () => {
    const admin = await createUser({ isAdmin: true, name: "Ottoline Auditwright" });
    const cookie = await cookieFor(admin.id);
    const person = await createUser({ name: "Subject Person" });
    const round = await createRound({ phase: "ideas" });
    await setAdmin(admin, { userId: person.id, admin: true });
    await setAdmin(admin, { userId: person.id, admin: false });
    await db.insert(auditLog).values({
      at: new Date("2026-06-30T23:30:00Z"),
      actorId: null,
      action: "round.phase_changed",
      subjectType: "round",
      subjectId: round.id,
      roundId: round.id,
      details: { from: "draft", to: "ideas" },
    });
    const audit = async (query: string) =>
      (await run(() => auditLoader({ request: get(`/admin/audit${query}`, cookie), params: {}, context: context() })))
        .data;

    const mine = await audit("?actor=auditwright");
    expect(mine.entries.map((e: { action: string }) => e.action)).toEqual(["Removed as admin", "Made an admin"]);
    expect(mine.entries[0]).toMatchObject({
      actor: { name: "Ottoline Auditwright", href: `/admin/users/${admin.id}` },
      subject: { label: "Subject Person", href: `/admin/users/${person.id}` },
    });
    expect((await audit(`?actor=${admin.id}&action=admin.granted`)).entries).toHaveLength(1);
    expect(mine.actions).toEqual(expect.arrayContaining([{ value: "admin.granted", label: "Made an admin" }]));

    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    const july = await audit(`?round=${round.slug}&from=2026-07-01&to=2026-07-01`);
    expect(july.entries).toHaveLength(1);
    expect(july.entries[0]).toMatchObject({
      actor: { name: "System", href: null },
      action: "Changed a round's phase",
      details: expect.arrayContaining([
        ["from", "draft"],
        ["to", "ideas"],
      ]),
    });
    expect((await audit(`?round=${round.slug}&from=2026-06-01&to=2026-06-30`)).entries).toHaveLength(0);
    const bad = await audit("?from=2026-02-31");
    expect(bad.errors.from).toMatch(/real date/);
  });
});
