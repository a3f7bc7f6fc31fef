import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, ideas, outbox, proposalBudgetLines, proposalMilestones, proposals } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { Conflict, DomainError, Forbidden, Invalid, PhaseClosed } from "../../app/lib/errors";
import { saveProposal } from "../../app/modules/ideas/save-proposal.server";
import { submitProposal } from "../../app/modules/ideas/submit-proposal.server";
import { withdrawProposal } from "../../app/modules/ideas/withdraw-proposal.server";

afterEach(() => resetClock());

const complete = {
  aimsMd: "Halve missed appointments.",
  deliveryMd: "A pilot in two clinics.",
  learningMd: "Open toolkit and blog posts.",
  contributeMd: "Share your booking data.",
  milestones: [{ title: "Pilot starts", targetMonth: "2027-09-01" }],
  budget: [
    { description: "Coordinator", amountPence: 2_000_000 },
    { description: "Texts", amountPence: 500_000 },
  ],
};

async function publishedIdea(phase: "ideas" | "proposals" | "shortlisting" | "voting" | "results" = "proposals") {
  const round = await createRound({ phase });
  const lead = await createUser();
  const idea = await insertIdea({ round, lead });
  return { round, lead, idea };
}

describe("saveProposal", () => {
  it("the team saves an incomplete draft; milestones and budget lines are replaced in order", async () => {
    const { lead, idea } = await publishedIdea();
    await saveProposal(lead, { ideaId: idea.id, ...complete, deliveryMd: "", milestones: [] });
    await saveProposal(lead, {
      ideaId: idea.id,
      ...complete,
      budget: [{ description: "Only line", amountPence: 100 }],
    });
    const [proposal] = await db.select().from(proposals).where(eq(proposals.ideaId, idea.id));
    expect(proposal.aimsHtml).toBe("<p>Halve missed appointments.</p>\n");
    expect(proposal.submittedAt).toBeNull();
    expect(
      await db
        .select({ d: proposalBudgetLines.description })
        .from(proposalBudgetLines)
        .where(eq(proposalBudgetLines.ideaId, idea.id)),
    ).toEqual([{ d: "Only line" }]);
    expect(
      await db
        .select({ t: proposalMilestones.title })
        .from(proposalMilestones)
        .where(eq(proposalMilestones.ideaId, idea.id)),
    ).toEqual([{ t: "Pilot starts" }]);
  });

  it("the phase gate: proposals are written only in the proposals phase, by the team, for a published idea", async () => {
    const early = await publishedIdea("ideas");
    await expect(saveProposal(early.lead, { ideaId: early.idea.id, ...complete })).rejects.toBeInstanceOf(PhaseClosed);
    const { round, lead, idea } = await publishedIdea();
    await expect(saveProposal(await createUser(), { ideaId: idea.id, ...complete })).rejects.toBeInstanceOf(Forbidden);
    const draft = await insertIdea({ round, lead, state: "draft" });
    await expect(saveProposal(lead, { ideaId: draft.id, ...complete })).rejects.toBeInstanceOf(Invalid);
  });
});

