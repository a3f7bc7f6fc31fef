// Issue 11, figure 4: "100 conflicting saves of one idea -> each pair one success and one 409."
// The lead and a team member open the edit page on the same version and save different text at
// the same moment, through the real route action, 100 times over. Each time exactly one save wins
// (303), the other is answered 409 with the conflict view (the winner's change shown, the loser's
// text kept in the form), and the idea's version moves on by exactly one.
import { asc, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { databaseHandle, db, openDatabase, useDb as switchDatabase } from "../../db/client";
import { ideaRevisions, ideas } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertIdea } from "../../db/seed/factories/ideas";
import { createRound } from "../../db/seed/factories/rounds";
import type { DiffSegment, FieldDiff } from "../../app/modules/ideas/diff";
import { action as editAction, loader as editLoader } from "../../app/routes/rounds.$round_.ideas.$idea.edit";
import { context, cookieFor, get, post, run } from "../support/http";
import { withDatabase } from "../support/test-database";

const PAIRS = 100;

describe("figure 4: lost update", () => {
  it(`${PAIRS} pairs of simultaneous saves of one idea: each pair one success and one 409, none lost, one version per pair`, async () => {
    const round = await createRound({ phase: "ideas" });
    const lead = await createUser({ name: "Lena Lead" });
    const teammate = await createUser({ name: "Tom Team" });
    const idea = await insertIdea({
      round,
      lead,
      members: [teammate],
      title: "Shared editing",
      summary: "Start",
      challengeMd: "The challenge",
    });
    const people = [
      { who: "lead", cookie: await cookieFor(lead.id) },
      { who: "teammate", cookie: await cookieFor(teammate.id) },
    ];
    const path = `/rounds/${round.slug}/ideas/${idea.slug}/edit`;
    const params = { round: round.slug, idea: idea.slug };

    // On PostgreSQL the saves run on a pool of their own, so the two of a pair really overlap.
    const config = inject("database");
    const original = databaseHandle();
    const big =
      config.kind === "postgres"
        ? await openDatabase({
            kind: "postgres",
            url: withDatabase(
              config.url,
              (await original.query<{ name: string }>("select current_database() as name"))[0].name,
            ),
            max: 10,
          })
        : null;

    const wrong: string[] = [];
    let successes = 0;
    let conflicts = 0;
    try {
      for (let pair = 0; pair < PAIRS; pair++) {
        const pages = await Promise.all(
          people.map((p) => run(() => editLoader({ request: get(path, p.cookie), params, context: context() }))),
        );
        const version = pages[0].data.idea.version;
        if (pages[1].data.idea.version !== version) wrong.push(`pair ${pair}: the two loaded different versions`);
        const texts = people.map((p) => `Saved by the ${p.who} in pair ${pair}`);
        if (big) switchDatabase(big);
        const answers = await Promise.all(
          people.map((p, i) => {
            const fields = {
              title: "Shared editing",
              summary: texts[i],
              categoryId: round.categories[0].id,
              challengeMd: "The challenge",
              version: String(version),
              intent: "save",
            };
            return run(() => editAction({ request: post(path, fields, p.cookie), params, context: context() }));
          }),
        ).finally(() => switchDatabase(original));

        const statuses = answers.map((a) => a.status);
        const winner = statuses.indexOf(303);
        const loser = statuses.indexOf(409);
        if ([...statuses].sort().join() !== "303,409") {
          wrong.push(`pair ${pair}: answered ${statuses.join(" and ")}`);
          continue;
        }
        successes++;
        conflicts++;
        const [now] = await db
          .select({ version: ideas.version, summary: ideas.summary })
          .from(ideas)
          .where(eq(ideas.id, idea.id));
        if (now.version !== version + 1) wrong.push(`pair ${pair}: version went from ${version} to ${now.version}`);
        if (now.summary !== texts[winner]) wrong.push(`pair ${pair}: the saved text is not the winner's`);
        // The loser's text is not lost: it comes back in the form, with the winner's change above it.
        const refused = answers[loser].data;
        if (refused.values.summary !== texts[loser]) wrong.push(`pair ${pair}: the refused text was not given back`);
        if (refused.conflict?.version !== version + 1)
          wrong.push(`pair ${pair}: the conflict names version ${refused.conflict?.version}`);
        const summary = (refused.conflict?.changes ?? []).find((c: FieldDiff) => c.field === "summary");
        const theirs = summary?.segments
          .filter((s: DiffSegment) => s.kind !== "removed")
          .map((s: DiffSegment) => s.text)
          .join("");
        if (!summary?.changed || theirs !== texts[winner])
          wrong.push(`pair ${pair}: the conflict view does not show the winner's change`);
      }
    } finally {
      switchDatabase(original);
      await big?.close();
    }

    const revisions = await db
      .select({ version: ideaRevisions.version, summary: ideaRevisions.summary })
      .from(ideaRevisions)
      .where(eq(ideaRevisions.ideaId, idea.id))
      .orderBy(asc(ideaRevisions.version));
    const [final] = await db.select({ version: ideas.version }).from(ideas).where(eq(ideas.id, idea.id));
    console.log(
      `figure 4: ${PAIRS} pairs: ${successes} successes, ${conflicts} answered 409, ${wrong.length} wrong; version ${final.version - PAIRS} -> ${final.version}`,
    );
    expect(wrong).toEqual([]);
    expect(successes).toBe(PAIRS);
    expect(conflicts).toBe(PAIRS);
    expect(final.version).toBe(revisions[0].version + PAIRS);
    // One revision per winning save, versions without gaps.
    expect(revisions.map((r) => r.version)).toEqual(
      Array.from({ length: PAIRS + 1 }, (_, i) => revisions[0].version + i),
    );
  }, 1_800_000);
});
