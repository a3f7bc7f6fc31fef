// The ideas list page with 1,000 ideas in a round: queries per request and server time.
//   npx tsx scripts/bench-ideas-list.ts                      (PGlite, in memory)
//   DATABASE_URL=postgres://… npx tsx scripts/bench-ideas-list.ts   (a throwaway database on that server)
// It calls the route's loader as Remix would, with a real Request, and counts every query the
// loader sends (tests/support/query-count.ts) including the session lookup for a signed-in person.
import { db } from "../db/client";
import * as schema from "../db/schema";
import { ideaRevisions, ideas, ideaTeamMembers, ideaTopics } from "../db/schema";
import { createUser } from "../db/seed/factories";
import { createRound } from "../db/seed/factories/rounds";
import { loader } from "../app/routes/rounds.$round_.ideas._index";
import { cookieFor } from "../tests/support/http";
import { openRecordingDatabase } from "../tests/support/query-count";

const IDEAS = 1000;
const RUNS = 30;

const WORDS = [
  "care",
  "clinic",
  "home",
  "nurse",
  "waiting",
  "digital",
  "mental",
  "health",
  "falls",
  "discharge",
  "pharmacy",
  "carers",
  "young",
  "people",
  "dementia",
  "diabetes",
  "maternity",
  "staff",
  "wellbeing",
  "rural",
  "community",
  "safety",
  "kidney",
  "stroke",
];
const word = (i: number, k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];

async function seed() {
  const round = await createRound({ phase: "ideas", slug: "bench" });
  const leads: schema.User[] = [];
  for (let i = 0; i < 50; i++) leads.push(await createUser({ name: `Bench Lead ${i}` }));
  const at = Date.now() - IDEAS * 60_000;
  for (let start = 0; start < IDEAS; start += 250) {
    const rows = Array.from({ length: Math.min(250, IDEAS - start) }, (_, j) => {
      const i = start + j;
      const title = `${word(i, 1)} ${word(i, 2)} for ${word(i, 3)} ${i}`;
      const md = `Why ${word(i, 4)} and ${word(i, 5)} matter. ${"Some longer text about the challenge. ".repeat(20)}`;
      const when = new Date(at + i * 60_000);
      // Every tenth idea a draft, fifty submitted (one per lead, as the database insists), the rest published.
      const state = i % 10 === 9 ? "draft" : i % 10 === 8 && i < 500 ? "submitted" : "published";
      return {
        roundId: round.id,
        categoryId: round.categories[i % 2].id,
        slug: `idea-${i}`,
        title,
        summary: `A summary about ${word(i, 6)} ${word(i, 7)}.`,
        challengeMd: md,
        challengeHtml: `<p>${md}</p>`,
        state: state as "published",
        leadId: state === "submitted" ? leads[Math.floor(i / 10)].id : leads[i % 50].id,
        supportCount: (i * 37) % 41,
        createdAt: when,
        updatedAt: when,
        lastActivityAt: when,
        publishedAt: when,
      };
    });
    const inserted = await db.insert(ideas).values(rows).returning({
      id: ideas.id,
      leadId: ideas.leadId,
      title: ideas.title,
      summary: ideas.summary,
      challengeMd: ideas.challengeMd,
    });
    await db
      .insert(ideaTeamMembers)
      .values(inserted.map((r) => ({ ideaId: r.id, userId: r.leadId, role: "lead" as const, joinedAt: new Date() })));
    await db
      .insert(ideaTopics)
      .values(inserted.map((r, j) => ({ ideaId: r.id, topicId: round.topics[j % round.topics.length].id })));
    await db.insert(ideaRevisions).values(
      inserted.map((r) => ({
        ideaId: r.id,
        version: 1,
        title: r.title,
        summary: r.summary,
        challengeMd: r.challengeMd,
        isPublic: true,
        createdAt: new Date(),
      })),
    );
  }
  return { round, member: leads[0] };
}

async function measure(label: string, path: string, cookie?: string) {
  const times: number[] = [];
  const counts: number[] = [];
  for (let run = 0; run < RUNS + 3; run++) {
    const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
    recorder.reset();
    const started = performance.now();
    const data = await loader({
      request,
      params: { round: "bench" },
      context: { ip: "127.0.0.1", cspNonce: "", requestId: "bench" },
    });
    const ms = performance.now() - started;
    if (run >= 3) {
      times.push(ms);
      counts.push(recorder.count);
    }
    if (run === 0 && !("ideas" in data)) throw new Error("unexpected loader result");
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  console.log(
    `${label.padEnd(44)} queries ${String(Math.max(...counts)).padStart(2)}   median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms`,
  );
}

const { cleanup, handle, recorder } = await openRecordingDatabase();
try {
  const { round, member } = await seed();
  const cookie = await cookieFor(member.id);
  console.log(
    `${handle.kind}: ${IDEAS} ideas in one round (${IDEAS / 10} drafts), ${RUNS} timed runs each after 3 warm-ups\n`,
  );
  await measure("newest, page 1 (visitor)", "/rounds/bench/ideas");
  await measure("newest, page 1 (signed in)", "/rounds/bench/ideas", cookie);
  await measure("most supported, page 25", "/rounds/bench/ideas?sort=supported&page=25");
  await measure("search ?q=dementia care (best match)", "/rounds/bench/ideas?q=dementia+care");
  await measure(
    "category + topic + state filters",
    `/rounds/bench/ideas?category=${round.categories[0].id}&topic=${round.topics[1].id}&state=published`,
  );
  await measure("recently updated, past the last page", "/rounds/bench/ideas?sort=updated&page=999");
} finally {
  await cleanup();
}
