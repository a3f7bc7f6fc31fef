import { eq, sql } from "drizzle-orm";
import { db } from "../client";
import { membershipDomains, rounds, users } from "../schema";
import { seedDemoConversations } from "./demo-conversations";
import { rehearsalRounds } from "./demo-options";
import { seedDemoDelivery } from "./demo-delivery";
import { seedDemoIdeas } from "./demo-ideas";
import { seedDemoPanelRound } from "./demo-panel";
import { seedDemoResults } from "./demo-results";
import { seedDemoRounds } from "./demo-rounds";
import { seedDemoVotingRound } from "./demo-voting";
import { createUser } from "./factories";

export const DEMO_PASSWORD = "q-exchange-demo-2027";

export const DEMO_ACCOUNTS = [
  { email: "admin@demo.q-exchange.org", role: "admin (programme team)" },
  { email: "member@demo.q-exchange.org", role: "member (can vote in vote-rehearsal)" },
  { email: "account@demo.q-exchange.org", role: "account, not a member" },
  { email: "applicant@demo.q-exchange.org", role: "account waiting for membership approval" },
] as const;

/** People the seed creates along the way, listed so every role can be tried. */
const MORE_ACCOUNTS = [
  {
    email: "aisha.begum@demo.q-exchange.org",
    role: "team lead of a funded 2026 project (posts updates)",
    rehearsal: false,
  },
  {
    email: "reviewer1@demo.q-exchange.org",
    role: "reviewer, chair of the panel-rehearsal round's panel",
    rehearsal: true,
  },
  { email: "reviewer6@demo.q-exchange.org", role: "reviewer with an organisation conflict", rehearsal: true },
] as const;

/** Demo data for a first run: only into a database with no people in it. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return false;
  await seedDemo();
  return true;
}

export async function seedDemo(): Promise<void> {
  const at = new Date();
  const password = DEMO_PASSWORD;
  const admin = await createUser({
    email: DEMO_ACCOUNTS[0].email,
    name: "Priya Shah",
    organisation: "Q Exchange programme team",
    jobTitle: "Programme manager",
    isAdmin: true,
    password,
  });
  const member = await createUser({
    email: DEMO_ACCOUNTS[1].email,
    name: "Tom Okafor",
    organisation: "Leeds Teaching Hospitals NHS Trust",
    jobTitle: "Improvement lead",
    password,
  });
  const account = await createUser({
    email: DEMO_ACCOUNTS[2].email,
    name: "Ellen Byrne",
    organisation: "Healthwatch Bristol",
    membership: "none",
    membershipDecidedAt: null,
    password,
  });
  await createUser({
    email: DEMO_ACCOUNTS[3].email,
    name: "Marcus Reid",
    organisation: "Glasgow Health and Social Care Partnership",
    membership: "pending",
    membershipDecidedAt: null,
    membershipRequestedAt: at,
    password,
  });
  await db.insert(membershipDomains).values({ domain: "demo-trust.nhs.uk", createdAt: at }).onConflictDoNothing();
  await seedDemoRounds(admin.id);
  const [current, past] = await Promise.all([roundIdBySlug("2027"), roundIdBySlug("2026")]);
  if (current && past) {
    await seedDemoIdeas(current, past, [member, account]);
    await seedDemoDelivery(past);
    await seedDemoConversations([current, past]);
  }
  // The panel's rehearsal round (issue 6), for the browser tests; the lead decides if demos get it.
  if (rehearsalRounds()) await seedDemoPanelRound(admin.id);
  if (rehearsalRounds()) await seedDemoVotingRound();
  await seedDemoResults(admin.id);
}

async function roundIdBySlug(slug: string): Promise<string | undefined> {
  const [round] = await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug));
  return round?.id;
}

export function describeDemoAccounts(): string {
  const accounts = [...DEMO_ACCOUNTS, ...MORE_ACCOUNTS.filter((a) => !a.rehearsal || rehearsalRounds())];
  const lines = accounts.map((a) => `  ${a.email.padEnd(34)} ${a.role}`);
  return `Demo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}`;
}
