import { and, desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, ideaInvitations, ideas, ideaTeamMembers, outbox } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { Conflict, Forbidden, Invalid, PhaseClosed } from "../../app/lib/errors";
import { handOverLead } from "../../app/modules/ideas/hand-over-lead.server";
import { inviteMember } from "../../app/modules/ideas/invite-member.server";
import { invitationByToken, pendingInvitationsFor } from "../../app/modules/ideas/my-ideas.server";
import { removeMember } from "../../app/modules/ideas/remove-member.server";
import { respondToInvitation } from "../../app/modules/ideas/respond-to-invitation.server";
import { revokeInvitation } from "../../app/modules/ideas/revoke-invitation.server";

afterEach(() => resetClock());

async function ideaWithLead(phase: "ideas" | "proposals" | "shortlisting" = "ideas") {
  const round = await createRound({ phase });
  const lead = await createUser({ name: "Lena Lead" });
  const idea = await insertIdea({ round, lead });
  return { round, lead, idea };
}

async function teamOf(ideaId: string) {
  const rows = await db.select().from(ideaTeamMembers).where(eq(ideaTeamMembers.ideaId, ideaId));
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

function tokenFrom(text: string): string {
  return /\/invitations\/([a-z2-7]+)/.exec(text)![1];
}

describe("inviting by email", () => {
  it("the lead invites an address with no account; the invitation waits and is answered after the person joins", async () => {
    const { lead, idea } = await ideaWithLead();
    const email = `newcomer-${Date.now()}@example.org`;
    const { invitationId } = await inviteMember(lead, { ideaId: idea.id, email: email.toUpperCase() });
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.id));
    expect(mail.subject).toContain(idea.title);
    const token = tokenFrom(mail.textBody);
    expect((await invitationByToken(token))?.id).toBe(invitationId);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "idea.team.invite"), eq(auditLog.subjectId, idea.id)));
    expect(audit.actorId).toBe(lead.id);
    // The token itself is never stored.
    const [stored] = await db.select().from(ideaInvitations).where(eq(ideaInvitations.id, invitationId));
    expect(stored.tokenHash).not.toBe(token);

    // Later, someone registers with that address (not a member: teams may include anyone).
    const newcomer = await createUser({ email, membership: "none", membershipDecidedAt: null });
    expect((await pendingInvitationsFor(newcomer.email)).map((i) => i.id)).toEqual([invitationId]);
    await respondToInvitation(newcomer, { invitationId, accept: true });
    expect(await teamOf(idea.id)).toEqual({ [lead.id]: "lead", [newcomer.id]: "member" });
    expect(await pendingInvitationsFor(newcomer.email)).toEqual([]);
    await expect(respondToInvitation(newcomer, { invitationId, accept: true })).rejects.toBeInstanceOf(Conflict);
  });

  it("only the lead invites; an address already invited or on the team is refused at the field", async () => {
    const { lead, idea } = await ideaWithLead();
    const member = await createUser();
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: idea.id, userId: member.id, role: "member", joinedAt: new Date() });
    await expect(inviteMember(member, { ideaId: idea.id, email: "x@example.org" })).rejects.toBeInstanceOf(Forbidden);
    await expect(inviteMember(lead, { ideaId: idea.id, email: member.email })).rejects.toMatchObject({
      fieldErrors: { email: expect.stringContaining("already on the team") },
    });
    await inviteMember(lead, { ideaId: idea.id, email: "twice@example.org" });
    await expect(inviteMember(lead, { ideaId: idea.id, email: "twice@example.org" })).rejects.toMatchObject({
      fieldErrors: { email: expect.stringContaining("already invited") },
    });
  });

  it("only the invited address may answer; a declined or revoked invitation cannot be accepted", async () => {
    const { lead, idea } = await ideaWithLead();
    const invitee = await createUser();
    const other = await createUser();
    const first = await inviteMember(lead, { ideaId: idea.id, email: invitee.email });
    await expect(respondToInvitation(other, { invitationId: first.invitationId, accept: true })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await respondToInvitation(invitee, { invitationId: first.invitationId, accept: false });
    await expect(
      respondToInvitation(invitee, { invitationId: first.invitationId, accept: true }),
    ).rejects.toBeInstanceOf(Conflict);
    const second = await inviteMember(lead, { ideaId: idea.id, email: invitee.email });
    await revokeInvitation(lead, { ideaId: idea.id, invitationId: second.invitationId });
    await expect(respondToInvitation(invitee, { invitationId: second.invitationId, accept: true })).rejects.toThrow(
      /withdrawn/,
    );
    expect(await teamOf(idea.id)).toEqual({ [lead.id]: "lead" });
  });

  it("the phase gate: invitations are sent and accepted only while ideas can be edited", async () => {
    const { round, lead, idea } = await ideaWithLead("proposals");
    const invitee = await createUser();
    const { invitationId } = await inviteMember(lead, { ideaId: idea.id, email: invitee.email });
    setClock(() => new Date(round.shortlistingOpensAt.getTime() + 1));
    await expect(inviteMember(lead, { ideaId: idea.id, email: "late@example.org" })).rejects.toBeInstanceOf(
      PhaseClosed,
    );
    await expect(respondToInvitation(invitee, { invitationId, accept: true })).rejects.toBeInstanceOf(PhaseClosed);
    // Saying no is always possible.
    await expect(respondToInvitation(invitee, { invitationId, accept: false })).resolves.toMatchObject({
      accepted: false,
    });
  });
});

