import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createUser } from "../../db/seed/factories";
import { auditLog, sessions } from "../../db/schema";
import { restoreUser, suspendUser } from "../../app/modules/accounts/suspension.server";
import { loader as meLoader } from "../../app/routes/me._index";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, cookieFor, get, post, run } from "../support/http";

describe("suspension", () => {
  it("ends every session at once, refuses sign-in with the reason, and is audited; restoring lets the person back", async () => {
    const admin = await createUser({ isAdmin: true });
    const person = await createUser();
    const cookie = await cookieFor(person.id);
    await suspendUser(admin, { userId: person.id, reason: "Repeated abuse in comments" });

    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
    expect((await run(() => meLoader({ request: get("/me", cookie), params: {}, context: context() }))).status).toBe(
      302,
    );
    const signIn = await run(() =>
      signInAction({
        request: post("/sign-in", { email: person.email, password: "correct-horse-battery-staple" }),
        params: {},
        context: context(),
      }),
    );
    expect(signIn.status).toBe(403);
    expect(signIn.data.errors.email).toMatch(/suspended\. Reason: Repeated abuse in comments/);

    await restoreUser(admin, { userId: person.id });
    const again = await run(() =>
      signInAction({
        request: post("/sign-in", { email: person.email, password: "correct-horse-battery-staple" }),
        params: {},
        context: context(),
      }),
    );
    expect(again.status).toBe(303);
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    expect(audit.map((a) => a.action)).toEqual(["user.suspended", "user.restored"]);
  });

  it("only an admin may suspend, with a reason", async () => {
    const member = await createUser();
    const admin = await createUser({ isAdmin: true });
    const person = await createUser();
    await expect(suspendUser(member, { userId: person.id, reason: "x" })).rejects.toThrow(/Only the programme team/);
    await expect(suspendUser(admin, { userId: person.id, reason: "  " })).rejects.toThrow(/reason/);
    await expect(suspendUser(admin, { userId: admin.id, reason: "x" })).rejects.toThrow(/yourself/);
  });
});
