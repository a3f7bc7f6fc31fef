import { and, desc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { auditLog, membershipDomains, outbox, sessions, users } from "../../db/schema";
import { action as joinAction } from "../../app/routes/join";
import { action as verifyAction } from "../../app/routes/verify";
import { action as signInAction } from "../../app/routes/sign-in";
import { action as signOutAction } from "../../app/routes/sign-out";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { action as resetAction } from "../../app/routes/reset-password";
import { action as passwordAction } from "../../app/routes/me.password";
import { action as meAction, loader as meLoader } from "../../app/routes/me._index";
import { action as membersAction, loader as membersLoader } from "../../app/routes/admin.members";
import { context, cookieFor, get, post, run } from "../support/http";

const PASSWORD = "a sensible passphrase";

async function latestLink(to: string, path: string): Promise<string> {
  const [email] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), like(outbox.textBody, `%${path}?token=%`)))
    .orderBy(desc(outbox.id))
    .limit(1);
  const match = email.textBody.match(new RegExp(`https?://[^\\s]+${path.replace("/", "\\/")}\\?token=([a-z2-7]+)`));
  return match![1];
}

async function register(email: string, extra: Record<string, string> = {}) {
  return run(() =>
    joinAction({
      request: post("/join", {
        name: "Ada Lovelace",
        email,
        password: PASSWORD,
        organisation: "NHS Test Trust",
        applyForMembership: "on",
        ...extra,
      }),
      params: {},
      context: context(),
    }),
  );
}

async function signIn(email: string, password = PASSWORD, ip = "198.51.100.1") {
  return run(() =>
    signInAction({
      request: post("/sign-in", { email, password, redirectTo: "/me" }),
      params: {},
      context: context(ip),
    }),
  );
}

describe("register, verify, sign in, sign out", () => {
  it("walks the whole journey", async () => {
    const joined = await register("Ada@Example.org");
    expect(joined.status).toBe(303);
    expect(joined.location).toContain("/verify?sent=1");

    // Not verified yet: sign-in is refused with the reason at the email field.
    const early = await signIn("ada@example.org");
    expect(early.status).toBe(403);
    expect(early.data.errors.email).toMatch(/Confirm your email address/);

    const token = await latestLink("ada@example.org", "/verify");
    const verified = await run(() =>
      verifyAction({ request: post("/verify", { intent: "confirm", token }), params: {}, context: context() }),
    );
    expect(verified.status).toBe(303);
    expect(verified.location).toBe("/sign-in");

    // The link works once.
    const again = await run(() =>
      verifyAction({ request: post("/verify", { intent: "confirm", token }), params: {}, context: context() }),
    );
    expect(again.status).toBe(400);

    const signedIn = await signIn("ada@example.org");
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/me");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("qx_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const sessionCookie = cookie.split(";")[0];

    const me = await run(() => meLoader({ request: get("/me", sessionCookie), params: {}, context: context() }));
    expect(me.status).toBe(200);
    expect(me.data.account.email).toBe("ada@example.org");
    expect(me.data.account.membership).toBe("pending");

    const out = await run(() =>
      signOutAction({ request: post("/sign-out", {}, sessionCookie), params: {}, context: context() }),
    );
    expect(out.status).toBe(303);
    // The old cookie no longer works: the session was deleted on the server.
    const replay = await run(() => meLoader({ request: get("/me", sessionCookie), params: {}, context: context() }));
    expect(replay.status).toBe(302);
    expect(replay.location).toBe("/sign-in?redirectTo=%2Fme");
  });

  it("keeps what was typed and names each bad field", async () => {
    const result = await run(() =>
      joinAction({
        request: post("/join", { name: "", email: "not-an-email", password: "short", organisation: "Trust" }),
        params: {},
        context: context(),
      }),
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["email", "name", "password"]);
    expect(result.data.values).toMatchObject({ email: "not-an-email", organisation: "Trust" });
    expect(result.data.values.password).toBeUndefined();
  });

  it("a NUL character in a field is dropped, not a server error", async () => {
    const result = await register("nul@example.org", { name: "Nul\u0000Byte" });
    expect(result.status).toBe(303);
    expect((await db.select().from(users).where(eq(users.email, "nul@example.org")))[0].name).toBe("NulByte");
  });

  it("reports a common password together with the other fields' errors", async () => {
    const result = await run(() =>
      joinAction({
        request: post("/join", { name: "", email: "x@example.org", password: "password123456", organisation: "Org" }),
        params: {},
        context: context(),
      }),
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["name", "password"]);
    expect(result.data.errors.password).toMatch(/too common/);
  });

  it("rejects a common password at the password field", async () => {
    const result = await register("common@example.org", { password: "password123456" });
    expect(result.status).toBe(400);
    expect(result.data.errors.password).toMatch(/too common/);
  });

  it("a bot that fills the hidden field is turned away", async () => {
    const result = await register("bot@example.org", { website: "http://spam.example" });
    expect(result.status).toBe(400);
    expect(await db.select().from(users).where(eq(users.email, "bot@example.org"))).toHaveLength(0);
  });

  it("registering a taken email says the same and emails the owner instead", async () => {
    await register("twice@example.org");
    const second = await register("twice@example.org");
    expect(second.status).toBe(303);
    expect(await db.select().from(users).where(eq(users.email, "twice@example.org"))).toHaveLength(1);
    const emails = await db.select().from(outbox).where(eq(outbox.toAddress, "twice@example.org"));
    expect(emails.map((e) => e.kind).sort()).toEqual(["already_registered", "verify_email"]);
  });

  it("shows the wrong-password error at the password field", async () => {
    const user = await createUser({ email: "wrong@example.org" });
    const result = await signIn(user.email, "not the password");
    expect(result.status).toBe(400);
    expect(result.data.errors.password).toMatch(/email address and password/);
    expect(result.data.values.email).toBe("wrong@example.org");
  });

  it("never redirects off-site after signing in", async () => {
    await createUser({ email: "redirect@example.org", password: PASSWORD });
    for (const target of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const result = await run(() =>
        signInAction({
          request: post("/sign-in", { email: "redirect@example.org", password: PASSWORD, redirectTo: target }),
          params: {},
          context: context(),
        }),
      );
      expect(result.location, target).toBe("/");
    }
  });
});

