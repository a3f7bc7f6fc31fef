import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  auditLog,
  comments,
  ideas,
  ideaTeamMembers,
  outbox,
  panelAssignments,
  panelConflicts,
  panelMembers,
  panelReviews,
  rounds,
  users,
} from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { assign, createPanelRound, submittedReview } from "../../db/seed/factories/panel";
import { resetClock } from "../../app/lib/clock";
import { Conflict, Forbidden, Invalid, PhaseClosed } from "../../app/lib/errors";
import { addAssignment, assignAll, overrideOrganisationConflict } from "../../app/modules/panel/manage-panel.server";
import { declareConflict, saveReview } from "../../app/modules/panel/review.server";
import { confirmShortlist, publishShortlist } from "../../app/modules/panel/shortlist.server";
import { shortlistOf } from "../../app/modules/rounds/facts.server";
import { defaultRubric } from "../../app/modules/rounds/validation";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/panel.$round.ideas.$idea";
import { loader as queueLoader } from "../../app/routes/panel._index";
import { loader as packLoader } from "../../app/routes/panel.$round.pack";
import { action as shortlistAction, loader as shortlistLoader } from "../../app/routes/admin.rounds.$round.shortlist";
import { loader as panelLoader } from "../../app/routes/admin.rounds.$round.panel";
import { context, cookieFor, get, post, run } from "../support/http";

afterEach(() => resetClock());

const CRITERIA = defaultRubric().length; // the factory round's default rubric (5 criteria)
const reviewPath = (round: { slug: string }, idea: { slug: string }) => `/panel/${round.slug}/ideas/${idea.slug}`;
const fullScores = (score: number) => Array.from({ length: CRITERIA }, (_, i) => ({ criterionId: String(i), score }));

async function asAdmin() {
  return createUser({ isAdmin: true, organisation: "Programme team" });
}

describe("assignment through the use case", () => {
  it("never includes a blocked pair (team, shared organisation), takes an override, and says why K is not met", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 2, reviewers: 3 });
    const admin = await asAdmin();
    const [onTeam, sameOrg, free] = reviewers;
    const teamIdea = await insertIdea({ round, lead: onTeam, state: "submitted", proposal: { aimsMd: "A." } });
    await db.update(users).set({ organisation: proposals[0].lead.organisation }).where(eq(users.id, sameOrg.id));

    const result = await assignAll(admin, { roundId: round.id, k: 3 });
    const pairs = await db.select().from(panelAssignments).where(eq(panelAssignments.roundId, round.id));
    expect(pairs.some((p) => p.reviewerId === onTeam.id && p.ideaId === teamIdea.id)).toBe(false);
    expect(pairs.some((p) => p.reviewerId === sameOrg.id && p.ideaId === proposals[0].id)).toBe(false);
    expect(pairs.filter((p) => p.reviewerId === free.id)).toHaveLength(5);
    expect(result.shortfalls.map((s) => [s.proposalId, s.got, s.reason]).sort()).toEqual(
      [
        [proposals[0].id, 2, "Only 2 reviewers have no conflict with this proposal."],
        [teamIdea.id, 2, "Only 2 reviewers have no conflict with this proposal."],
      ].sort(),
    );
    await expect(
      addAssignment(admin, { roundId: round.id, ideaId: proposals[0].id, reviewerId: sameOrg.id }),
    ).rejects.toBeInstanceOf(Conflict);

    await overrideOrganisationConflict(admin, {
      roundId: round.id,
      ideaId: proposals[0].id,
      reviewerId: sameOrg.id,
      reason: "Different department, no contact.",
    });
    const again = await assignAll(admin, { roundId: round.id, k: 3 });
    expect(again.shortfalls.map((s) => s.proposalId)).toEqual([teamIdea.id]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "panel.conflict_overridden")));
    expect(audit.actorId).toBe(admin.id);
  });

  it("a supporter or commenter is flagged, not blocked", async () => {
    const { round, reviewers } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    const idea = await insertIdea({
      round,
      lead: await createUser({ organisation: "Elsewhere" }),
      state: "submitted",
      supporters: [reviewers[0]],
      proposal: { aimsMd: "A." },
    });
    await db.insert(comments).values({
      ideaId: idea.id,
      authorId: reviewers[0].id,
      bodyMd: "Nice.",
      bodyHtml: "<p>Nice.</p>",
      createdAt: new Date(),
    });
    await assignAll(await asAdmin(), { roundId: round.id, k: 1 });
    const flags = await db.select().from(panelConflicts).where(eq(panelConflicts.ideaId, idea.id));
    expect(flags.map((f) => [f.kind, f.detail])).toEqual([
      ["engagement", "Supported the idea. Commented on the idea."],
    ]);
    expect(
      await db
        .select()
        .from(panelAssignments)
        .where(and(eq(panelAssignments.ideaId, idea.id), eq(panelAssignments.reviewerId, reviewers[0].id))),
    ).toHaveLength(1);
  });
});