describe("submitProposal", () => {
  it("the lead submits a complete proposal: state, audit row and confirmation email", async () => {
    const { lead, idea } = await publishedIdea();
    await saveProposal(lead, { ideaId: idea.id, ...complete });
    await submitProposal(lead, { ideaId: idea.id });
    const [row] = await db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row.state).toBe("submitted");
    expect(row.submittedAt).not.toBeNull();
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "proposal.submit"), eq(auditLog.subjectId, idea.id))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `proposal-submitted:${idea.id}`)),
    ).toHaveLength(1);
    await expect(submitProposal(lead, { ideaId: idea.id })).rejects.toBeInstanceOf(Conflict);
  });

  it("refuses a budget over the maximum award and a timeline without milestones, with messages at the fields", async () => {
    const { round, lead, idea } = await publishedIdea();
    await saveProposal(lead, {
      ideaId: idea.id,
      ...complete,
      milestones: [],
      budget: [{ description: "Everything", amountPence: round.maxAwardPence + 1 }],
    });
    const error = (await submitProposal(lead, { ideaId: idea.id }).catch((e) => e)) as DomainError;
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors).toEqual({
      milestones: "Add at least one milestone to the timeline.",
      budget: "The budget totals £30,000.01, more than the maximum award of £30,000. Reduce it by £0.01.",
    });
  });

  it("only the lead submits, only while proposals are open, and the lead must still be a member", async () => {
    const { round, lead, idea } = await publishedIdea();
    await saveProposal(lead, { ideaId: idea.id, ...complete });
    const member = await createUser();
    await expect(submitProposal(member, { ideaId: idea.id })).rejects.toBeInstanceOf(Forbidden);
    await expect(submitProposal({ ...lead, membership: "declined" }, { ideaId: idea.id })).rejects.toBeInstanceOf(
      Forbidden,
    );
    setClock(() => new Date(round.shortlistingOpensAt.getTime()));
    await expect(submitProposal(lead, { ideaId: idea.id })).rejects.toBeInstanceOf(PhaseClosed);
  });

  it("20 concurrent submissions by one lead (20 ideas) leave exactly one submitted proposal", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    const list = await Promise.all(Array.from({ length: 20 }, () => insertIdea({ round, lead, proposal: {} })));
    const results = await Promise.allSettled(list.map((idea) => submitProposal(lead, { ideaId: idea.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(Conflict);
    const submitted = await db
      .select()
      .from(ideas)
      .where(
        and(
          inArray(
            ideas.id,
            list.map((i) => i.id),
          ),
          eq(ideas.state, "submitted"),
        ),
      );
    expect(submitted).toHaveLength(1);
  });

  it("20 concurrent submissions of the same idea submit it once", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    const idea = await insertIdea({ round, lead, proposal: {} });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => submitProposal(lead, { ideaId: idea.id })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "proposal.submit"), eq(auditLog.subjectId, idea.id))),
    ).toHaveLength(1);
  });

  it("the database itself refuses a second submitted proposal by the same lead", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    await insertIdea({ round, lead, state: "submitted", proposal: {} });
    await expect(insertIdea({ round, lead, state: "funded", proposal: {} })).rejects.toThrow();
  });

  it("a saved edit to a submitted proposal must keep it complete", async () => {
    const { lead, idea } = await publishedIdea();
    await saveProposal(lead, { ideaId: idea.id, ...complete });
    await submitProposal(lead, { ideaId: idea.id });
    await expect(saveProposal(lead, { ideaId: idea.id, ...complete, aimsMd: "" })).rejects.toMatchObject({
      fieldErrors: { aimsMd: expect.any(String) },
    });
  });
});

describe("withdrawProposal", () => {
  it("the lead withdraws before the results, and may then submit another idea", async () => {
    const round = await createRound({ phase: "proposals" });
    const lead = await createUser();
    const first = await insertIdea({ round, lead, state: "submitted", proposal: {} });
    const second = await insertIdea({ round, lead, proposal: {} });
    await expect(withdrawProposal(await createUser(), { ideaId: first.id })).rejects.toBeInstanceOf(Forbidden);
    await withdrawProposal(lead, { ideaId: first.id });
    const [row] = await db.select().from(ideas).where(eq(ideas.id, first.id));
    expect(row.state).toBe("withdrawn");
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "proposal.withdraw"), eq(auditLog.subjectId, first.id))),
    ).toHaveLength(1);
    await expect(submitProposal(lead, { ideaId: second.id })).resolves.toBeTruthy();
  });

  it("the phase gate: no withdrawal once results are out, and nothing to withdraw before submission", async () => {
    const { lead, idea } = await publishedIdea("voting");
    await expect(withdrawProposal(lead, { ideaId: idea.id })).rejects.toBeInstanceOf(Invalid);
    const round = await createRound({ phase: "results" });
    const shortlisted = await insertIdea({ round, lead, state: "shortlisted", proposal: {} });
    await expect(withdrawProposal(lead, { ideaId: shortlisted.id })).rejects.toBeInstanceOf(PhaseClosed);
  });
});
