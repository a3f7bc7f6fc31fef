import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "../../app/lib/env.server";
import { BALLOT_ERROR_KEY } from "../../app/modules/voting/ballot";
import {
  ballotFieldErrors,
  chosenText,
  fromBallotPicks,
  inPageOrder,
  picksFromForm,
  pickField,
  toBallotPicks,
} from "../../app/modules/voting/ballot-form";
import { turnoutPercent, turnoutText } from "../../app/modules/voting/turnout";
import { ballotFormToken, paperVoterRef, voterRef } from "../../app/modules/voting/voter-ref.server";

const ROUND = "00000000-0000-4000-8000-00000000000a";
const OTHER_ROUND = "00000000-0000-4000-8000-00000000000b";
const USER = "00000000-0000-4000-8000-000000000001";

describe("the ballot form", () => {
  it("reads every category's ticked proposals, ignoring other fields and empty values", () => {
    const form = new FormData();
    form.append("token", "abc");
    form.append("intent", "check");
    form.append(pickField("cat-a"), "p1");
    form.append(pickField("cat-a"), "p2");
    form.append(pickField("cat-b"), "");
    form.append(pickField("cat-c"), "p9");
    expect(picksFromForm(form)).toEqual({ "cat-a": ["p1", "p2"], "cat-b": [], "cat-c": ["p9"] });
  });

  it("turns form picks into ballot picks and back", () => {
    const picks = { a: ["p1", "p2"], b: ["p3"] };
    const ballot = toBallotPicks(picks);
    expect(ballot).toEqual([
      { categoryId: "a", proposalId: "p1" },
      { categoryId: "a", proposalId: "p2" },
      { categoryId: "b", proposalId: "p3" },
    ]);
    expect(fromBallotPicks(ballot)).toEqual(picks);
  });

  it("puts each category's error at its checkbox group, and a ballot-wide error as text", () => {
    expect(ballotFieldErrors({ a: "Choose 2.", [BALLOT_ERROR_KEY]: "Unknown category." })).toEqual({
      [pickField("a")]: "Choose 2.",
      [BALLOT_ERROR_KEY]: "Unknown category.",
    });
  });

  it("says how many are chosen of how many needed", () => {
    expect(chosenText(2, 3)).toBe("2 of 3 chosen");
  });
});

describe("turnout", () => {
  it("is written as members who have voted out of those who may, with a rounded percentage", () => {
    expect(turnoutText({ voted: 412, eligible: 3377 })).toBe("412 of 3,377 members have voted (12%)");
    expect(turnoutText({ voted: 1, eligible: 3377 })).toBe("1 of 3,377 members has voted (0%)");
    expect(turnoutText({ voted: 608, eligible: 3377 })).toBe("608 of 3,377 members have voted (18%)");
  });

  it("is 0% when nobody may vote yet", () => {
    expect(turnoutPercent(0, 0)).toBe(0);
    expect(turnoutText({ voted: 0, eligible: 0 })).toBe("0 of 0 members have voted (0%)");
  });
});

describe("voter references", () => {
  it("an online voter's reference is the keyed HMAC of round and member: stable, and different in another round", () => {
    const expected = createHmac("sha256", env().SECRET_KEY).update(`ballot:${ROUND}:${USER}`).digest("hex");
    expect(voterRef(ROUND, USER)).toBe(expected);
    expect(voterRef(ROUND, USER)).toBe(voterRef(ROUND, USER));
    expect(voterRef(OTHER_ROUND, USER)).not.toBe(voterRef(ROUND, USER));
    expect(voterRef(ROUND, USER)).not.toContain(USER);
  });

  it("a paper ballot's reference is 'paper-' and 16 bytes of hex: the same for the same form, new for each form", () => {
    const token = ballotFormToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(paperVoterRef(ROUND, token)).toMatch(/^paper-[0-9a-f]{32}$/);
    expect(paperVoterRef(ROUND, token)).toBe(paperVoterRef(ROUND, token));
    expect(paperVoterRef(ROUND, ballotFormToken())).not.toBe(paperVoterRef(ROUND, token));
    expect(paperVoterRef(ROUND)).toMatch(/^paper-[0-9a-f]{32}$/);
    expect(paperVoterRef(ROUND)).not.toBe(paperVoterRef(ROUND));
  });
});

describe("errors in page order", () => {
  it("lists ballot-wide errors first, then each category's in the order the page shows them", () => {
    const errors = { [pickField("b")]: "B.", [pickField("a")]: "A.", [BALLOT_ERROR_KEY]: "Whole ballot." };
    expect(Object.keys(inPageOrder(errors, ["a", "b"]))).toEqual([BALLOT_ERROR_KEY, pickField("a"), pickField("b")]);
  });
});