describe("removing members and handing over the lead", () => {
  async function withMember(memberOverrides: Parameters<typeof createUser>[0] = {}) {
    const setup = await ideaWithLead();
    const member = await createUser({ name: "Max Member", ...memberOverrides });
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: setup.idea.id, userId: member.id, role: "member", joinedAt: new Date() });
    return { ...setup, member };
  }

  it("the lead removes a member (audited); a member may leave; the lead cannot leave", async () => {
    const { lead, idea, member } = await withMember();
    await expect(removeMember(member, { ideaId: idea.id, userId: lead.id })).rejects.toBeInstanceOf(Forbidden);
    await expect(removeMember(lead, { ideaId: idea.id, userId: lead.id })).rejects.toThrow(/Hand over the lead/);
    await removeMember(lead, { ideaId: idea.id, userId: member.id });
    expect(await teamOf(idea.id)).toEqual({ [lead.id]: "lead" });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "idea.team.remove"), eq(auditLog.subjectId, idea.id)));
    expect(audit.details).toEqual({ userId: member.id });

    const other = await createUser();
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: idea.id, userId: other.id, role: "member", joinedAt: new Date() });
    await expect(removeMember(other, { ideaId: idea.id, userId: other.id })).resolves.toMatchObject({ left: true });
  });

  it("the lead hands over to a team member who is a member of Q Exchange", async () => {
    const { lead, idea, member } = await withMember();
    await expect(handOverLead(lead, { ideaId: idea.id, userId: member.id })).resolves.toEqual({ name: "Max Member" });
    expect(await teamOf(idea.id)).toEqual({ [lead.id]: "member", [member.id]: "lead" });
    const [row] = await db.select({ leadId: ideas.leadId }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.leadId).toBe(member.id);
    await expect(handOverLead(lead, { ideaId: idea.id, userId: member.id })).rejects.toBeInstanceOf(Forbidden);
  });

  it("a non-member cannot lead: the hand-over to a team member without membership is refused", async () => {
    const { lead, idea, member } = await withMember({ membership: "none", membershipDecidedAt: null });
    await expect(handOverLead(lead, { ideaId: idea.id, userId: member.id })).rejects.toThrow(/only members can lead/);
    const stranger = await createUser();
    await expect(handOverLead(lead, { ideaId: idea.id, userId: stranger.id })).rejects.toBeInstanceOf(Invalid);
  });

  it("the phase gate: the team is fixed once editing closes at shortlisting", async () => {
    const { round, lead, idea, member } = await withMember();
    setClock(() => new Date(round.shortlistingOpensAt.getTime() + 1));
    await expect(removeMember(lead, { ideaId: idea.id, userId: member.id })).rejects.toBeInstanceOf(PhaseClosed);
    await expect(handOverLead(lead, { ideaId: idea.id, userId: member.id })).rejects.toBeInstanceOf(PhaseClosed);
    expect(await teamOf(idea.id)).toEqual({ [lead.id]: "lead", [member.id]: "member" });
  });

  it("the hand-over cannot give someone a second submitted proposal in the round", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    const other = await createUser({ name: "Olu Other" });
    const mine = await insertIdea({ round, lead, state: "submitted", proposal: {}, members: [other] });
    await insertIdea({ round, lead: other, state: "submitted", proposal: {} });
    await expect(handOverLead(lead, { ideaId: mine.id, userId: other.id })).rejects.toBeInstanceOf(Conflict);
    expect(await teamOf(mine.id)).toEqual({ [lead.id]: "lead", [other.id]: "member" });
  });
});