describe("conflicted and recused reviewers", () => {
  it("get 404 from the review page and its action, lose the pack, see no score in any response", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 3 });
    const [recused, orgBlocked, other] = reviewers;
    const target = proposals[0];
    for (const r of reviewers) await assign(round.id, target.id, r.id);
    await submittedReview(round.id, target.id, other.id, 5, CRITERIA, { panelComment: "SECRET-PANEL-NOTE" });
    await saveReview(recused, {
      ideaId: target.id,
      scores: fullScores(2),
      panelComment: "Mine",
      applicantFeedback: "",
      submit: true,
    });
    await declareConflict(recused, { ideaId: target.id, reason: "My sister is on the team." });
    // An organisation conflict found after the assignment was made blocks at once (the assignment stays until the next run).
    await db.insert(panelConflicts).values({
      roundId: round.id,
      ideaId: target.id,
      reviewerId: orgBlocked.id,
      kind: "organisation",
      detail: "Same organisation.",
      createdAt: new Date(),
    });

    for (const person of [recused, orgBlocked]) {
      const cookie = await cookieFor(person.id);
      const params = { round: round.slug, idea: target.slug };
      const page = await run(() =>
        reviewLoader({ request: get(reviewPath(round, target), cookie), params, context: context() }),
      );
      expect(page.status).toBe(404);
      const sent = await run(() =>
        reviewAction({
          request: post(
            reviewPath(round, target),
            { intent: "submit", panelComment: "x", applicantFeedback: "" },
            cookie,
          ),
          params,
          context: context(),
        }),
      );
      expect(sent.status).toBe(404);
      const pack = await run(() =>
        packLoader({
          request: get(`/panel/${round.slug}/pack`, cookie),
          params: { round: round.slug },
          context: context(),
        }),
      );
      expect(pack.status).toBe(404);
      const shortlist = await run(() =>
        shortlistLoader({
          request: get(`/admin/rounds/${round.slug}/shortlist`, cookie),
          params: { round: round.slug },
          context: context(),
        }),
      );
      expect(shortlist.status).toBe(403);
      const admin = await run(() =>
        panelLoader({
          request: get(`/admin/rounds/${round.slug}/panel`, cookie),
          params: { round: round.slug },
          context: context(),
        }),
      );
      expect([302, 303, 403, 404]).toContain(admin.status);
      const queue = await run(() => queueLoader({ request: get("/panel", cookie), params: {}, context: context() }));
      const row = queue.data.rows.find((r: { title: string }) => r.title === target.title);
      expect(row.canOpen).toBe(false);
      for (const response of [page, sent, pack, shortlist, queue]) {
        const text = JSON.stringify(response.data);
        expect(text).not.toContain("SECRET-PANEL-NOTE");
        expect(text).not.toMatch(/calibrated|rawMean|"scores"/);
      }
    }
    expect(
      await db
        .select()
        .from(panelReviews)
        .where(and(eq(panelReviews.ideaId, target.id), eq(panelReviews.reviewerId, recused.id))),
    ).toHaveLength(0);
    await expect(
      saveReview(recused, {
        ideaId: target.id,
        scores: fullScores(3),
        panelComment: "x",
        applicantFeedback: "",
        submit: true,
      }),
    ).rejects.toThrow();
  });

  it("someone who joins the team after being assigned is blocked at once, before conflicts are refreshed", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    const [joiner] = reviewers;
    await assign(round.id, proposals[0].id, joiner.id);
    await db
      .insert(ideaTeamMembers)
      .values({ ideaId: proposals[0].id, userId: joiner.id, role: "member", joinedAt: new Date() });
    const cookie = await cookieFor(joiner.id);
    const page = await run(() =>
      reviewLoader({
        request: get(reviewPath(round, proposals[0]), cookie),
        params: { round: round.slug, idea: proposals[0].slug },
        context: context(),
      }),
    );
    expect(page.status).toBe(404);
  });

  it("a chair with a conflict sees that proposal's row without scores", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 2 });
    const [chair, other] = reviewers;
    await db.update(panelMembers).set({ isChair: true }).where(eq(panelMembers.userId, chair.id));
    await submittedReview(round.id, proposals[0].id, other.id, 4, CRITERIA);
    await submittedReview(round.id, proposals[1].id, other.id, 2, CRITERIA);
    await db.insert(panelConflicts).values({
      roundId: round.id,
      ideaId: proposals[0].id,
      reviewerId: chair.id,
      kind: "declared",
      detail: "Former colleague.",
      createdAt: new Date(),
    });
    const cookie = await cookieFor(chair.id);
    const page = await run(() =>
      shortlistLoader({
        request: get(`/admin/rounds/${round.slug}/shortlist`, cookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(page.status).toBe(200);
    const rows = page.data.ranking.categories.flatMap((c: { rows: unknown[] }) => c.rows);
    const hidden = rows.find((r: { ideaId: string }) => r.ideaId === proposals[0].id);
    expect(hidden).toMatchObject({ hidden: true, score: null });
    expect(rows.find((r: { ideaId: string }) => r.ideaId === proposals[1].id).score.rawMean).toBe(2);
  });
});

