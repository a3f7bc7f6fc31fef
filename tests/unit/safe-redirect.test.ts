import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/lib/safe-redirect";

describe("redirects go only to local paths", () => {
  it.each([
    "https://evil.example",
    "http://evil.example/path",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "",
    "/%2F/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
  ])("%j falls back to /", (payload) => {
    const result = safeRedirect(payload);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "http://q.example").origin).toBe("http://q.example");
  });

  it("keeps a local path with its query and fragment", () => {
    expect(safeRedirect("/rounds/2027/ideas?q=care#top")).toBe("/rounds/2027/ideas?q=care#top");
  });

  it("uses the fallback for anything that is not text", () => {
    expect(safeRedirect(null, "/me")).toBe("/me");
    expect(safeRedirect(undefined, "/me")).toBe("/me");
  });
});
