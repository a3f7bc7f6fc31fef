import { describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { createPanelRound, submittedReview } from "../../db/seed/factories/panel";
import { Conflict } from "../../app/lib/errors";
import { roundToFormValues } from "../../app/modules/rounds/form-values";
import { getRoundById } from "../../app/modules/rounds/queries.server";
import { updateRound } from "../../app/modules/rounds/update-round.server";
import { RoundFormSchema } from "../../app/modules/rounds/validation";

describe("the rubric is fixed once reviewers have scored against it", () => {
  it("refuses a changed rubric after the first review, but still saves other changes", async () => {
    const admin = await createUser({ isAdmin: true });
    const { round, reviewers, proposals } = await createPanelRound();
    const stored = (await getRoundById(round.id))!;
    const settings = RoundFormSchema.parse(roundToFormValues(stored));
    const renamed = {
      ...settings,
      rubric: settings.rubric.map((c, i) => (i === 0 ? { ...c, name: "A different first criterion" } : c)),
    };

    // Before any review, the rubric may still change.
    await updateRound(admin, round.id, renamed);

    await submittedReview(round.id, proposals[0].id, reviewers[0].id, 4, renamed.rubric.length);
    const refused = await updateRound(admin, round.id, { ...renamed, rubric: settings.rubric }).catch((error) => error);
    expect(refused).toBeInstanceOf(Conflict);
    expect(refused.fieldErrors["rubric.0.name"]).toMatch(/started scoring/);

    await updateRound(admin, round.id, { ...renamed, title: "A clearer title" });
    expect((await getRoundById(round.id))!.title).toBe("A clearer title");
  });
});
