import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, actionInWords, detailPairs } from "~/modules/audit/actions";

/** Every literal audit action written anywhere in app/ (`action: "x.y"`, and the `audit(…, "x.y", …)` helper). */
function actionsInSource(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(file, "utf8");
        for (const m of text.matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) found.add(m[1]);
        for (const m of text.matchAll(/audit\(actor, [^,]+, "([a-z_]+\.[a-z_.]+)"/g)) found.add(m[1]);
      }
    }
  };
  walk(path.resolve(__dirname, "../../app"));
  return [...found].sort();
}

describe("audit actions in words", () => {
  it("every action the app records has words on the audit log page", () => {
    const actions = actionsInSource();
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => !(a in AUDIT_ACTIONS))).toEqual([]);
  });

  it("an action added later without words is still shown, readably", () => {
    expect(actionInWords("future.thing_done")).toBe("Future thing done");
    expect(actionInWords("membership.approved")).toBe("Approved membership");
  });

  it("details become readable pairs, empty ones left out, nested values as JSON", () => {
    expect(detailPairs({ reason: "Spam", frozenSettingsHash: "abc", note: null, ideas: [{ ideaId: "1" }] })).toEqual([
      ["reason", "Spam"],
      ["frozen settings hash", "abc"],
      ["ideas", '[{"ideaId":"1"}]'],
    ]);
  });
});
