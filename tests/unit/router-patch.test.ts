import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// patches/@remix-run+router+*.patch (applied by `patch-package` on install) keeps the flattened,
// ranked route branches per routes array and each compiled path, instead of rebuilding both on
// every request (a quarter of the CPU of a page; docs/performance.md). The server loads the
// CommonJS build, so that is the file patched and tested here.
const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const router = require("@remix-run/router") as typeof import("@remix-run/router");

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
const routes: Route[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "round", path: "rounds/:round" },
      { id: "ideas", path: "rounds/:round/ideas" },
      { id: "new-idea", path: "rounds/:round/ideas/new" },
      { id: "idea", path: "rounds/:round/ideas/:idea" },
      { id: "admin", path: "admin/*" },
      { id: "Case", path: "CaseSensitive", caseSensitive: true },
    ],
  },
];
const matchIds = (pathname: string) => router.matchRoutes(routes as never, pathname)?.map((m) => m.route.id) ?? null;

describe("the @remix-run/router patch", () => {
  it("is made for the installed version (1.23.4): a new router needs the patch re-made, not a warning", () => {
    const { version } = JSON.parse(readFileSync(require.resolve("@remix-run/router/package.json"), "utf8")) as {
      version: string;
    };
    expect(version).toBe("1.23.4");
    const patches = readdirSync(new URL("../../patches/", import.meta.url)).filter((f) =>
      f.startsWith("@remix-run+router+"),
    );
    expect(patches).toEqual([`@remix-run+router+${version}.patch`]);
  });

  it("is applied to the build the server loads", () => {
    expect(routerPath).toMatch(/router\.cjs\.js$/);
    const source = readFileSync(routerPath, "utf8");
    expect(source).toContain("branchesCache.get(routes)");
    expect(source).toContain("compiledPaths.get(key)");
  });

  it("matches as before, the same on every call, with ranking (static beats dynamic)", () => {
    for (let round = 0; round < 3; round++) {
      expect(matchIds("/")).toEqual(["root", "home"]);
      expect(matchIds("/rounds/r2027")).toEqual(["root", "round"]);
      expect(matchIds("/rounds/r2027/ideas/")).toEqual(["root", "ideas"]);
      expect(matchIds("/rounds/r2027/ideas/new")).toEqual(["root", "new-idea"]);
      expect(matchIds("/rounds/r2027/ideas/popular-idea")).toEqual(["root", "idea"]);
      expect(matchIds("/admin/rounds/x")).toEqual(["root", "admin"]);
      expect(matchIds("/CaseSensitive")).toEqual(["root", "Case"]);
      expect(matchIds("/casesensitive")).toBeNull();
      expect(matchIds("/nowhere")).toBeNull();
    }
    const match = router.matchRoutes(routes as never, "/rounds/r%202027/ideas/caf%C3%A9")!;
    expect(match[1].params).toEqual({ round: "r 2027", idea: "café" });
  });

  it("keeps each routes array's branches apart", () => {
    const other: Route[] = [{ id: "other", path: "rounds/:round" }];
    expect(router.matchRoutes(other as never, "/rounds/x")?.map((m) => m.route.id)).toEqual(["other"]);
    expect(matchIds("/rounds/x")).toEqual(["root", "round"]);
  });

  it("compiles a path separately for each case sensitivity and end", () => {
    expect(router.matchPath({ path: "/rounds", end: true }, "/rounds/x")).toBeNull();
    expect(router.matchPath({ path: "/rounds", end: false }, "/rounds/x")?.pathnameBase).toBe("/rounds");
    expect(router.matchPath({ path: "/Rounds", caseSensitive: false }, "/rounds")).not.toBeNull();
    expect(router.matchPath({ path: "/Rounds", caseSensitive: true }, "/rounds")).toBeNull();
    expect(router.matchPath({ path: "/rounds/:round", end: true }, "/rounds/y")?.params).toEqual({ round: "y" });
  });
});
