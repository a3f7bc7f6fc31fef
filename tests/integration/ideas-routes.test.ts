import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas, ideaTeamMembers, outbox } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound, type RoundFixture } from "../../db/seed/factories/rounds";
import type { User } from "../../db/schema";
import { loader as listLoader } from "../../app/routes/rounds.$round_.ideas._index";
import { action as newAction, loader as newLoader } from "../../app/routes/rounds.$round_.ideas.new";
import { action as ideaAction, loader as ideaLoader } from "../../app/routes/rounds.$round_.ideas.$idea._index";
import { action as editAction } from "../../app/routes/rounds.$round_.ideas.$idea.edit";
import { loader as historyLoader } from "../../app/routes/rounds.$round_.ideas.$idea.history";
import { action as teamAction, loader as teamLoader } from "../../app/routes/rounds.$round_.ideas.$idea.team";
import {
  action as proposalAction,
  loader as proposalLoader,
} from "../../app/routes/rounds.$round_.ideas.$idea.proposal._index";
import {
  action as checkAction,
  loader as checkLoader,
} from "../../app/routes/rounds.$round_.ideas.$idea.proposal.check";
import { loader as myIdeasLoader } from "../../app/routes/me.ideas";
import { action as invitationAction, loader as invitationLoader } from "../../app/routes/invitations.$token";
import { context, cookieFor, get, post, run } from "../support/http";

const SECRET_LINE = "Secret line: locum cover for the pilot";

let round: RoundFixture;
let lead: User;
let cookies: { lead: string; member: string; stranger: string; admin: string };
let submittedSlug: string;

beforeAll(async () => {
  round = await createRound({ phase: "proposals" });
  lead = await createUser({ name: "Lena Lead" });
  const stranger = await createUser();
  const admin = await createUser({ isAdmin: true });
  const member = await createUser({ name: "Tomasz Team" });
  const submitted = await insertIdea({
    round,
    lead,
    members: [member],
    state: "submitted",
    title: "Walking groups for recovery",
    proposal: { budget: [{ description: SECRET_LINE, amountPence: 1_234_500 }] },
  });
  submittedSlug = submitted.slug;
  cookies = {
    lead: await cookieFor(lead.id),
    member: await cookieFor(member.id),
    stranger: await cookieFor(stranger.id),
    admin: await cookieFor(admin.id),
  };
});

const at = (slug: string, extra = "") => `/rounds/${round.slug}/ideas/${slug}${extra}`;
const ideaParams = (slug: string) => ({ round: round.slug, idea: slug });

describe("budget lines are never sent to a visitor", () => {
  it("the idea page, the list and the history carry the total only", async () => {
    for (const cookie of [undefined, cookies.stranger]) {
      const page = await run(() =>
        ideaLoader({ request: get(at(submittedSlug), cookie), params: ideaParams(submittedSlug), context: context() }),
      );
      expect(page.status).toBe(200);
      expect(page.data.proposal.budgetTotalPence).toBe(1_234_500);
      expect(page.data.proposal).not.toHaveProperty("budgetLines");
      expect(JSON.stringify(page.data)).not.toContain("Secret line");

      const list = await run(() =>
        listLoader({
          request: get(`/rounds/${round.slug}/ideas`, cookie),
          params: { round: round.slug },
          context: context(),
        }),
      );
      expect(list.data.ideas.map((i: { slug: string }) => i.slug)).toContain(submittedSlug);
      expect(JSON.stringify(list.data)).not.toContain("Secret line");

      const history = await run(() =>
        historyLoader({
          request: get(at(submittedSlug, "/history"), cookie),
          params: ideaParams(submittedSlug),
          context: context(),
        }),
      );
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.data)).not.toContain("Secret line");
    }
  });

  it("the team's own pages are closed to others", async () => {
    const signedOut = await run(() =>
      proposalLoader({
        request: get(at(submittedSlug, "/proposal")),
        params: ideaParams(submittedSlug),
        context: context(),
      }),
    );
    expect(signedOut.status).toBe(302);
    for (const loader of [proposalLoader, checkLoader, teamLoader] as ((
      args: Parameters<typeof teamLoader>[0],
    ) => Promise<unknown>)[]) {
      const denied = await run(() =>
        loader({
          request: get(at(submittedSlug, "/proposal"), cookies.stranger),
          params: ideaParams(submittedSlug),
          context: context(),
        }),
      );
      expect(denied.status).toBe(403);
      expect(JSON.stringify(denied.data)).not.toContain("Secret line");
    }
  });

  it("the team and admins see the lines", async () => {
    for (const cookie of [cookies.member, cookies.admin]) {
      const page = await run(() =>
        ideaLoader({ request: get(at(submittedSlug), cookie), params: ideaParams(submittedSlug), context: context() }),
      );
      expect(page.data.proposal.budgetLines).toEqual([{ description: SECRET_LINE, amountPence: 1_234_500 }]);
    }
  });
});

