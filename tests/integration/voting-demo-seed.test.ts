import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas, ledgerSeals, resultLines, roundResults, rounds } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { seedDemoResults2026, seedDemoResultsRehearsal } from "../../db/seed/demo-results";
import { seedDemoRounds } from "../../db/seed/demo-rounds";
import { recountRound } from "../../app/modules/voting/recount.server";

const roundBySlug = async (slug: string) => (await db.select().from(rounds).where(eq(rounds.slug, slug)))[0];

describe("the demo results", () => {
  it("2026 has a published result that agrees with its ideas' states and recounts, and the rehearsal round is sealed but unpublished", async () => {
    const admin = await createUser({ isAdmin: true });
    const member = await createUser({ name: "Tom Okafor" });
    await seedDemoRounds(admin.id);
    const [current, past] = [await roundBySlug("2027"), await roundBySlug("2026")];
    await seedDemoIdeas(current.id, past.id, [member]);
    await seedDemoResults2026(admin.id);
    await seedDemoResults2026(admin.id); // a second run adds nothing

    const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, past.id));
    expect(results.publishedAt).not.toBeNull();
    expect(results.publishedById).toBe(admin.id);
    expect(results.ballots).toBeGreaterThan(10);
    expect(results.ballots).toBeLessThan(results.eligible); // paper ballots included, turnout stays under 100%
    const states = new Map(
      (await db.select({ id: ideas.id, state: ideas.state }).from(ideas).where(eq(ideas.roundId, past.id))).map((i) => [
        i.id,
        i.state,
      ]),
    );
    const lines = await db.select().from(resultLines).where(eq(resultLines.roundId, past.id));
    expect(lines.length).toBe([...states.values()].filter((s) => s === "funded" || s === "not_funded").length);
    for (const line of lines) {
      expect(line.overrideReason).toBeNull();
      expect(line.funded ? "funded" : "not_funded").toBe(states.get(line.ideaId));
    }
    const after = await roundBySlug("2026");
    expect(after.phase).toBe("delivery");
    expect(Object.values(after.frozenSettings!.shortlist).flat().sort()).toEqual(lines.map((l) => l.ideaId).sort());
    expect((await recountRound("2026")).ok).toBe(true);

    const rehearsalId = await seedDemoResultsRehearsal();
    const rehearsal = await roundBySlug("results-rehearsal");
    expect(rehearsal.id).toBe(rehearsalId);
    expect(rehearsal.phase).toBe("results");
    const [seal] = await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, rehearsalId));
    expect(seal.entries).toBeGreaterThanOrEqual(2);
    const [unpublished] = await db.select().from(roundResults).where(eq(roundResults.roundId, rehearsalId));
    expect(unpublished.publishedAt).toBeNull();
    expect(await db.select().from(resultLines).where(eq(resultLines.roundId, rehearsalId))).toHaveLength(6);
    expect((await recountRound("results-rehearsal")).ok).toBe(true);
  });
});
