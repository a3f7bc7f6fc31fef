import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The stylesheet is written without CSS nesting. A lost closing brace is not a syntax error in
// today's browsers (they read what follows as nested rules), so it silently switches off every
// later rule: this test finds one where it happens.
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  const stack: Array<{ kind: "at" | "keyframes" | "style"; line: number }> = [];
  const problems: string[] = [];
  let selector = "";
  let line = 1;
  for (const ch of text) {
    if (ch === "\n") line++;
    if (ch === "{") {
      const head = selector.trim();
      const parent = stack[stack.length - 1];
      const kind = head.startsWith("@keyframes") ? "keyframes" : head.startsWith("@") ? "at" : "style";
      if (kind === "style" && parent?.kind === "style")
        problems.push(`line ${line}: "${head.split("\n").pop()}" is nested in the rule opened on line ${parent.line}`);
      stack.push({ kind: parent?.kind === "keyframes" ? "at" : kind, line });
      selector = "";
    } else if (ch === "}") {
      stack.pop();
      selector = "";
    } else if (ch === ";") {
      selector = "";
    } else {
      selector += ch;
    }
  }
  if (stack.length > 0)
    problems.push(`${stack.length} block(s) never closed, the first opened on line ${stack[0].line}`);
  return problems;
}

describe("app.css", () => {
  it("has every rule closed and none nested in another", () => {
    expect(nestedRules(readFileSync("app/styles/app.css", "utf8"))).toEqual([]);
  });

  it("the check finds a lost brace", () => {
    expect(nestedRules(".a {\n  color: red;\n\n.b {\n  color: blue;\n}\n")).toHaveLength(2);
  });
});
