import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { createVotingRound } from "../../db/seed/factories/voting";
import { castBallot } from "../../app/modules/voting/cast-ballot.server";
import { markSent } from "../../app/modules/notifications/outbox.server";
import { loader as outboxListLoader } from "../../app/routes/admin.outbox._index";
import { loader as outboxEmailLoader } from "../../app/routes/admin.outbox.$id";
import { context, cookieFor, get, run } from "../support/http";

describe("ballot receipts in the outbox", () => {
  it("the programme team sees who got a receipt and when, never the code; the text is erased once sent", async () => {
    const v = await createVotingRound();
    const member = await createUser();
    const admin = await createUser({ isAdmin: true });
    const picks = v.round.categories.flatMap((c) =>
      v.shortlist[c.id].slice(0, 2).map((proposalId) => ({ categoryId: c.id, proposalId })),
    );
    const { receiptCode } = await castBallot(member, { roundId: v.round.id, picks, idempotencyKey: "privacy-test" });
    const [email] = await db.select().from(outbox).where(eq(outbox.kind, "ballot_receipt"));
    expect(email.textBody).toContain(receiptCode);
    expect(email.subject).not.toContain(receiptCode);

    const cookie = await cookieFor(admin.id);
    const list = await run(() =>
      outboxListLoader({ request: get("/admin/outbox", cookie), params: {}, context: context() }),
    );
    expect(JSON.stringify(list.data)).not.toContain(receiptCode);
    const detail = await run(() =>
      outboxEmailLoader({
        request: get(`/admin/outbox/${email.id}`, cookie),
        params: { id: String(email.id) },
        context: context(),
      }),
    );
    expect(detail.data.email.to).toBe(member.email);
    expect(JSON.stringify(detail.data)).not.toContain(receiptCode);
    expect(detail.data.email.body).toMatch(/not shown to anyone but the voter/);

    await markSent(email.id);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, email.id));
    expect(sent.status).toBe("sent");
    expect(sent.textBody).toBe("");
  });

  it("other emails keep their text after sending", async () => {
    const user = await createUser();
    const [row] = await db
      .insert(outbox)
      .values({
        dedupeKey: "keep-text",
        kind: "verify_email",
        toAddress: user.email,
        subject: "Confirm",
        textBody: "Hello",
        nextAttemptAt: new Date(),
        createdAt: new Date(),
      })
      .returning();
    await markSent(row.id);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(sent.textBody).toBe("Hello");
  });
});
