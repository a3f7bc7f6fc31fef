import { describe, expect, it } from "vitest";
import { parseListParams } from "../../app/modules/ideas/list-params";
import { SORTS } from "../../app/modules/ideas/limits";
import { parseProjectParams, PROJECT_SORTS } from "../../app/modules/delivery/list-params";

// Issue 11, figure 12: a list's sort (and filters) come from allow-lists, whatever the address says.
// Object keys that every object has ("constructor", "toString", "__proto__") are the classic way past
// an allow-list written as `key in object`.
const HOSTILE = [
  "password_hash",
  "users.password_hash",
  "1; select pg_sleep(5)",
  "title desc; drop table users",
  "(select 1)",
  "' OR 1=1--",
  "constructor",
  "toString",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
  "\u0000",
  "",
  "RELEVANCE",
  "newest ",
];

describe("sort keys come from allow-lists", () => {
  it.each(HOSTILE)("the ideas list refuses sort=%j", (sort) => {
    for (const q of ["", "care"]) {
      const params = parseListParams(new URLSearchParams({ sort, q, category: sort, topic: sort, state: sort }), {
        categoryIds: ["c1"],
        topicIds: ["t1"],
      });
      expect([...Object.keys(SORTS), "relevance"]).toContain(params.sort);
      expect(Object.hasOwn(SORTS, params.sort) || params.sort === "relevance").toBe(true);
      expect([params.category, params.topic, params.state]).toEqual(["", "", ""]);
    }
  });

  it.each(HOSTILE)("the projects list refuses sort=%j", (sort) => {
    for (const q of ["", "care"]) {
      const params = parseProjectParams(
        new URLSearchParams({ sort, q, round: sort, category: sort, topic: sort, status: sort }),
        { rounds: ["2026"], categories: ["c1"], topics: ["t1"] },
      );
      expect([...Object.keys(PROJECT_SORTS), "relevance"]).toContain(params.sort);
      expect([params.round, params.category, params.topic, params.status]).toEqual(["", "", "", ""]);
    }
  });

  it("keeps every allowed sort", () => {
    for (const sort of Object.keys(SORTS))
      expect(parseListParams(new URLSearchParams({ sort }), { categoryIds: [], topicIds: [] }).sort).toBe(sort);
    for (const sort of Object.keys(PROJECT_SORTS))
      expect(parseProjectParams(new URLSearchParams({ sort }), { rounds: [], categories: [], topics: [] }).sort).toBe(
        sort,
      );
    expect(
      parseListParams(new URLSearchParams({ sort: "relevance", q: "care" }), { categoryIds: [], topicIds: [] }).sort,
    ).toBe("relevance");
  });

  it("drops NUL characters from the search words (PostgreSQL text cannot hold them)", () => {
    expect(parseListParams(new URLSearchParams({ q: "ca\u0000re" }), { categoryIds: [], topicIds: [] }).q).toBe("care");
    expect(
      parseProjectParams(new URLSearchParams({ q: "\u0000care" }), { rounds: [], categories: [], topics: [] }).q,
    ).toBe("care");
  });
});
