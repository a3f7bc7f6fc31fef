import { describe, expect, it } from "vitest";
import { deferHydrationInHtml, deferModuleScript } from "~/lib/deferred-hydration.server";

// The tail of a document as Remix 2.17's <Scripts /> writes it (shortened manifest).
const NONCE = 'nonce="abc"';
const document = [
  `<!DOCTYPE html><html lang="en"><head><link rel="modulepreload" href="/assets/entry.client-1.js"/>`,
  `<link rel="modulepreload" href="/assets/components-2.js"/><link rel="stylesheet" href="/assets/app.css"/></head>`,
  `<body><h1>Ideas</h1><p>a &lt;b&gt; c</p>`,
  `<script ${NONCE}>window.__remixContext = {"a":1};</script>`,
  `<script ${NONCE} type="module" async="">;\nimport * as route0 from "/assets/root-3.js";\nimport * as route1 from "/assets/_index-4.js";\n`,
  `window.__remixManifest = {"url":"/assets/manifest-5.js"};\nwindow.__remixRouteModules = {"root":route0,"routes/_index":route1};\n\nimport("/assets/entry.client-1.js");</script>`,
  `<script ${NONCE}>window.__remixContext.streamController.close();</script></body></html>`,
].join("");

describe("deferred hydration", () => {
  it("turns the module script's static imports into imports after the first paint", () => {
    const body =
      ';\nimport * as route0 from "/a.js";\nimport * as route1 from "/b.js";\nwindow.__remixRouteModules = {"root":route0,"x":route1};\nimport("/entry.js");';
    const out = deferModuleScript(body);
    expect(out).not.toMatch(/^\s*import \*/m);
    expect(out).toContain('const [route0, route1] = await Promise.all([import("/a.js"), import("/b.js")]);');
    expect(out).toContain('window.__remixRouteModules = {"root":route0,"x":route1};');
    expect(out).toContain('link.rel = "modulepreload"');
    expect(out).toContain("requestAnimationFrame(() => setTimeout(qxHydrate, 0))");
    // It is still valid JavaScript (dynamic imports parse in a function body too).
    expect(() => new Function(out)).not.toThrow();
  });

  it("leaves a script it does not recognise alone", () => {
    const body = 'import { x } from "/a.js";\nx();';
    expect(deferModuleScript(body)).toBe(body);
    expect(deferModuleScript("console.log(1)")).toBe("console.log(1)");
  });

  it("rewrites a whole document: links deferred, imports moved, the rest untouched", () => {
    const whole = deferHydrationInHtml(document);
    expect(whole).not.toContain('rel="modulepreload"');
    expect(whole.match(/<link rel="x-deferred-modulepreload"/g)).toHaveLength(2);
    expect(whole).toContain('import("/assets/root-3.js")');
    expect(whole).not.toMatch(/^\s*import \*/m);
    expect(whole).toContain("<p>a &lt;b&gt; c</p>");
    expect(whole).toContain('<script nonce="abc">window.__remixContext = {"a":1};</script>');
    expect(whole).toContain("window.__remixContext.streamController.close();");
    expect(whole).toContain('<link rel="stylesheet" href="/assets/app.css"/>');
  });

  it("leaves a document without module scripts or preloads as it is", () => {
    const html = "<!DOCTYPE html><html><body><p>café – 中文 🎉</p><script>x()</script></body></html>";
    expect(deferHydrationInHtml(html)).toBe(html);
  });
});
