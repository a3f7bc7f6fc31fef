import { eq, inArray } from "drizzle-orm";
import { db } from "../client";
import { ideaInvitations, users, type IdeaState, type User } from "../schema";
import { generateToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { now } from "../../app/lib/clock";
import { findRoundById } from "../../app/modules/ideas/round-lookup.server";
import { ideaSlugBase } from "../../app/modules/ideas/slug";
import { PHASES } from "../../app/modules/rounds/rules";
import { createUser } from "./factories";
import { insertIdea, type ProposalSeed } from "./factories/ideas";
import { DEMO_PEOPLE, IDEAS_2026, IDEAS_2027, type DemoIdea } from "./demo-ideas-data";
import { DEMO_PASSWORD } from "./demo";

// The demo's ideas: 31 in the current round across its categories and states, and the funded
// (and not funded) projects of the past round. Written straight to the database through the
// factories, so a past round can hold funded projects whatever today's date.
//
// The current round has published ideas, drafts and proposals in progress; once it is in its
// proposals phase (or later) a few proposals are submitted too.

const HOUR = 60 * 60 * 1000;
// Two of the invented people have accounts but are not members: they join teams, never lead.
const NOT_MEMBERS = new Set(["Hannah Lee", "Tom Ashworth"]);

/** A stable pseudo-random sequence, so the demo looks the same every time it is seeded. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function proposalFor(idea: DemoIdea, maxAwardPence: number, complete: boolean): ProposalSeed {
  const coordinator = Math.round((maxAwardPence * 0.45) / 100) * 100;
  return {
    aimsMd: `We want to show that “${idea.title.toLowerCase()}” works here, and measure it: ${idea.summary.charAt(0).toLowerCase()}${idea.summary.slice(1)}`,
    deliveryMd:
      "A named project lead two days a week, a steering group with patients and carers, and monthly check-ins with our improvement team.",
    learningMd: complete
      ? "We will blog monthly, share our measures openly, and run a webinar for other Q members at the end."
      : "",
    contributeMd: complete
      ? "Tell us if you have tried something similar, and join our steering group if you can."
      : "",
    milestones: [
      { title: "Co-design workshops with patients and staff", targetMonth: "2027-10-01" },
      ...(complete
        ? [
            { title: "Pilot running in two sites", targetMonth: "2028-01-01" },
            { title: "Evaluation and sharing event", targetMonth: "2028-06-01" },
          ]
        : []),
    ],
    budget: [
      { description: "Project coordinator (0.4 whole-time equivalent)", amountPence: coordinator },
      { description: "Patient and carer involvement payments", amountPence: 250_000 },
      ...(complete ? [{ description: "Materials, printing and venue hire", amountPence: 180_000 }] : []),
    ],
  };
}

async function demoPeople(): Promise<User[]> {
  const people: User[] = [];
  for (const [name, organisation, jobTitle] of DEMO_PEOPLE) {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@demo.q-exchange.org`;
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    const membership = NOT_MEMBERS.has(name) ? { membership: "none" as const, membershipDecidedAt: null } : {};
    people.push(
      existing ?? (await createUser({ email, name, organisation, jobTitle, password: DEMO_PASSWORD, ...membership })),
    );
  }
  return people;
}

export async function seedDemoIdeas(
  roundId2027: string,
  roundId2026: string,
  people: { id: string }[] = [],
): Promise<{ current: number; past: number }> {
  const current = await findRoundById(db, roundId2027);
  const past = await findRoundById(db, roundId2026);
  if (!current || !past) throw new Error("seedDemoIdeas: create both rounds first");
  const invented = await demoPeople();
  // The people the caller passes in (the demo accounts) take part first; only members lead.
  const given = people.length
    ? await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            people.map((p) => p.id),
          ),
        )
    : [];
  const members = invented.filter((p) => p.membership === "approved");
  const demoMember = given.find((p) => p.membership === "approved" && !p.isAdmin);
  const everyone = [...given, ...invented];
  const random = sequence(2027);
  const pick = <T>(list: T[], n: number) => [...list].sort(() => random() - 0.5).slice(0, n);
  const proposalsOpen = PHASES.indexOf(current.phase) >= PHASES.indexOf("proposals");

  let created = 0;
  const inserted: { id: string; leadId: string }[] = [];
  for (const [i, idea] of IDEAS_2027.entries()) {
    // The demo member (the first one passed in) leads an idea, a proposal in progress and a draft.
    const lead = demoMember && [0, 2, 4].includes(i) ? demoMember : members[i % members.length];
    // Every fifth idea is a draft; with proposals open, some are in progress and a few submitted.
    const draft = i % 5 === 4;
    const submitted = proposalsOpen && !draft && i % 6 === 1 && i < members.length;
    // Proposals in progress exist whatever the phase: when the round moves on to proposals, they are there.
    const inProgress = !draft && !submitted && i % 4 === 2;
    const state: IdeaState = draft ? "draft" : submitted ? "submitted" : "published";
    const start = current.ideasOpensAt.getTime();
    const at = new Date(Math.min(now().getTime() - HOUR, start + (i + 1) * 9 * HOUR));
    const others = everyone.filter((p) => p.id !== lead.id);
    const team = pick(others, i % 3);
    const outsiders = others.filter((p) => p.membership === "approved" && !team.includes(p));
    const row = await insertIdea({
      round: current,
      lead,
      state,
      at,
      slug: ideaSlugBase(idea.title),
      title: idea.title,
      summary: idea.summary,
      challengeMd: idea.challenge,
      categoryId: current.categories[i % current.categories.length].id,
      topicIds: current.topics.length ? pick(current.topics, 1 + (i % 2)).map((t) => t.id) : [],
      members: team,
      supporters: draft ? [] : pick(outsiders, Math.floor(random() * 12)),
      proposal: submitted || inProgress ? proposalFor(idea, current.maxAwardPence, submitted) : undefined,
      // A few published ideas changed after feedback, so their history has something to show.
      edits:
        !draft && i % 7 === 0
          ? [{ summary: `${idea.summary} Updated after comments from members.`, authorId: lead.id }]
          : undefined,
    });
    inserted.push({ id: row.id, leadId: lead.id });
    created += 1;
  }
  // An invitation waiting on the demo member's "Your ideas" page.
  const host = demoMember
    ? inserted.find((row, i) => i > 4 && IDEAS_2027[i] && row.leadId !== demoMember.id)
    : undefined;
  if (demoMember && host) {
    await db.insert(ideaInvitations).values({
      ideaId: host.id,
      email: demoMember.email,
      tokenHash: hashToken(generateToken()),
      invitedById: host.leadId,
      createdAt: now(),
    });
  }

  // The past round: what became of its ideas. One proposal per lead, as the database insists.
  const outcomes: IdeaState[] = [
    "funded",
    "funded",
    "funded",
    "funded",
    "funded",
    "funded",
    "funded",
    "funded",
    "not_funded",
    "not_funded",
    "not_funded",
    "not_shortlisted",
    "not_shortlisted",
    "not_shortlisted",
    "withdrawn",
    "published",
    "published",
    "published",
    "published",
    "published",
  ];
  let pastCount = 0;
  for (const [i, idea] of IDEAS_2026.entries()) {
    const state = outcomes[i % outcomes.length];
    const lead = members[i % members.length];
    const others = everyone.filter((p) => p.id !== lead.id);
    const team = pick(others, 1 + (i % 2));
    await insertIdea({
      round: past,
      lead,
      state,
      at: new Date(past.ideasOpensAt.getTime() + (i + 1) * 20 * HOUR),
      slug: ideaSlugBase(idea.title),
      title: idea.title,
      summary: idea.summary,
      challengeMd: idea.challenge,
      categoryId: past.categories[i % past.categories.length].id,
      topicIds: past.topics.length ? pick(past.topics, 1).map((t) => t.id) : [],
      members: team,
      supporters: pick(
        others.filter((p) => p.membership === "approved" && !team.includes(p)),
        3 + Math.floor(random() * 15),
      ),
      proposal: state === "published" ? undefined : proposalFor(idea, past.maxAwardPence, true),
    });
    pastCount += 1;
  }
  return { current: created, past: pastCount };
}