describe("drafts", () => {
  it("a draft is not found for visitors and other members, and is not listed", async () => {
    const draft = await insertIdea({ round, lead, state: "draft", title: "Quiet draft" });
    for (const cookie of [undefined, cookies.stranger]) {
      const page = await run(() =>
        ideaLoader({ request: get(at(draft.slug), cookie), params: ideaParams(draft.slug), context: context() }),
      );
      expect(page.status).toBe(404);
      const history = await run(() =>
        historyLoader({
          request: get(at(draft.slug, "/history"), cookie),
          params: ideaParams(draft.slug),
          context: context(),
        }),
      );
      expect(history.status).toBe(404);
    }
    const own = await run(() =>
      ideaLoader({ request: get(at(draft.slug), cookies.lead), params: ideaParams(draft.slug), context: context() }),
    );
    expect(own.data.idea.state).toBe("draft");
    const list = await run(() =>
      listLoader({
        request: get(`/rounds/${round.slug}/ideas?q=quiet`),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(list.data.total).toBe(0);
  });

  it("a draft round is not found except by admins", async () => {
    const hidden = await createRound({ phase: "draft" });
    const visitor = await run(() =>
      listLoader({ request: get(`/rounds/${hidden.slug}/ideas`), params: { round: hidden.slug }, context: context() }),
    );
    expect(visitor.status).toBe(404);
    const admin = await run(() =>
      listLoader({
        request: get(`/rounds/${hidden.slug}/ideas`, cookies.admin),
        params: { round: hidden.slug },
        context: context(),
      }),
    );
    expect(admin.status).toBe(200);
  });
});

describe("sharing, previewing and editing an idea through its pages", () => {
  it("preview renders the markdown without saving; publishing needs a summary; a draft save redirects to the idea", async () => {
    const open = await createRound({ phase: "ideas" });
    const member = await cookieFor((await createUser()).id);
    const path = `/rounds/${open.slug}/ideas/new`;
    const params = { round: open.slug };
    const form = {
      title: "Open clinics",
      summary: "",
      categoryId: open.categories[0].id,
      challengeMd: "Some **bold** text",
      topicIds: [open.topics[0].id, open.topics[1].id],
    };
    const page = await run(() => newLoader({ request: get(path, member), params, context: context() }));
    expect(page.data.closed).toBeNull();

    const preview = await run(() =>
      newAction({ request: post(path, { ...form, intent: "preview" }, member), params, context: context() }),
    );
    expect(preview.status).toBe(200);
    expect(preview.data.preview.challengeMd).toContain("<strong>bold</strong>");
    expect(preview.data.values.topicIds).toBe(`${open.topics[0].id},${open.topics[1].id}`);

    const publish = await run(() =>
      newAction({ request: post(path, { ...form, intent: "publish" }, member), params, context: context() }),
    );
    expect(publish.status).toBe(400);
    expect(publish.data.errors.summary).toMatch(/summary/);
    expect(publish.data.values.title).toBe("Open clinics");

    const tooLong = await run(() =>
      newAction({
        request: post(path, { ...form, challengeMd: "word ".repeat(501), intent: "draft" }, member),
        params,
        context: context(),
      }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors.challengeMd).toBe("The challenge must be 500 words or fewer; it has 501 words.");

    const saved = await run(() =>
      newAction({ request: post(path, { ...form, intent: "draft" }, member), params, context: context() }),
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/rounds/${open.slug}/ideas/open-clinics`);
  });

  it("a non-member cannot open the new idea page", async () => {
    const account = await cookieFor((await createUser({ membership: "none", membershipDecidedAt: null })).id);
    const page = await run(() =>
      newLoader({
        request: get(`/rounds/${round.slug}/ideas/new`, account),
        params: { round: round.slug },
        context: context(),
      }),
    );
    expect(page.status).toBe(403);
  });

  it("a stale save answers 409, keeps what the person typed and shows the other change", async () => {
    const idea = await insertIdea({
      round,
      lead,
      title: "Bedside handovers",
      summary: "Handovers at the bedside.",
      categoryId: round.categories[0].id,
    });
    const form = (extra: Record<string, string>) => ({
      title: "Bedside handovers",
      summary: "Handovers at the bedside.",
      categoryId: round.categories[0].id,
      challengeMd: "Challenge text.",
      version: "1",
      intent: "save",
      ...extra,
    });
    const first = await run(() =>
      editAction({
        request: post(
          at(idea.slug, "/edit"),
          form({ summary: "Handovers with patients at the bedside." }),
          cookies.lead,
        ),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    expect(first.status).toBe(303);
    const second = await run(() =>
      editAction({
        request: post(at(idea.slug, "/edit"), form({ title: "My rival title" }), cookies.lead),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    expect(second.status).toBe(409);
    expect(second.data.values.title).toBe("My rival title");
    expect(second.data.values.version).toBe("2");
    const summary = second.data.conflict.changes.find((c: { field: string }) => c.field === "summary");
    expect(summary.segments).toContainEqual({ kind: "added", text: "with patients " });
    const [row] = await db.select({ title: ideas.title }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.title).toBe("Bedside handovers");
  });

  it("a member supports an idea from its page, and takes it back", async () => {
    const idea = await insertIdea({ round, lead });
    const fan = await cookieFor((await createUser()).id);
    const supported = await run(() =>
      ideaAction({
        request: post(at(idea.slug), { intent: "support" }, fan),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    expect(supported.status).toBe(303);
    const page = await run(() =>
      ideaLoader({ request: get(at(idea.slug), fan), params: ideaParams(idea.slug), context: context() }),
    );
    expect(page.data.viewer.supported).toBe(true);
    expect(page.data.idea.supportCount).toBe(1);
    await run(() =>
      ideaAction({
        request: post(at(idea.slug), { intent: "unsupport" }, fan),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    const after = await run(() =>
      ideaLoader({ request: get(at(idea.slug)), params: ideaParams(idea.slug), context: context() }),
    );
    expect(after.data.idea.supportCount).toBe(0);
    expect(after.data.viewer.supportOpen).toBe(true);
  });
});

describe("the proposal form and the check page", () => {
  it("adds and removes rows without saving, saves, then submits from the check page", async () => {
    const idea = await insertIdea({ round, lead: await createUser() });
    const [teamLead] = await db
      .select()
      .from(ideaTeamMembers)
      .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.role, "lead")));
    const cookie = await cookieFor(teamLead.userId);
    const path = at(idea.slug, "/proposal");
    const params = ideaParams(idea.slug);
    const fields = {
      aimsMd: "Aims.",
      deliveryMd: "Delivery.",
      learningMd: "Learning.",
      contributeMd: "Contribute.",
      "milestones.0.title": "Start",
      "milestones.0.month": "9",
      "milestones.0.year": "2027",
      "budget.0.description": "Coordinator",
      "budget.0.amount": "10,000",
      "budget.1.description": "Venue",
      "budget.1.amount": "500",
    };
    const added = await run(() =>
      proposalAction({ request: post(path, { ...fields, intent: "add-budget" }, cookie), params, context: context() }),
    );
    expect(added.data.counts).toEqual({ milestones: 1, budget: 3 });
    const removed = await run(() =>
      proposalAction({
        request: post(path, { ...fields, intent: "remove-budget:0" }, cookie),
        params,
        context: context(),
      }),
    );
    expect(removed.data.values["budget.0.description"]).toBe("Venue");
    expect(removed.data.counts.budget).toBe(1);

    const bad = await run(() =>
      proposalAction({
        request: post(path, { ...fields, "milestones.0.month": "13", intent: "save" }, cookie),
        params,
        context: context(),
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors["milestones.0.month"]).toMatch(/1 to 12/);

    const saved = await run(() =>
      proposalAction({ request: post(path, { ...fields, intent: "save" }, cookie), params, context: context() }),
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}/check`);

    const check = await run(() => checkLoader({ request: get(`${path}/check`, cookie), params, context: context() }));
    expect(check.data.problems).toEqual([]);
    expect(check.data.proposal.budgetLines).toHaveLength(2);
    const reloaded = await run(() => proposalLoader({ request: get(path, cookie), params, context: context() }));
    expect(reloaded.data.values["budget.0.amount"]).toBe("10,000");
    expect(reloaded.data.values["milestones.0.month"]).toBe("9");

    const submitted = await run(() =>
      checkAction({ request: post(`${path}/check`, { intent: "submit" }, cookie), params, context: context() }),
    );
    expect(submitted.status).toBe(303);
    const [row] = await db.select({ state: ideas.state }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.state).toBe("submitted");
  });
});

describe("invitations through the pages", () => {
  it("the lead invites from the team page; the invitee answers from the emailed link and sees it on /me/ideas", async () => {
    const idea = await insertIdea({ round, lead });
    const email = `invitee-${Date.now()}@example.org`;
    const sent = await run(() =>
      teamAction({
        request: post(at(idea.slug, "/team"), { intent: "invite", email }, cookies.lead),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    expect(sent.status).toBe(303);
    const badEmail = await run(() =>
      teamAction({
        request: post(at(idea.slug, "/team"), { intent: "invite", email: "nope" }, cookies.lead),
        params: ideaParams(idea.slug),
        context: context(),
      }),
    );
    expect(badEmail.data.errors.email).toMatch(/email address/);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.id));
    const token = /\/invitations\/([a-z2-7]+)/.exec(mail.textBody)![1];

    const invitee = await createUser({ email });
    const cookie = await cookieFor(invitee.id);
    const mine = await run(() => myIdeasLoader({ request: get("/me/ideas", cookie), params: {}, context: context() }));
    expect(mine.data.invitations.map((i: { ideaTitle: string }) => i.ideaTitle)).toEqual([idea.title]);

    const wrongPerson = await run(() =>
      invitationLoader({
        request: get(`/invitations/${token}`, cookies.stranger),
        params: { token },
        context: context(),
      }),
    );
    expect(wrongPerson.data.forYou).toBe(false);
    const page = await run(() =>
      invitationLoader({ request: get(`/invitations/${token}`, cookie), params: { token }, context: context() }),
    );
    expect(page.data.forYou).toBe(true);
    const accepted = await run(() =>
      invitationAction({
        request: post(`/invitations/${token}`, { intent: "accept", invitationId: page.data.invitation.id }, cookie),
        params: { token },
        context: context(),
      }),
    );
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(at(idea.slug));
    const team = await run(() =>
      teamLoader({ request: get(at(idea.slug, "/team"), cookie), params: ideaParams(idea.slug), context: context() }),
    );
    expect(team.data.role).toBe("member");

    const unknown = await run(() =>
      invitationLoader({
        request: get(`/invitations/${"a".repeat(40)}`, cookie),
        params: { token: "a".repeat(40) },
        context: context(),
      }),
    );
    expect(unknown.status).toBe(404);
  });
});
