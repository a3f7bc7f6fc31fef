import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm audit` cannot reach the advisory service from every machine (here the registry answers
// "405 Method Not Allowed - POST …/-/npm/v1/security/advisories/bulk"), so this test checks the
// lock file against a short list of advisories that touch the packages this app runs on: the
// Remix runtime, Express and the Express helpers that parse every request. Where the registry
// answers, `npm audit --omit=dev --audit-level=high` is the full check (see README).

type Installed = { path: string; name: string; version: string; dev: boolean };

const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package-lock.json"), "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, { version?: string; dev?: boolean; link?: boolean }>;
};

/** Every copy of every package in the lock file (a package can be installed at several versions). */
function installed(): Installed[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.includes("node_modules/") && entry.version && !entry.link)
    .map(([key, entry]) => ({
      path: key,
      name: key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length),
      version: entry.version!,
      dev: Boolean(entry.dev),
    }));
}

function parse(version: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** -1, 0 or 1, comparing major.minor.patch (pre-release tags are not used by anything checked here). */
function compare(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/**
 * An advisory: versions from `from` (inclusive) up to `fixed` (exclusive) are vulnerable. One entry
 * per release line, since a package's 0.1.x and 8.x lines are fixed at different versions.
 */
type Advisory = { name: string; from: string; fixed: string; ids: string };

const ADVISORIES: Advisory[] = [
  // Remix: path traversal in file session storage (fixed 2.17.2), XSS in ScrollRestoration and via
  // open redirects (fixed 2.17.4 with router 1.23.2), and the later server-runtime fix (2.17.5).
  ...["dev", "express", "fs-routes", "node", "react", "route-config", "serve", "server-runtime", "testing"].map(
    (p) => ({
      name: `@remix-run/${p}`,
      from: "0.0.0",
      fixed: "2.17.5",
      ids: "CVE-2025-61686, GHSA-8v8x-cx79-35w7, GHSA-2w69-qvjg-hvjx, CVE-2026-42342",
    }),
  ),
  // 1.23.4 (August 2026) normalises double slashes in navigate() to colon URLs (3ed85d5): the
  // floor is the newest router, held by the override in package.json (Remix 2.17.5 pins 1.23.3).
  {
    name: "@remix-run/router",
    from: "0.0.0",
    fixed: "1.23.4",
    ids: "GHSA-2w69-qvjg-hvjx (CVE-2026-22029); double-slash normalisation in navigate() (1.23.4)",
  },
  // Express 4: open redirect (4.19.2), XSS in res.redirect (4.20.0), and 4.21.2 pins path-to-regexp 0.1.12.
  { name: "express", from: "4.0.0", fixed: "4.21.2", ids: "CVE-2024-29041, CVE-2024-43796, CVE-2024-52798" },
  { name: "express", from: "5.0.0", fixed: "5.0.1", ids: "CVE-2024-47764 (via cookie)" },
  { name: "cookie", from: "0.0.0", fixed: "0.7.0", ids: "CVE-2024-47764 (GHSA-pxg6-pf52-xh8x)" },
  // ReDoS in route matching: 0.1.x fixed at 0.1.12; the 8.x line at 8.4.0 (March 2026).
  { name: "path-to-regexp", from: "0.0.0", fixed: "0.1.12", ids: "CVE-2024-45296, CVE-2024-52798" },
  { name: "path-to-regexp", from: "1.0.0", fixed: "1.9.0", ids: "CVE-2024-45296" },
  { name: "path-to-regexp", from: "2.0.0", fixed: "3.3.0", ids: "CVE-2024-45296" },
  { name: "path-to-regexp", from: "4.0.0", fixed: "6.3.0", ids: "CVE-2024-45296" },
  { name: "path-to-regexp", from: "8.0.0", fixed: "8.4.0", ids: "CVE-2026-4926, CVE-2026-4923" },
  { name: "body-parser", from: "0.0.0", fixed: "1.20.3", ids: "CVE-2024-45590 (denial of service with url encoding)" },
  { name: "send", from: "0.0.0", fixed: "0.19.0", ids: "CVE-2024-43799 (template injection to XSS)" },
  { name: "serve-static", from: "0.0.0", fixed: "1.16.0", ids: "CVE-2024-43800 (template injection to XSS)" },
  { name: "on-headers", from: "0.0.0", fixed: "1.1.0", ids: "CVE-2025-7339 (via compression)" },
  { name: "compression", from: "0.0.0", fixed: "1.8.1", ids: "CVE-2025-7339 (depends on on-headers < 1.1.0)" },
  { name: "qs", from: "0.0.0", fixed: "6.14.1", ids: "GHSA-6rw7-vpxm-498p (arrayLimit bypass)" },
  { name: "cross-spawn", from: "7.0.0", fixed: "7.0.5", ids: "CVE-2024-21538" },
  { name: "nanoid", from: "3.0.0", fixed: "3.3.8", ids: "CVE-2024-55565" },
  { name: "undici", from: "6.0.0", fixed: "6.21.2", ids: "CVE-2025-22150, CVE-2025-47279" },
  { name: "sanitize-html", from: "0.0.0", fixed: "2.12.1", ids: "CVE-2024-21501" },
  { name: "nodemailer", from: "0.0.0", fixed: "7.0.7", ids: "GHSA-mm7p-fcc7-pg87 (mail to an unintended domain)" },
  { name: "ws", from: "7.0.0", fixed: "7.5.10", ids: "CVE-2024-37890" },
  { name: "ws", from: "8.0.0", fixed: "8.17.1", ids: "CVE-2024-37890" },
  { name: "form-data", from: "4.0.0", fixed: "4.0.4", ids: "CVE-2025-7783" },
  { name: "tar-fs", from: "2.0.0", fixed: "2.1.3", ids: "CVE-2025-48387" },
  { name: "tar-fs", from: "3.0.0", fixed: "3.0.9", ids: "CVE-2025-48387" },
];

// The versions published by the September 2025 npm account takeover (malware, not a bug): any of
// these in the lock file means a poisoned install.
const MALICIOUS: Record<string, string[]> = {
  debug: ["4.4.2"],
  chalk: ["5.6.1"],
  "ansi-styles": ["6.2.2"],
  "ansi-regex": ["6.2.1"],
  "strip-ansi": ["7.1.1"],
  "supports-color": ["10.2.1"],
  "wrap-ansi": ["9.0.1"],
  "color-convert": ["3.1.1"],
  "color-name": ["2.0.1"],
  "is-arrayish": ["0.3.3"],
  "slice-ansi": ["7.1.1"],
  "error-ex": ["1.3.3"],
  "simple-swizzle": ["0.2.3"],
  "chalk-template": ["1.1.1"],
  backslash: ["0.2.1"],
  "has-ansi": ["6.0.1"],
  "supports-hyperlinks": ["4.1.1"],
};

/** The copies of installed packages that an advisory covers. */
function vulnerable(packages: Installed[], advisories: Advisory[]): string[] {
  const found: string[] = [];
  for (const pkg of packages) {
    for (const a of advisories) {
      if (a.name === pkg.name && compare(pkg.version, a.from) >= 0 && compare(pkg.version, a.fixed) < 0) {
        found.push(`${pkg.path}@${pkg.version}${pkg.dev ? " (dev)" : ""} — ${a.ids}; fixed in ${a.fixed}`);
      }
    }
  }
  return found;
}

describe("dependencies (figure 17)", () => {
  const packages = installed();

  it("reads the lock file (version 3, hundreds of packages)", () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(packages.length).toBeGreaterThan(300);
    for (const name of [
      "@remix-run/node",
      "@remix-run/react",
      "@remix-run/express",
      "express",
      "cookie",
      "path-to-regexp",
      "body-parser",
      "send",
      "serve-static",
    ]) {
      expect(
        packages.some((p) => p.name === name),
        name,
      ).toBe(true);
    }
  });

  it("every @remix-run package of the framework is at 2.17.5 or later", () => {
    const remix = packages.filter((p) =>
      /^@remix-run\/(dev|express|fs-routes|node|react|route-config|serve|server-runtime|testing)$/.test(p.name),
    );
    expect(remix.length).toBeGreaterThanOrEqual(4);
    expect(remix.filter((p) => compare(p.version, "2.17.5") < 0).map((p) => `${p.path}@${p.version}`)).toEqual([]);
  });

  it("no installed copy is in a vulnerable range of the advisories checked", () => {
    expect(vulnerable(packages, ADVISORIES)).toEqual([]);
  });

  it("no version from the September 2025 npm malware is installed", () => {
    const bad = packages.filter((p) => MALICIOUS[p.name]?.includes(p.version)).map((p) => `${p.path}@${p.version}`);
    expect(bad).toEqual([]);
  });

  it("the check itself finds what it should (so a pass means something)", () => {
    const sample: Installed[] = [
      { path: "node_modules/express", name: "express", version: "4.19.2", dev: false },
      { path: "node_modules/express/node_modules/cookie", name: "cookie", version: "0.6.0", dev: false },
      { path: "node_modules/path-to-regexp", name: "path-to-regexp", version: "0.1.10", dev: false },
      { path: "node_modules/path-to-regexp", name: "path-to-regexp", version: "8.3.0", dev: false },
      { path: "node_modules/@remix-run/node", name: "@remix-run/node", version: "2.17.4", dev: false },
      // Fixed versions are not reported.
      { path: "node_modules/send", name: "send", version: "0.19.0", dev: false },
      { path: "node_modules/path-to-regexp", name: "path-to-regexp", version: "8.4.0", dev: false },
    ];
    const found = vulnerable(sample, ADVISORIES);
    expect(found).toHaveLength(5);
    expect(found[0]).toMatch(/^node_modules\/express@4\.19\.2 — .*fixed in 4\.21\.2$/);
    expect(compare("0.1.13", "0.1.12")).toBe(1);
    expect(compare("2.17.10", "2.17.5")).toBe(1);
  });
});
