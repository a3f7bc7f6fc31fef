// The idea page with 300 comments: queries per request and server time.
//   npx tsx scripts/bench-idea-comments.ts                      (PGlite, in memory)
//   DATABASE_URL=postgres://… npx tsx scripts/bench-idea-comments.ts   (a throwaway database on that server)
// It calls the route's loader as Remix would, with a real Request, and counts every query the
// loader sends (tests/support/query-count.ts) including the session lookup for a signed-in person.
import { db } from "../db/client";
import * as schema from "../db/schema";
import { comments } from "../db/schema";
import { insertIdea } from "../db/seed/factories/ideas";
import { renderMarkdown } from "../app/lib/markdown.server";
import { createUser } from "../db/seed/factories";
import { createRound } from "../db/seed/factories/rounds";
import { loader } from "../app/routes/rounds.$round_.ideas.$idea._index";
import { cookieFor } from "../tests/support/http";
import { openRecordingDatabase } from "../tests/support/query-count";

const COMMENTS = 300;
const RUNS = 30;

async function seed() {
  const round = await createRound({ phase: "ideas", slug: "bench" });
  const people: schema.User[] = [];
  for (let i = 0; i < 40; i++) people.push(await createUser({ name: `Bench Person ${i}` }));
  const idea = await insertIdea({
    round,
    lead: people[0],
    members: [people[1], people[2]],
    slug: "busy-idea",
    title: "A busy idea",
  });
  const start = Date.now() - COMMENTS * 60_000;
  // A realistic shape: a third top-level, the rest replies to depth 3, some edited, deleted or hidden.
  const rows: Array<{ id: string; depth: number }> = [];
  for (let i = 0; i < COMMENTS; i++) {
    const parent = i % 3 === 0 || rows.length === 0 ? null : rows[(i * 7) % rows.length];
    const depth = parent && parent.depth < 3 ? parent.depth + 1 : 1;
    const md = `Comment ${i}: **useful** thoughts about the [plan](https://example.org) and\n\n- one point\n- another point`;
    const [row] = await db
      .insert(comments)
      .values({
        ideaId: idea.id,
        parentId: depth === 1 ? null : parent!.id,
        authorId: people[i % people.length].id,
        depth,
        bodyMd: md,
        bodyHtml: renderMarkdown(md, "comment"),
        createdAt: new Date(start + i * 60_000),
        editedAt: i % 11 === 0 ? new Date(start + i * 60_000 + 60_000) : null,
        deletedAt: i % 37 === 0 ? new Date() : null,
        hiddenAt: i % 41 === 0 ? new Date() : null,
      })
      .returning({ id: comments.id, depth: comments.depth });
    rows.push(row);
  }
  return { member: people[5] };
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
      params: { round: "bench", idea: "busy-idea" },
      context: { ip: "127.0.0.1", cspNonce: "", requestId: "bench" },
    });
    const ms = performance.now() - started;
    if (run >= 3) {
      times.push(ms);
      counts.push(recorder.count);
    }
    if (run === 0 && !("conversation" in data)) throw new Error("unexpected loader result");
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  console.log(
    `${label.padEnd(36)} queries ${String(Math.max(...counts)).padStart(2)}   median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms`,
  );
}

const { cleanup, handle, recorder } = await openRecordingDatabase();
try {
  const { member } = await seed();
  const cookie = await cookieFor(member.id);
  console.log(`${handle.kind}: one idea with ${COMMENTS} comments, ${RUNS} timed runs each after 3 warm-ups\n`);
  await measure("idea page, oldest first (visitor)", "/rounds/bench/ideas/busy-idea");
  await measure("idea page, newest first (visitor)", "/rounds/bench/ideas/busy-idea?sort=newest");
  await measure("idea page (signed in)", "/rounds/bench/ideas/busy-idea", cookie);
} finally {
  await cleanup();
}
