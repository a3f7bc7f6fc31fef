import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { rounds, type User } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { insertRound, scheduleFor } from "../../db/seed/factories/rounds";
import { resetClock, setClock } from "../../app/lib/clock";
import { Conflict } from "../../app/lib/errors";
import { roundToFormValues } from "../../app/modules/rounds/form-values";
import { frozenSettingsHash } from "../../app/modules/rounds/frozen-settings";
import { getRoundById } from "../../app/modules/rounds/queries.server";
import { advanceRound } from "../../app/modules/rounds/transition.server";
import { updateRound } from "../../app/modules/rounds/update-round.server";
import { RoundFormSchema } from "../../app/modules/rounds/validation";

// The panel module does not exist yet; here it "supplies" a full shortlist so voting can open.
const SHORTLISTED = [
  "00000000-0000-4000-8000-000000000003",
  "00000000-0000-4000-8000-000000000001",
  "00000000-0000-4000-8000-000000000002",
];
vi.mock("../../app/modules/rounds/facts.server", () => ({
  shortlistOf: async (_tx: unknown, _roundId: string, categories: Array<{ id: string }>) =>
    Object.fromEntries(categories.map((c) => [c.id, [...SHORTLISTED]])),
  resultsPublished: async () => false,
}));

const T = new Date("2027-03-01T12:00:00Z");
let admin: User;
beforeAll(async () => {
  admin = await createUser({ isAdmin: true });
});
afterEach(() => resetClock());

async function settingsOf(id: string) {
  const round = await getRoundById(id);
  return RoundFormSchema.parse(roundToFormValues(round!));
}

describe("the settings that decide the vote are frozen when voting opens", () => {
  it("opening voting stores the normalised settings, their SHA-256 and the time", async () => {
    const round = await insertRound({ phase: "shortlisting", ...scheduleFor("shortlisting", T) });
    setClock(() => T);
    await advanceRound(admin, round.id, { kind: "early", reason: "Shortlist confirmed", from: "shortlisting" });
    const [after] = await db.select().from(rounds).where(eq(rounds.id, round.id));
    expect(after.phase).toBe("voting");
    expect(after.frozenAt).toEqual(T);
    expect(after.frozenSettings).toMatchObject({
      ballotRule: { picksPerCategory: 3, allowOwnIdea: false },
      fundingRule: { kind: "topFraction" },
      potPence: round.potPence,
      maxAwardPence: round.maxAwardPence,
    });
    expect(after.frozenSettings!.categories.map((c) => c.name).sort()).toEqual(
      round.categories.map((c) => c.name).sort(),
    );
    expect(Object.values(after.frozenSettings!.shortlist)[0]).toEqual([...SHORTLISTED].sort());
    expect(after.frozenSettingsHash).toBe(frozenSettingsHash(after.frozenSettings!));
    expect(after.frozenSettingsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("later edits to a frozen setting are refused at each field; other settings may still change", async () => {
    const round = await insertRound({ phase: "shortlisting", ...scheduleFor("shortlisting", T) });
    setClock(() => T);
    await advanceRound(admin, round.id, { kind: "early", reason: "Shortlist confirmed", from: "shortlisting" });
    const settings = await settingsOf(round.id);

    const changed = {
      ...settings,
      picksPerCategory: 2,
      fundingRule: { kind: "topN" as const, n: 5 },
      potPence: settings.potPence + 100,
      categories: settings.categories.map((c, i) => (i === 0 ? { ...c, name: "Renamed" } : c)),
    };
    const refused = await updateRound(admin, round.id, changed).catch((error) => error);
    expect(refused).toBeInstanceOf(Conflict);
    expect(Object.keys(refused.fieldErrors).sort()).toEqual([
      "categories",
      "fundingRule.kind",
      "picksPerCategory",
      "pot",
    ]);

    const [before] = await db.select().from(rounds).where(eq(rounds.id, round.id));
    await updateRound(admin, round.id, {
      ...settings,
      title: "A clearer title",
      categories: settings.categories.map((c) => ({ ...c, description: "Now described" })),
    });
    const [after] = await db.select().from(rounds).where(eq(rounds.id, round.id));
    expect(after.title).toBe("A clearer title");
    expect(after.frozenSettingsHash).toBe(before.frozenSettingsHash);
    expect(after.picksPerCategory).toBe(3);
  });
});