describe("passwords", () => {
  it("resets a forgotten password once, and ends every session", async () => {
    const user = await createUser({ email: "forgot@example.org", password: PASSWORD });
    const oldCookie = await cookieFor(user.id);
    const asked = await run(() =>
      forgotAction({
        request: post("/forgot-password", { email: "forgot@example.org" }),
        params: {},
        context: context(),
      }),
    );
    expect(asked.status).toBe(200);
    const token = await latestLink("forgot@example.org", "/reset-password");
    const reset = await run(() =>
      resetAction({
        request: post("/reset-password", { token, password: "a brand new passphrase" }),
        params: {},
        context: context(),
      }),
    );
    expect(reset.status).toBe(303);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const replay = await run(() => meLoader({ request: get("/me", oldCookie), params: {}, context: context() }));
    expect(replay.status).toBe(302);
    expect((await signIn("forgot@example.org", "a brand new passphrase")).status).toBe(303);
    const reused = await run(() =>
      resetAction({
        request: post("/reset-password", { token, password: "yet another passphrase" }),
        params: {},
        context: context(),
      }),
    );
    expect(reused.status).toBe(400);
    expect(reused.data.errors.password).toMatch(/expired or has already been used/);
  });

  it("asking for a reset for an unknown email looks the same and sends nothing", async () => {
    const result = await run(() =>
      forgotAction({
        request: post("/forgot-password", { email: "nobody@example.org" }),
        params: {},
        context: context(),
      }),
    );
    expect(result.status).toBe(200);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "nobody@example.org"))).toHaveLength(0);
  });

  it("changing the password ends every other session but keeps this one", async () => {
    const user = await createUser({ password: PASSWORD });
    const here = await cookieFor(user.id);
    const elsewhere = await cookieFor(user.id);
    const wrong = await run(() =>
      passwordAction({
        request: post(
          "/me/password",
          { currentPassword: "nope nope nope", newPassword: "another good passphrase" },
          here,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.currentPassword).toBeDefined();
    const changed = await run(() =>
      passwordAction({
        request: post("/me/password", { currentPassword: PASSWORD, newPassword: "another good passphrase" }, here),
        params: {},
        context: context(),
      }),
    );
    expect(changed.status).toBe(303);
    expect((await run(() => meLoader({ request: get("/me", here), params: {}, context: context() }))).status).toBe(200);
    expect((await run(() => meLoader({ request: get("/me", elsewhere), params: {}, context: context() }))).status).toBe(
      302,
    );
  });
});

describe("membership", () => {
  it("an admin approves a verified applicant; the decision is audited and emailed", async () => {
    const admin = await createUser({ isAdmin: true });
    const applicant = await createUser({ membership: "pending", membershipRequestedAt: new Date() });
    const adminCookie = await cookieFor(admin.id);
    const list = await run(() =>
      membersLoader({ request: get("/admin/members", adminCookie), params: {}, context: context() }),
    );
    expect(list.data.requests.map((r: { id: string }) => r.id)).toContain(applicant.id);

    const result = await run(() =>
      membersAction({
        request: post("/admin/members", { intent: "approve", userId: applicant.id }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(result.status).toBe(303);
    const [after] = await db.select().from(users).where(eq(users.id, applicant.id));
    expect(after.membership).toBe("approved");
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, applicant.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["membership.approved", admin.id]]);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, applicant.email))).toHaveLength(1);

    // Deciding twice is a conflict, not a second decision.
    const twice = await run(() =>
      membersAction({
        request: post("/admin/members", { intent: "decline", userId: applicant.id, confirm: "yes" }, adminCookie),
        params: {},
        context: context(),
      }),
    );
    expect(twice.status).toBe(409);
  });

  it("declining asks for confirmation first and changes nothing until it is given", async () => {
    const admin = await createUser({ isAdmin: true });
    const applicant = await createUser({ membership: "pending", membershipRequestedAt: new Date() });
    const cookie = await cookieFor(admin.id);
    const asked = await run(() =>
      membersAction({
        request: post("/admin/members", { intent: "decline", userId: applicant.id, name: applicant.name }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(asked.status).toBe(200);
    expect(asked.data.confirm.question).toContain(applicant.name);
    expect((await db.select().from(users).where(eq(users.id, applicant.id)))[0].membership).toBe("pending");
    const done = await run(() =>
      membersAction({
        request: post("/admin/members", { intent: "decline", userId: applicant.id, confirm: "yes" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(done.status).toBe(303);
    expect((await db.select().from(users).where(eq(users.id, applicant.id)))[0].membership).toBe("declined");
  });

  it("asking for membership later from /me with an allow-listed address approves at once", async () => {
    await db.insert(membershipDomains).values({ domain: "later.nhs.uk" }).onConflictDoNothing();
    const person = await createUser({ email: "late@later.nhs.uk", membership: "none", membershipDecidedAt: null });
    const cookie = await cookieFor(person.id);
    const result = await run(() =>
      meAction({ request: post("/me", { intent: "request-membership" }, cookie), params: {}, context: context() }),
    );
    expect(result.status).toBe(303);
    expect((await db.select().from(users).where(eq(users.id, person.id)))[0].membership).toBe("approved");
  });

  it("a member who is not an admin gets 403 from the admin page and its action", async () => {
    const member = await createUser();
    const cookie = await cookieFor(member.id);
    expect(
      (await run(() => membersLoader({ request: get("/admin/members", cookie), params: {}, context: context() })))
        .status,
    ).toBe(403);
    const applicant = await createUser({ membership: "pending" });
    expect(
      (
        await run(() =>
          membersAction({
            request: post("/admin/members", { intent: "approve", userId: applicant.id }, cookie),
            params: {},
            context: context(),
          }),
        )
      ).status,
    ).toBe(403);
    const [after] = await db.select().from(users).where(eq(users.id, applicant.id));
    expect(after.membership).toBe("pending");
  });

  it("a verified email on an allow-listed domain becomes a member at once", async () => {
    await db.insert(membershipDomains).values({ domain: "trust.nhs.uk" });
    await register("nurse@ward.trust.nhs.uk");
    const token = await latestLink("nurse@ward.trust.nhs.uk", "/verify");
    await run(() =>
      verifyAction({ request: post("/verify", { intent: "confirm", token }), params: {}, context: context() }),
    );
    const [user] = await db.select().from(users).where(eq(users.email, "nurse@ward.trust.nhs.uk"));
    expect(user.membership).toBe("approved");
  });

  it("an address on another domain waits for an admin", async () => {
    await register("someone@elsewhere.org");
    const token = await latestLink("someone@elsewhere.org", "/verify");
    await run(() =>
      verifyAction({ request: post("/verify", { intent: "confirm", token }), params: {}, context: context() }),
    );
    const [user] = await db.select().from(users).where(eq(users.email, "someone@elsewhere.org"));
    expect(user.membership).toBe("pending");
  });
});