describe("reviewing", () => {
  it("shows others' scores only after the reviewer submits their own", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 2 });
    const [me, other] = reviewers;
    const target = proposals[0];
    await assign(round.id, target.id, me.id);
    await submittedReview(round.id, target.id, other.id, 4, CRITERIA, { panelComment: "OTHER-NOTE" });
    const cookie = await cookieFor(me.id);
    const params = { round: round.slug, idea: target.slug };
    const before = await run(() =>
      reviewLoader({ request: get(reviewPath(round, target), cookie), params, context: context() }),
    );
    expect(before.data.others).toBeNull();
    expect(JSON.stringify(before.data)).not.toContain("OTHER-NOTE");
    expect(before.data.proposal.budget).toEqual([{ description: "Staff time", amount: "£15,000" }]);

    const draft = await run(() =>
      reviewAction({
        request: post(
          reviewPath(round, target),
          { intent: "draft", "score-0": "3", panelComment: "", applicantFeedback: "" },
          cookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(draft.status).toBe(303);
    const incomplete = await run(() =>
      reviewAction({
        request: post(
          reviewPath(round, target),
          { intent: "submit", "score-0": "3", panelComment: "Good", applicantFeedback: "" },
          cookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.data.errors["score-1"]).toBe("Choose a score from 1 to 5.");
    const fields = Object.fromEntries(Array.from({ length: CRITERIA }, (_, i) => [`score-${i}`, "3"]));
    const done = await run(() =>
      reviewAction({
        request: post(
          reviewPath(round, target),
          { intent: "submit", ...fields, panelComment: "Good", applicantFeedback: "Well argued." },
          cookie,
        ),
        params,
        context: context(),
      }),
    );
    expect(done.status).toBe(303);
    const after = await run(() =>
      reviewLoader({ request: get(reviewPath(round, target), cookie), params, context: context() }),
    );
    expect(after.data.others).toEqual([
      expect.objectContaining({ name: other.name, panelComment: "OTHER-NOTE", total: "4.00" }),
    ]);
  });

  it("the phase gate: no scoring before shortlisting", async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await assign(round.id, proposals[0].id, reviewers[0].id);
    await db.update(rounds).set({ phase: "proposals" }).where(eq(rounds.id, round.id));
    await expect(
      saveReview(reviewers[0], {
        ideaId: proposals[0].id,
        scores: fullScores(3),
        panelComment: "x",
        applicantFeedback: "",
        submit: true,
      }),
    ).rejects.toBeInstanceOf(PhaseClosed);
  });
});

describe("the shortlist", () => {
  it("only the chair or an admin confirms; departures need a rationale", async () => {
    const { round, reviewers, proposals } = await createPanelRound({
      proposalsPerCategory: 2,
      reviewers: 2,
      shortlistSize: 2,
    });
    const [chair, reviewer] = reviewers;
    await db.update(panelMembers).set({ isChair: true }).where(eq(panelMembers.userId, chair.id));
    const scores = [5, 2, 4, 1];
    for (const [i, p] of proposals.entries()) await submittedReview(round.id, p.id, reviewer.id, scores[i], CRITERIA);

    await expect(
      confirmShortlist({ id: reviewer.id, isAdmin: false }, { roundId: round.id, decisions: [] }),
    ).rejects.toBeInstanceOf(Forbidden);
    const reviewerCookie = await cookieFor(reviewer.id);
    const asReviewer = await run(() =>
      shortlistAction({
        request: post(`/admin/rounds/${round.slug}/shortlist`, { intent: "confirm" }, reviewerCookie),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(asReviewer.status).toBe(403);

    // Recommended: the best of each category (proposals 0 and 2). The chair swaps 2 for 3.
    const decisions = proposals.map((p, i) => ({
      ideaId: p.id,
      included: i === 0 || i === 3,
      rationale: null as string | null,
    }));
    await expect(
      confirmShortlist({ id: chair.id, isAdmin: false }, { roundId: round.id, decisions }),
    ).rejects.toBeInstanceOf(Invalid);
    decisions[2].rationale = "Duplicates an existing service.";
    decisions[3].rationale = "Reaches a group no other proposal does.";
    const confirmed = await confirmShortlist({ id: chair.id, isAdmin: false }, { roundId: round.id, decisions });
    expect(confirmed).toEqual({ shortlisted: 2, departures: 2 });
    const admin = await asAdmin();
    await expect(confirmShortlist(admin, { roundId: round.id, decisions })).resolves.toBeTruthy();
  });

  it("publishing sets states, emails every applicant with feedback, is audited, and freezes scores", async () => {
    const { round, reviewers, proposals } = await createPanelRound({
      proposalsPerCategory: 1,
      reviewers: 1,
      shortlistSize: 2,
    });
    const [reviewer] = reviewers;
    for (const p of proposals) await assign(round.id, p.id, reviewer.id);
    await submittedReview(round.id, proposals[0].id, reviewer.id, 4, CRITERIA, {
      applicantFeedback: "Strong on delivery.",
    });
    await submittedReview(round.id, proposals[1].id, reviewer.id, 2, CRITERIA);
    const admin = await asAdmin();
    await expect(publishShortlist(admin, { roundId: round.id })).rejects.toBeInstanceOf(Invalid);
    await confirmShortlist(admin, {
      roundId: round.id,
      decisions: [{ ideaId: proposals[1].id, included: false, rationale: "Out of scope." }],
    });

    await db.update(rounds).set({ phase: "proposals" }).where(eq(rounds.id, round.id));
    await expect(publishShortlist(admin, { roundId: round.id })).rejects.toBeInstanceOf(PhaseClosed);
    await db.update(rounds).set({ phase: "shortlisting" }).where(eq(rounds.id, round.id));

    expect(await publishShortlist(admin, { roundId: round.id })).toEqual({ shortlisted: 1, notShortlisted: 1 });
    const states = await db.select({ id: ideas.id, state: ideas.state }).from(ideas).where(eq(ideas.roundId, round.id));
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [proposals[0].id]: "shortlisted",
      [proposals[1].id]: "not_shortlisted",
    });
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, proposals[0].lead.email));
    expect(mail.subject).toContain("is shortlisted");
    expect(mail.textBody).toContain("Strong on delivery.");
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, proposals[1].lead.email))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.roundId, round.id), eq(auditLog.action, "shortlist.published"))),
    ).toHaveLength(1);
    const shortlist = await shortlistOf(db, round.id, round.categories);
    expect(shortlist[proposals[0].categoryId]).toEqual([proposals[0].id]);

    await expect(
      saveReview(reviewer, {
        ideaId: proposals[0].id,
        scores: fullScores(1),
        panelComment: "Changed",
        applicantFeedback: "",
        submit: true,
      }),
    ).rejects.toBeInstanceOf(Conflict);
    const cookie = await cookieFor(reviewer.id);
    const fields = Object.fromEntries(Array.from({ length: CRITERIA }, (_, i) => [`score-${i}`, "1"]));
    const sent = await run(() =>
      reviewAction({
        request: post(
          reviewPath(round, proposals[0]),
          { intent: "submit", ...fields, panelComment: "x", applicantFeedback: "" },
          cookie,
        ),
        params: { round: round.slug, idea: proposals[0].slug },
        context: context(),
      }),
    );
    expect(sent.status).toBe(409);
    await expect(confirmShortlist(admin, { roundId: round.id, decisions: [] })).rejects.toBeInstanceOf(Conflict);
    const [review] = await db.select().from(panelReviews).where(eq(panelReviews.ideaId, proposals[0].id));
    expect(review.scores[0].score).toBe(4);
  });
});
