import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BALLOT_ERROR_KEY,
  requiredPicks,
  validateBallot,
  type BallotInput,
  type BallotPick,
} from "~/modules/voting/ballot";

const shortlist = [
  { categoryId: "comm", name: "Working with communities", proposalIds: ["c1", "c2", "c3", "c4", "c5"] },
  { categoryId: "dig", name: "Digital", proposalIds: ["d1", "d2", "d3", "d4"] },
];
const picks = (categoryId: string, ...ids: string[]): BallotPick[] =>
  ids.map((proposalId) => ({ categoryId, proposalId }));
const ballot = (overrides: Partial<BallotInput>): BallotInput => ({
  picks: [...picks("comm", "c1", "c2", "c3"), ...picks("dig", "d1", "d2", "d3")],
  shortlist,
  picksPerCategory: 3,
  allowOwnIdea: true,
  ownProposalIds: [],
  ...overrides,
});

describe("ballot validity", () => {
  it("a ballot with three shortlisted picks in each three-pick category is valid", () => {
    expect(validateBallot(ballot({}))).toEqual({ ok: true });
  });

  it("a ballot with two picks in a three-pick category is rejected", () => {
    const result = validateBallot(ballot({ picks: [...picks("comm", "c1", "c2"), ...picks("dig", "d1", "d2", "d3")] }));
    expect(result).toEqual({ ok: false, errors: { comm: "Choose 3 ideas in Working with communities: you chose 2." } });
  });

  it("a ballot with four picks in a three-pick category is rejected", () => {
    const result = validateBallot(
      ballot({ picks: [...picks("comm", "c1", "c2", "c3"), ...picks("dig", "d1", "d2", "d3", "d4")] }),
    );
    expect(result).toEqual({ ok: false, errors: { dig: "Choose 3 ideas in Digital: you chose 4." } });
  });

  it("an empty ballot is rejected in every category", () => {
    expect(validateBallot(ballot({ picks: [] }))).toEqual({
      ok: false,
      errors: {
        comm: "Choose 3 ideas in Working with communities: you chose none.",
        dig: "Choose 3 ideas in Digital: you chose none.",
      },
    });
  });

  it("a one-pick category asks for 1 idea", () => {
    const result = validateBallot(ballot({ picksPerCategory: 1, picks: picks("comm", "c1") }));
    expect(result).toEqual({ ok: false, errors: { dig: "Choose 1 idea in Digital: you chose none." } });
  });

  it("the same idea picked twice is rejected", () => {
    const result = validateBallot(
      ballot({ picks: [...picks("comm", "c1", "c1", "c2"), ...picks("dig", "d1", "d2", "d3")] }),
    );
    expect(result).toEqual({
      ok: false,
      errors: { comm: "You chose the same idea more than once in Working with communities." },
    });
  });

  it("a pick that is not on the category's shortlist is rejected, even one from another category", () => {
    const unknown = validateBallot(
      ballot({ picks: [...picks("comm", "c1", "c2", "zz"), ...picks("dig", "d1", "d2", "d3")] }),
    );
    expect(unknown).toEqual({
      ok: false,
      errors: { comm: "One of your choices in Working with communities is not on its shortlist." },
    });
    const misplaced = validateBallot(
      ballot({ picks: [...picks("comm", "c1", "c2", "d4"), ...picks("dig", "d1", "d2", "d3")] }),
    );
    expect(misplaced.ok).toBe(false);
  });

  it("a pick in a category that is not in the vote is rejected", () => {
    const result = validateBallot(ballot({ picks: [...ballot({}).picks, ...picks("other", "x1")] }));
    expect(result.ok === false && result.errors[BALLOT_ERROR_KEY]).toMatch(/not in this vote/);
  });

  it("picking your own idea is rejected when the round does not allow it", () => {
    const result = validateBallot(ballot({ allowOwnIdea: false, ownProposalIds: ["c2"] }));
    expect(result).toEqual({
      ok: false,
      errors: { comm: "You cannot choose an idea whose team you are on in Working with communities." },
    });
  });

  it("picking your own idea is accepted when the round allows it", () => {
    expect(validateBallot(ballot({ allowOwnIdea: true, ownProposalIds: ["c2"] }))).toEqual({ ok: true });
  });

  it("a voter who may not pick their own ideas is asked for fewer when too few others are shortlisted", () => {
    const small = [{ categoryId: "comm", name: "Working with communities", proposalIds: ["c1", "c2", "c3"] }];
    expect(requiredPicks(small[0], 3, false, ["c3"])).toBe(2);
    expect(requiredPicks(small[0], 3, true, ["c3"])).toBe(3);
    expect(
      validateBallot({
        picks: picks("comm", "c1", "c2"),
        shortlist: small,
        picksPerCategory: 3,
        allowOwnIdea: false,
        ownProposalIds: ["c3"],
      }),
    ).toEqual({ ok: true });
  });

  it("any set of the right number of distinct shortlisted picks is valid, in any order", () => {
    const choice = (ids: string[]) => fc.shuffledSubarray(ids, { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(
        choice(shortlist[0].proposalIds as string[]),
        choice(shortlist[1].proposalIds as string[]),
        (a, b) => {
          expect(validateBallot(ballot({ picks: [...picks("dig", ...b), ...picks("comm", ...a)] }))).toEqual({
            ok: true,
          });
        },
      ),
    );
  });
});
