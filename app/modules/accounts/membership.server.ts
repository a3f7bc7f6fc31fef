import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { membershipDomains, users } from "~db/schema";
import { now } from "~/lib/clock";
import { env } from "~/lib/env.server";
import { Conflict, Forbidden, NotFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { membershipDecisionEmail } from "./emails";
import { domainOf, isAllowListed } from "./permissions";

type Admin = { id: string; isAdmin: boolean };

/**
 * A person with a confirmed email on an allow-listed domain who asks for membership becomes a
 * member at once. Returns whether they did. Runs in the caller's transaction.
 */
export async function approveIfAllowListed(tx: Tx, user: { id: string; email: string }): Promise<boolean> {
  const domains = (await tx.select({ domain: membershipDomains.domain }).from(membershipDomains)).map((d) => d.domain);
  if (!isAllowListed(user.email, domains)) return false;
  const at = now();
  await tx
    .update(users)
    .set({ membership: "approved", membershipDecidedAt: at, updatedAt: at })
    .where(eq(users.id, user.id));
  await recordAudit(
    {
      actorId: null,
      action: "membership.approved_by_domain",
      subjectType: "user",
      subjectId: user.id,
      details: { domain: domainOf(user.email) },
    },
    tx,
  );
  return true;
}

function assertAdmin(actor: Admin) {
  if (!actor.isAdmin) throw new Forbidden("Only the programme team can do this.");
}

/** Verified accounts waiting for a decision, oldest request first. */
export async function listMembershipRequests() {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      requestedAt: users.membershipRequestedAt,
    })
    .from(users)
    .where(and(eq(users.membership, "pending"), isNotNull(users.emailVerifiedAt)))
    .orderBy(asc(users.membershipRequestedAt));
}

export async function decideMembership(
  actor: Admin,
  input: { userId: string; approve: boolean },
): Promise<{ name: string }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, membership: users.membership })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) throw new NotFound("No such person.");
    if (user.membership !== "pending") throw new Conflict(`${user.name}'s request has already been decided.`);
    const at = now();
    const membership = input.approve ? "approved" : "declined";
    await tx.update(users).set({ membership, membershipDecidedAt: at, updatedAt: at }).where(eq(users.id, user.id));
    await recordAudit(
      { actorId: actor.id, action: `membership.${membership}`, subjectType: "user", subjectId: user.id },
      tx,
    );
    const message = membershipDecisionEmail(user.name, input.approve, `${env().APP_URL}/`);
    await enqueueEmail(
      {
        dedupeKey: `membership:${user.id}:${membership}:${at.getTime()}`,
        kind: "membership",
        to: user.email,
        ...message,
      },
      tx,
    );
    return { name: user.name };
  });
}

export async function listMembershipDomains() {
  return db.select().from(membershipDomains).orderBy(asc(membershipDomains.domain));
}

export async function addMembershipDomain(actor: Admin, domain: string): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(membershipDomains)
      .values({ domain, addedBy: actor.id, createdAt: now() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0)
      throw new Conflict(`${domain} is already on the list.`, { domain: `${domain} is already on the list` });
    await recordAudit(
      { actorId: actor.id, action: "membership_domain.added", subjectType: "membership_domain", subjectId: domain },
      tx,
    );
  });
}

export async function removeMembershipDomain(actor: Admin, domain: string): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const removed = await tx.delete(membershipDomains).where(eq(membershipDomains.domain, domain)).returning();
    if (removed.length === 0) throw new NotFound(`${domain} is not on the list.`);
    await recordAudit(
      { actorId: actor.id, action: "membership_domain.removed", subjectType: "membership_domain", subjectId: domain },
      tx,
    );
  });
}
