import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The recount runs in a browser and in a stranger's terminal: everything it imports, however
// deep, must be pure (no server-only file, no node: module, no database, no environment).
const root = resolve(__dirname, "../..");

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)].map((m) => m[1]);
}

function resolveImport(from: string, spec: string): string | null {
  if (spec.startsWith("~/")) return join(root, "app", `${spec.slice(2)}.ts`);
  if (spec.startsWith(".")) return `${resolve(dirname(from), spec)}.ts`;
  return null; // a package
}

describe("the shared recount is browser-safe", () => {
  it("recount-files.ts and everything it imports use no server-only file, node: module, database or env", () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        const next = resolveImport(file, spec);
        if (next) walk(next);
        else packages.add(spec);
      }
    };
    walk(join(root, "app/modules/voting/recount-files.ts"));
    const files = [...seen].map((f) => f.slice(root.length + 1)).sort();
    expect(files).toEqual([
      "app/lib/canonical-json.ts",
      "app/lib/money.ts",
      "app/modules/voting/funding.ts",
      "app/modules/voting/ledger-export.ts",
      "app/modules/voting/ledger.ts",
      "app/modules/voting/recount-files.ts",
    ]);
    expect(files.filter((f) => f.includes(".server"))).toEqual([]);
    expect([...packages]).toEqual([]);
  });
});
