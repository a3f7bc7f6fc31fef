import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, comments, ideaInvitations, resultLines, users, type User } from "../../db/schema";
import { FACTORY_PASSWORD, createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { assign, createPanelRound, submittedReview } from "../../db/seed/factories/panel";
import { createRound as roundFixture } from "../../db/seed/factories/rounds";
import { createVotingRound, insertLedgerEntries } from "../../db/seed/factories/voting";
import { resetClock } from "../../app/lib/clock";
import { AUDIT_ACTIONS } from "../../app/modules/audit/actions";
import { recordAudit } from "../../app/modules/audit/record.server";
import { setAdmin } from "../../app/modules/accounts/admin-role.server";
import { createAdmin } from "../../app/modules/accounts/create-admin.server";
import { deleteAccount } from "../../app/modules/accounts/delete-account.server";
import {
  addMembershipDomain,
  approveIfAllowListed,
  decideMembership,
  removeMembershipDomain,
} from "../../app/modules/accounts/membership.server";
import { createSession } from "../../app/modules/accounts/sessions.server";
import { restoreUser, suspendUser } from "../../app/modules/accounts/suspension.server";
import { stepAt } from "../../app/modules/accounts/two-factor";
import {
  completeSignIn,
  confirmTotpSetup,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setTwoFactorRequirement,
  startTotpSetup,
  twoFactorStatus,
} from "../../app/modules/accounts/two-factor.server";
import { hideComment, restoreComment } from "../../app/modules/conversation/moderation.server";
import { saveMilestones } from "../../app/modules/delivery/edit-milestones.server";
import { startProjects } from "../../app/modules/delivery/start-projects.server";
import { createUpdate, editUpdate } from "../../app/modules/delivery/save-update.server";
import { handOverLead } from "../../app/modules/ideas/hand-over-lead.server";
import { inviteMember } from "../../app/modules/ideas/invite-member.server";
import { removeMember } from "../../app/modules/ideas/remove-member.server";
import { respondToInvitation } from "../../app/modules/ideas/respond-to-invitation.server";
import { revokeInvitation } from "../../app/modules/ideas/revoke-invitation.server";
import { saveProposal } from "../../app/modules/ideas/save-proposal.server";
import { submitProposal } from "../../app/modules/ideas/submit-proposal.server";
import { withdrawProposal } from "../../app/modules/ideas/withdraw-proposal.server";
import {
  addAssignment,
  addReviewer,
  assignAll,
  overrideOrganisationConflict,
  removeAssignment,
  removeReviewer,
  setChair,
} from "../../app/modules/panel/manage-panel.server";
import { declareConflict, saveReview } from "../../app/modules/panel/review.server";
import { confirmShortlist, publishShortlist } from "../../app/modules/panel/shortlist.server";
import { adminRoundExport } from "../../app/modules/reporting/exports.server";
import { createRound } from "../../app/modules/rounds/create-round.server";
import { deleteRound } from "../../app/modules/rounds/delete-round.server";
import { getRoundById } from "../../app/modules/rounds/queries.server";
import { advanceRound, extendDeadline } from "../../app/modules/rounds/transition.server";
import { updateRound } from "../../app/modules/rounds/update-round.server";
import { RoundFormSchema, defaultRubric } from "../../app/modules/rounds/validation";
import { overrideResultLine, undoOverride } from "../../app/modules/voting/override-result.server";
import { publishResults } from "../../app/modules/voting/publish-results.server";
import { recordPaperBallot } from "../../app/modules/voting/record-paper-ballot.server";

// Figure 13: "each privileged action writes exactly one row; UPDATE/DELETE on the audit table
// fails". Every action in AUDIT_ACTIONS has a case below that performs it through its use case and
// names who did it to what; a new action without a case fails the first test.

afterEach(() => resetClock());

/** What a case prepares: the action itself (measured), and who must be the actor and subject. */
type Prepared = { act: () => Promise<unknown>; actorId: string | null; subjectId: string };
type Case = () => Promise<Prepared>;

const admin = () => createUser({ isAdmin: true, organisation: "Programme team" });
let slugs = 0;

/** The admin round form as parsed by the app (a future schedule, two categories, the default rubric). */
function roundSettings(title = "Audit round") {
  slugs += 1;
  const form: Record<string, string> = {
    slug: `audit-round-${slugs}-${Math.random().toString(36).slice(2, 6)}`,
    title,
    themeMd: "A theme.",
    "categories.0.id": "",
    "categories.0.name": "One",
    "categories.0.description": "",
    "categories.1.id": "",
    "categories.1.name": "Two",
    "categories.1.description": "",
    maxAward: "£30,000",
    pot: "500,000",
    "schedule.ideasOpensAt": "2040-03-01T09:00",
    "schedule.proposalsOpensAt": "2040-03-22T17:00",
    "schedule.shortlistingOpensAt": "2040-04-19T17:00",
    "schedule.votingOpensAt": "2040-05-17T09:00",
    "schedule.votingClosesAt": "2040-05-31T17:00",
    "schedule.closesAt": "",
    picksPerCategory: "3",
    allowOwnIdea: "false",
    "fundingRule.kind": "topFraction",
    "fundingRule.fraction": "2/3",
    "fundingRule.n": "",
    shortlistSize: "30",
    commentPolicy: "accounts",
    topics: "",
    intent: "save",
  };
  defaultRubric().forEach((criterion, i) => {
    form[`rubric.${i}.name`] = criterion.name;
    form[`rubric.${i}.description`] = criterion.description;
    form[`rubric.${i}.weight`] = String(criterion.weight);
    criterion.anchors.forEach((anchor, point) => (form[`rubric.${i}.anchors.${point}`] = anchor));
  });
  return RoundFormSchema.parse(form);
}

async function teamIdea(phase: "ideas" | "proposals" = "ideas") {
  const round = await roundFixture({ phase });
  const lead = await createUser();
  const member = await createUser();
  const idea = await insertIdea({ round, lead, members: [member] });
  return { round, lead, member, idea };
}

async function fundedProject() {
  const round = await roundFixture({ phase: "delivery" });
  const lead = await createUser();
  const idea = await insertIdea({
    round,
    lead,
    state: "funded",
    proposal: { milestones: [{ title: "Workshops", targetMonth: "2027-01-01" }] },
  });
  await db.transaction((tx) => startProjects(tx, round.id));
  return { round, lead, idea };
}

const updateFields = (title: string) => ({
  kind: "update" as const,
  title,
  bodyMd: "What happened.",
  outcomesMd: "",
  outputLinks: [],
});

async function commentOn() {
  const round = await roundFixture({ phase: "ideas" });
  const idea = await insertIdea({ round, lead: await createUser() });
  const [comment] = await db
    .insert(comments)
    .values({
      ideaId: idea.id,
      authorId: (await createUser()).id,
      bodyMd: "Rude.",
      bodyHtml: "<p>Rude.</p>",
      createdAt: new Date(),
    })
    .returning();
  return comment;
}

/** A person with two-step sign-in on (set up through the use cases) and their secret. */
async function withTwoFactor(): Promise<{ person: User; sessionId: string; recovery: string[] }> {
  const person = await createUser();
  const { session } = await createSession(person.id);
  await startTotpSetup(person.id);
  const secret = (await twoFactorStatus(person.id)).setup!.secret.replace(/ /g, "");
  const code = generateHOTP(decodeBase32IgnorePadding(secret), BigInt(stepAt(new Date())), 6);
  const recovery = await confirmTotpSetup(person, {
    code,
    password: FACTORY_PASSWORD,
    sessionId: session.id,
    ip: null,
  });
  return { person, sessionId: session.id, recovery };
}

/** A round in voting with ballots, sealed into results by the clock. */
async function sealedRound() {
  const scene = await createVotingRound({ perCategory: 3, requestedPence: 2_000_000 });
  const [a1, a2, , b1, b2] = scene.proposals.map((p) => p.id);
  const start = scene.round.votingOpensAt.getTime();
  await insertLedgerEntries(scene.round.id, [
    { picks: [a1, b1], at: new Date(start + 60_000) },
    { picks: [a1, b2], at: new Date(start + 120_000) },
    { picks: [a2, b1], at: new Date(start + 180_000) },
  ]);
  await advanceRound(null, scene.round.id, {
    kind: "scheduled",
    at: new Date(scene.round.votingClosesAt.getTime() + 60_000),
  });
  return scene;
}

async function panelWithReviews() {
  const { round, reviewers, proposals } = await createPanelRound({
    proposalsPerCategory: 1,
    reviewers: 1,
    shortlistSize: 2,
  });
  for (const p of proposals) {
    await assign(round.id, p.id, reviewers[0].id);
    await submittedReview(round.id, p.id, reviewers[0].id, 3, defaultRubric().length);
  }
  return { round, reviewers, proposals };
}

const CASES: Record<string, Case> = {
  "account.deleted": async () => {
    const person = await createUser();
    return {
      act: () => deleteAccount(person, { confirmation: person.email }),
      actorId: person.id,
      subjectId: person.id,
    };
  },
  "account.recovery_code_used": async () => {
    const { person, recovery } = await withTwoFactor();
    const { session } = await createSession(person.id);
    return {
      act: () => completeSignIn({ sessionId: session.id, userId: person.id }, { recoveryCode: recovery[0], ip: null }),
      actorId: person.id,
      subjectId: person.id,
    };
  },
  "account.recovery_codes_replaced": async () => {
    const { person } = await withTwoFactor();
    return { act: () => regenerateRecoveryCodes(person, FACTORY_PASSWORD), actorId: person.id, subjectId: person.id };
  },
  "account.two_factor_disabled": async () => {
    const { person } = await withTwoFactor();
    return {
      act: () => disableTwoFactor({ id: person.id, twoFactorRequired: false }, FACTORY_PASSWORD),
      actorId: person.id,
      subjectId: person.id,
    };
  },
  "account.two_factor_enabled": async () => {
    const person = await createUser();
    const { session } = await createSession(person.id);
    await startTotpSetup(person.id);
    const secret = (await twoFactorStatus(person.id)).setup!.secret.replace(/ /g, "");
    const code = generateHOTP(decodeBase32IgnorePadding(secret), BigInt(stepAt(new Date())), 6);
    return {
      act: () => confirmTotpSetup(person, { code, password: FACTORY_PASSWORD, sessionId: session.id, ip: null }),
      actorId: person.id,
      subjectId: person.id,
    };
  },
  "admin.granted": async () => {
    const [actor, person] = [await admin(), await createUser()];
    return { act: () => setAdmin(actor, { userId: person.id, admin: true }), actorId: actor.id, subjectId: person.id };
  },
  "admin.removed": async () => {
    const [actor, person] = [await admin(), await admin()];
    return { act: () => setAdmin(actor, { userId: person.id, admin: false }), actorId: actor.id, subjectId: person.id };
  },
  "ballot.paper_recorded": async () => {
    const actor = await admin();
    const v = await createVotingRound();
    const picks = v.round.categories.flatMap((c) =>
      v.shortlist[c.id].slice(0, 2).map((proposalId) => ({ categoryId: c.id, proposalId })),
    );
    return {
      act: () => recordPaperBallot(actor, { roundId: v.round.id, picks, idempotencyKey: `audit-${Math.random()}` }),
      actorId: actor.id,
      subjectId: v.round.id,
    };
  },
  "comment.hide": async () => {
    const [actor, comment] = [await admin(), await commentOn()];
    return {
      act: () => hideComment(actor, { commentId: comment.id, reason: "Abusive" }),
      actorId: actor.id,
      subjectId: comment.id,
    };
  },
  "comment.restore": async () => {
    const [actor, comment] = [await admin(), await commentOn()];
    await hideComment(actor, { commentId: comment.id, reason: "Abusive" });
    return {
      act: () => restoreComment(actor, { commentId: comment.id, reason: "On reflection, fine" }),
      actorId: actor.id,
      subjectId: comment.id,
    };
  },
  "delivery.milestones_edited": async () => {
    const { lead, idea } = await fundedProject();
    const { projectMilestones, projects } = await import("../../db/schema");
    const [project] = await db.select().from(projects).where(eq(projects.ideaId, idea.id));
    const [milestone] = await db.select().from(projectMilestones).where(eq(projectMilestones.projectId, project.id));
    const rows = [
      {
        id: milestone.id,
        title: "Workshops, renamed",
        dueMonth: "2027-02-01",
        status: "on_track" as const,
        progress: 20,
        dropReason: null,
      },
    ];
    return { act: () => saveMilestones(lead, { ideaId: idea.id, rows }), actorId: lead.id, subjectId: project.id };
  },
  "delivery.update_edited": async () => {
    const { lead, idea } = await fundedProject();
    const update = await createUpdate(lead, {
      ideaId: idea.id,
      fields: updateFields("First"),
      changes: [],
      publish: true,
    });
    return {
      act: () =>
        editUpdate(lead, {
          ideaId: idea.id,
          number: update.number,
          fields: updateFields("First, corrected"),
          changes: [],
          publish: true,
        }),
      actorId: lead.id,
      subjectId: update.id,
    };
  },
  "delivery.update_published": async () => {
    const { lead, idea } = await fundedProject();
    let id = "";
    return {
      act: async () =>
        (id = (await createUpdate(lead, { ideaId: idea.id, fields: updateFields("News"), changes: [], publish: true }))
          .id),
      actorId: lead.id,
      get subjectId() {
        return id;
      },
    };
  },
  "idea.team.hand_over_lead": async () => {
    const { lead, member, idea } = await teamIdea();
    return {
      act: () => handOverLead(lead, { ideaId: idea.id, userId: member.id }),
      actorId: lead.id,
      subjectId: idea.id,
    };
  },
  "idea.team.invite": async () => {
    const { lead, idea } = await teamIdea();
    return {
      act: () =>
        inviteMember(lead, { ideaId: idea.id, email: `invitee-${Math.random().toString(36).slice(2)}@example.org` }),
      actorId: lead.id,
      subjectId: idea.id,
    };
  },
  "idea.team.join": async () => {
    const { lead, idea } = await teamIdea();
    const newcomer = await createUser();
    const { invitationId } = await inviteMember(lead, { ideaId: idea.id, email: newcomer.email });
    return {
      act: () => respondToInvitation(newcomer, { invitationId, accept: true }),
      actorId: newcomer.id,
      subjectId: idea.id,
    };
  },
  "idea.team.leave": async () => {
    const { member, idea } = await teamIdea();
    return {
      act: () => removeMember(member, { ideaId: idea.id, userId: member.id }),
      actorId: member.id,
      subjectId: idea.id,
    };
  },
  "idea.team.remove": async () => {
    const { lead, member, idea } = await teamIdea();
    return {
      act: () => removeMember(lead, { ideaId: idea.id, userId: member.id }),
      actorId: lead.id,
      subjectId: idea.id,
    };
  },
  "idea.team.revoke_invitation": async () => {
    const { lead, idea } = await teamIdea();
    const { invitationId } = await inviteMember(lead, {
      ideaId: idea.id,
      email: `revoked-${Math.random().toString(36).slice(2)}@example.org`,
    });
    expect(await db.select().from(ideaInvitations).where(eq(ideaInvitations.id, invitationId))).toHaveLength(1);
    return {
      act: () => revokeInvitation(lead, { ideaId: idea.id, invitationId }),
      actorId: lead.id,
      subjectId: idea.id,
    };
  },
  "membership.approved": async () => {
    const actor = await admin();
    const person = await createUser({ membership: "pending", membershipDecidedAt: null });
    return {
      act: () => decideMembership(actor, { userId: person.id, approve: true }),
      actorId: actor.id,
      subjectId: person.id,
    };
  },
  "membership.approved_by_domain": async () => {
    const domain = `trust-${Math.random().toString(36).slice(2, 8)}.nhs.uk`;
    await addMembershipDomain(await admin(), domain);
    const person = await createUser({ email: `someone@${domain}`, membership: "pending", membershipDecidedAt: null });
    return { act: () => db.transaction((tx) => approveIfAllowListed(tx, person)), actorId: null, subjectId: person.id };
  },
  "membership.declined": async () => {
    const actor = await admin();
    const person = await createUser({ membership: "pending", membershipDecidedAt: null });
    return {
      act: () => decideMembership(actor, { userId: person.id, approve: false }),
      actorId: actor.id,
      subjectId: person.id,
    };
  },
  "membership_domain.added": async () => {
    const actor = await admin();
    const domain = `added-${Math.random().toString(36).slice(2, 8)}.nhs.uk`;
    return { act: () => addMembershipDomain(actor, domain), actorId: actor.id, subjectId: domain };
  },
  "membership_domain.removed": async () => {
    const actor = await admin();
    const domain = `removed-${Math.random().toString(36).slice(2, 8)}.nhs.uk`;
    await addMembershipDomain(actor, domain);
    return { act: () => removeMembershipDomain(actor, domain), actorId: actor.id, subjectId: domain };
  },
  "panel.assigned": async () => {
    const actor = await admin();
    const { round } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 2 });
    return { act: () => assignAll(actor, { roundId: round.id, k: 1 }), actorId: actor.id, subjectId: round.id };
  },
  "panel.assignment_added": async () => {
    const actor = await admin();
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    return {
      act: () => addAssignment(actor, { roundId: round.id, ideaId: proposals[0].id, reviewerId: reviewers[0].id }),
      actorId: actor.id,
      subjectId: proposals[0].id,
    };
  },
  "panel.assignment_removed": async () => {
    const actor = await admin();
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await assign(round.id, proposals[0].id, reviewers[0].id);
    return {
      act: () => removeAssignment(actor, { roundId: round.id, ideaId: proposals[0].id, reviewerId: reviewers[0].id }),
      actorId: actor.id,
      subjectId: proposals[0].id,
    };
  },
  "panel.chair_set": async () => {
    const actor = await admin();
    const { round, reviewers } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    return {
      act: () => setChair(actor, { roundId: round.id, userId: reviewers[0].id }),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "panel.conflict_declared": async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await assign(round.id, proposals[0].id, reviewers[0].id);
    return {
      act: () =>
        declareConflict(
          { id: reviewers[0].id, isAdmin: false },
          { ideaId: proposals[0].id, reason: "I know the lead." },
        ),
      actorId: reviewers[0].id,
      subjectId: proposals[0].id,
    };
  },
  "panel.conflict_overridden": async () => {
    const actor = await admin();
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 2 });
    await db.update(users).set({ organisation: proposals[0].lead.organisation }).where(eq(users.id, reviewers[0].id));
    await assignAll(actor, { roundId: round.id, k: 1 });
    return {
      act: () =>
        overrideOrganisationConflict(actor, {
          roundId: round.id,
          ideaId: proposals[0].id,
          reviewerId: reviewers[0].id,
          reason: "Different department.",
        }),
      actorId: actor.id,
      subjectId: proposals[0].id,
    };
  },
  "panel.review_submitted": async () => {
    const { round, reviewers, proposals } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    await assign(round.id, proposals[0].id, reviewers[0].id);
    const scores = defaultRubric().map((_, i) => ({ criterionId: String(i), score: 3 }));
    return {
      act: () =>
        saveReview(
          { id: reviewers[0].id, isAdmin: false },
          { ideaId: proposals[0].id, scores, panelComment: "Solid.", applicantFeedback: "", submit: true },
        ),
      actorId: reviewers[0].id,
      subjectId: proposals[0].id,
    };
  },
  "panel.reviewer_added": async () => {
    const actor = await admin();
    const { round } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 0 });
    const person = await createUser();
    return {
      act: () => addReviewer(actor, { roundId: round.id, email: person.email }),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "panel.reviewer_removed": async () => {
    const actor = await admin();
    const { round, reviewers } = await createPanelRound({ proposalsPerCategory: 1, reviewers: 1 });
    return {
      act: () => removeReviewer(actor, { roundId: round.id, userId: reviewers[0].id }),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "proposal.submit": async () => {
    const { lead, idea } = await teamIdea("proposals");
    await saveProposal(lead, {
      ideaId: idea.id,
      aimsMd: "Aims.",
      deliveryMd: "Delivery.",
      learningMd: "Learning.",
      contributeMd: "Contribute.",
      milestones: [{ title: "Pilot starts", targetMonth: "2027-09-01" }],
      budget: [{ description: "Coordinator", amountPence: 1_000_000 }],
    });
    return { act: () => submitProposal(lead, { ideaId: idea.id }), actorId: lead.id, subjectId: idea.id };
  },
  "proposal.withdraw": async () => {
    const round = await roundFixture({ phase: "proposals" });
    const lead = await createUser();
    const idea = await insertIdea({ round, lead, state: "submitted", proposal: {} });
    return { act: () => withdrawProposal(lead, { ideaId: idea.id }), actorId: lead.id, subjectId: idea.id };
  },
  "results.line_overridden": async () => {
    const actor = await admin();
    const scene = await sealedRound();
    const [line] = await db
      .select()
      .from(resultLines)
      .where(and(eq(resultLines.roundId, scene.round.id), eq(resultLines.funded, false)));
    return {
      act: () =>
        overrideResultLine(actor, {
          roundId: scene.round.id,
          ideaId: line.ideaId,
          funded: true,
          reason: "Reaches a group no other does.",
        }),
      actorId: actor.id,
      subjectId: line.ideaId,
    };
  },
  "results.override_undone": async () => {
    const actor = await admin();
    const scene = await sealedRound();
    const [line] = await db
      .select()
      .from(resultLines)
      .where(and(eq(resultLines.roundId, scene.round.id), eq(resultLines.funded, false)));
    await overrideResultLine(actor, {
      roundId: scene.round.id,
      ideaId: line.ideaId,
      funded: true,
      reason: "Reaches a group no other does.",
    });
    return {
      act: () => undoOverride(actor, { roundId: scene.round.id, ideaId: line.ideaId }),
      actorId: actor.id,
      subjectId: line.ideaId,
    };
  },
  "results.published": async () => {
    const actor = await admin();
    const scene = await sealedRound();
    return {
      act: () => publishResults(actor, { roundId: scene.round.id }),
      actorId: actor.id,
      subjectId: scene.round.id,
    };
  },
  "round.created": async () => {
    const actor = await admin();
    let id = "";
    return {
      act: async () => (id = (await createRound(actor, roundSettings())).id),
      actorId: actor.id,
      get subjectId() {
        return id;
      },
    };
  },
  "round.data_exported": async () => {
    const actor = await admin();
    const { round } = await panelWithReviews();
    const details = (await getRoundById(round.id))!;
    return { act: () => adminRoundExport(actor, details, "scores", "csv"), actorId: actor.id, subjectId: round.id };
  },
  "round.deadline_extended": async () => {
    const actor = await admin();
    const round = await roundFixture({ phase: "ideas" });
    const later = new Date(round.proposalsOpensAt.getTime() + 48 * 3600_000);
    return {
      act: () => extendDeadline(actor, round.id, "proposalsOpensAt", later, "More time"),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "round.deleted": async () => {
    const actor = await admin();
    const round = await createRound(actor, roundSettings());
    return { act: () => deleteRound(actor, round.id), actorId: actor.id, subjectId: round.id };
  },
  "round.phase_changed": async () => {
    const actor = await admin();
    const round = await createRound(actor, roundSettings());
    return {
      act: () => advanceRound(actor, round.id, { kind: "early", reason: "Opening now", from: round.phase }),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "round.updated": async () => {
    const actor = await admin();
    const round = await createRound(actor, roundSettings());
    const settings = { ...roundSettings("Audit round, renamed"), slug: round.slug };
    return { act: () => updateRound(actor, round.id, settings), actorId: actor.id, subjectId: round.id };
  },
  "settings.two_factor_requirement_changed": async () => {
    const actor = await admin();
    return {
      act: () => setTwoFactorRequirement({ id: actor.id, isAdmin: true, twoFactorEnabled: true }, true),
      actorId: actor.id,
      subjectId: "two_factor_required_for_staff",
    };
  },
  "shortlist.confirmed": async () => {
    const actor = await admin();
    const { round, proposals } = await panelWithReviews();
    const decisions = [{ ideaId: proposals[1].id, included: false, rationale: "Out of scope." }];
    return {
      act: () => confirmShortlist(actor, { roundId: round.id, decisions }),
      actorId: actor.id,
      subjectId: round.id,
    };
  },
  "shortlist.published": async () => {
    const actor = await admin();
    const { round, proposals } = await panelWithReviews();
    await confirmShortlist(actor, {
      roundId: round.id,
      decisions: [{ ideaId: proposals[1].id, included: false, rationale: "Out of scope." }],
    });
    return { act: () => publishShortlist(actor, { roundId: round.id }), actorId: actor.id, subjectId: round.id };
  },
  "user.restored": async () => {
    const [actor, person] = [await admin(), await createUser()];
    await suspendUser(actor, { userId: person.id, reason: "Spam" });
    return { act: () => restoreUser(actor, { userId: person.id }), actorId: actor.id, subjectId: person.id };
  },
  "user.suspended": async () => {
    const [actor, person] = [await admin(), await createUser()];
    return {
      act: () => suspendUser(actor, { userId: person.id, reason: "Spam" }),
      actorId: actor.id,
      subjectId: person.id,
    };
  },
};

// create-admin (the command-line script) also grants admin, with no actor.
const EXTRA_CASES: Record<string, [string, Case]> = {
  "admin.granted by the create-admin script": [
    "admin.granted",
    async () => {
      const person = await createUser();
      return {
        act: () => createAdmin({ email: person.email, name: person.name, organisation: person.organisation }),
        actorId: null,
        subjectId: person.id,
      };
    },
  ],
};

async function lastAuditId(): Promise<number> {
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return Number(row?.id ?? 0);
}

async function check(action: string, prepare: Case) {
  const prepared = await prepare();
  const before = await lastAuditId();
  await prepared.act();
  const written = await db.select().from(auditLog).where(gt(auditLog.id, before));
  const mine = written.filter((r) => r.action === action);
  expect(mine, `${action}: rows written: ${written.map((r) => r.action).join(", ") || "none"}`).toHaveLength(1);
  expect(mine[0].actorId).toBe(prepared.actorId);
  expect(mine[0].subjectId).toBe(prepared.subjectId);
}

describe("every audited action writes exactly one row, with its actor and subject (figure 13)", () => {
  it("every action in AUDIT_ACTIONS has a case here, and every case is an action", () => {
    expect(Object.keys(AUDIT_ACTIONS).filter((a) => !(a in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((a) => !(a in AUDIT_ACTIONS))).toEqual([]);
    expect(Object.keys(CASES).length).toBe(Object.keys(AUDIT_ACTIONS).length);
  });

  it.each(Object.keys(AUDIT_ACTIONS))("%s", async (action) => {
    const prepare = CASES[action];
    expect(prepare, `no case for ${action}`).toBeDefined();
    await check(action, prepare);
  });

  it.each(Object.keys(EXTRA_CASES))("%s", async (label) => {
    const [action, prepare] = EXTRA_CASES[label];
    await check(action, prepare);
  });

  it("the check sees a second row: an action recorded twice would fail", async () => {
    const before = await lastAuditId();
    const person = await createUser();
    await recordAudit({ actorId: person.id, action: "user.suspended", subjectType: "user", subjectId: person.id });
    await recordAudit({ actorId: person.id, action: "user.suspended", subjectType: "user", subjectId: person.id });
    const written = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.action, "user.suspended")));
    expect(written).toHaveLength(2);
  });
});

describe("the audit table cannot be changed, only added to (figure 13)", () => {
  async function someRows() {
    const person = await createUser();
    await recordAudit({
      actorId: person.id,
      action: "user.suspended",
      subjectType: "user",
      subjectId: person.id,
      details: { reason: "original" },
    });
    return person;
  }
  const count = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(auditLog))[0].n);
  /** The database's own error (drizzle wraps it as "Failed query: …" with the original as cause). */
  async function refusal(statement: Promise<unknown>): Promise<string> {
    const error = await statement.then(
      () => null,
      (e: unknown) => e as { message: string; cause?: { message?: string } },
    );
    expect(error, "the statement succeeded").not.toBeNull();
    return error!.cause?.message ?? error!.message;
  }

  it("UPDATE fails with the trigger's message, and nothing changes", async () => {
    const person = await someRows();
    const n = await count();
    expect(
      await refusal(
        db
          .update(auditLog)
          .set({ details: { reason: "rewritten" } })
          .where(eq(auditLog.actorId, person.id)),
      ),
    ).toBe("audit_log is append-only: UPDATE is not allowed");
    expect(await refusal(db.execute(sql`update audit_log set actor_id = null`))).toBe(
      "audit_log is append-only: UPDATE is not allowed",
    );
    const [row] = await db.select().from(auditLog).where(eq(auditLog.actorId, person.id));
    expect(row.details).toEqual({ reason: "original" });
    expect(await count()).toBe(n);
  });

  it("DELETE fails, and every row is still there", async () => {
    const person = await someRows();
    const n = await count();
    expect(await refusal(db.delete(auditLog).where(eq(auditLog.actorId, person.id)))).toBe(
      "audit_log is append-only: DELETE is not allowed",
    );
    expect(await refusal(db.execute(sql`delete from audit_log`))).toBe(
      "audit_log is append-only: DELETE is not allowed",
    );
    expect(await count()).toBe(n);
  });

  it("TRUNCATE fails, and every row is still there", async () => {
    await someRows();
    const n = await count();
    expect(await refusal(db.execute(sql`truncate audit_log`))).toBe(
      "audit_log is append-only: TRUNCATE is not allowed",
    );
    expect(await refusal(db.execute(sql`truncate audit_log cascade`))).toBe(
      "audit_log is append-only: TRUNCATE is not allowed",
    );
    expect(await count()).toBe(n);
  });

  it("the triggers are in the database's catalogue (not only in the application)", async () => {
    const result = (await db.execute(
      sql`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`,
    )) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ tgname: string }>;
    expect(rows.map((r) => r.tgname)).toEqual(["audit_log_no_truncate", "audit_log_no_update_delete"]);
  });
});
