import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";
import { XSS_PAYLOADS, type XssPayload } from "../support/xss-payloads";
import { renderMarkdown } from "../../app/lib/markdown.server";

// Issue 11, figure 6. Every payload of the corpus is written through the product (real form posts
// with signed-in sessions) into every kind of text field, and every page that shows it is loaded
// in Chromium twice: once as served (with the Content-Security-Policy) and once with the CSP header
// stripped, so that the sanitiser and React's escaping are proven on their own. A hook installed
// before any page script (window.__xss, alert/confirm/prompt, dialogs) records any execution; the
// loaded DOM is also searched for what would run on a click or a hover (on* attributes,
// javascript:/vbscript:/data:text/html URLs, injected scripts, frames and objects).
//
// Markdown fields take several payloads per record (a comment is limited to ten a minute, and every
// write counts against the per-address write limit), each followed by a sentinel word: a missing
// sentinel would mean a payload swallowed its neighbours, and fails the test. Short plain-text
// fields (names, titles) take one payload per write.

const ROUND = "/rounds/2027";
const TEAM = "aisha.begum@demo.q-exchange.org";
const PROJECT = "/rounds/2026/ideas/tea-and-talk-for-carers-in-hospital";
/** Text as a page shows it: runs of white space are one space. */
const norm = (text: string) => text.replace(/\s+/g, " ").trim();
const sentinel = (p: XssPayload) => `xsssentinel${p.id}q`;

type Mode = "csp" | "no-csp";
type Viewer = { mode: Mode; context: BrowserContext; page: Page; renders: number };
type Finding = { mode: Mode; url: string; what: string };

const findings: Finding[] = [];
const blockedByCsp: string[] = [];

async function viewer(browser: Browser, baseURL: string, mode: Mode): Promise<Viewer> {
  const context = await browser.newContext({ baseURL });
  await context.exposeBinding("__xssReport", ({ page }, id: unknown) => {
    findings.push({ mode, url: page.url(), what: `executed ${String(id)}` });
  });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xssReport: (id: string) => void };
    w.__xss = (id: unknown) => w.__xssReport(String(id));
    for (const name of ["alert", "confirm", "prompt", "print"])
      w[name] = (m: unknown) => w.__xssReport(`${name}(${String(m)})`);
  });
  if (mode === "no-csp") {
    await context.route("**/*", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["content-security-policy-report-only"];
      await route.fulfill({ response, headers });
    });
  }
  const page = await context.newPage();
  page.on("dialog", async (dialog) => {
    findings.push({ mode, url: page.url(), what: `dialog ${dialog.type()}: ${dialog.message()}` });
    await dialog.dismiss().catch(() => {});
  });
  page.on("console", (message) => {
    // A CSP refusal means something tried to run: the sanitiser let it through and only the CSP stopped it.
    if (/Content Security Policy/.test(message.text()) && /Refused to (execute|load|run)/.test(message.text()))
      blockedByCsp.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => findings.push({ mode, url: page.url(), what: `page error: ${error.message}` }));
  return { mode, context, page, renders: 0 };
}

/** What in the loaded DOM would run on a click, hover or focus, or is script that is not the page's own. */
function liveDangers(): string[] {
  const bad: string[] = [];
  const urlAttributes = new Set([
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcset",
    "content",
  ]);
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`<${el.localName} ${name}>`);
      if (name === "srcdoc") bad.push(`<${el.localName} srcdoc>`);
      if (urlAttributes.has(name)) {
        // eslint-disable-next-line no-control-regex -- browsers ignore these in a URL's scheme
        const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (/(^|url=)(javascript|vbscript|livescript):|^data:(text\/html|image\/svg|application)/.test(value))
          bad.push(`<${el.localName} ${name}="${attr.value.slice(0, 60)}">`);
      }
      if (name === "style" && /expression\(|javascript:/i.test(attr.value))
        bad.push(`<${el.localName} style="${attr.value.slice(0, 60)}">`);
    }
    const tag = el.localName;
    if (tag === "script" && !el.hasAttribute("nonce"))
      bad.push(`<script> without the page's nonce: ${(el.textContent ?? "").slice(0, 60)}`);
    if (["iframe", "frame", "frameset", "embed", "object", "base", "applet"].includes(tag)) bad.push(`<${tag}>`);
    if (tag === "meta" && /refresh/i.test(el.getAttribute("http-equiv") ?? "")) bad.push("<meta http-equiv=refresh>");
  }
  return bad;
}

class Renderer {
  readonly viewers: Viewer[];
  /** payload × field renders, per mode. */
  readonly counted = { csp: 0, "no-csp": 0 };
  private readonly byField = new Map<string, number>();
  constructor(viewers: Viewer[]) {
    this.viewers = viewers;
  }

  count(shown: { payload: XssPayload; field: string }[]) {
    for (const v of this.viewers) this.counted[v.mode] += shown.length;
    for (const s of shown) this.byField.set(s.field, (this.byField.get(s.field) ?? 0) + 1);
  }

  fields(field: string): number {
    return this.byField.get(field) ?? 0;
  }

  summary(): string {
    return [...this.byField].map(([field, n]) => `${field} ${n}`).join(", ");
  }

  /** Loads `url` in every viewer, checks it, and answers its text; `shown` are the payloads (and fields) it renders. */
  async render(url: string, shown: { payload: XssPayload; field: string; sentinel?: boolean }[]): Promise<string> {
    const texts = await Promise.all(this.viewers.map((v) => this.check(v, url, shown)));
    this.count(shown);
    return texts[0];
  }

  private async check(
    v: Viewer,
    url: string,
    shown: { payload: XssPayload; field: string; sentinel?: boolean }[],
  ): Promise<string> {
    {
      const response = await v.page.goto(url, { waitUntil: "load" });
      expect(response?.status() ?? 0, url).toBeLessThan(500);
      // Hover and focus every element that user content could have put a handler on.
      await v.page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll("main *"))) {
          for (const type of ["mouseover", "mouseenter", "focus", "focusin", "animationstart"])
            el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      });
      for (const what of await v.page.evaluate(liveDangers)) findings.push({ mode: v.mode, url, what });
      const text = norm(await v.page.evaluate(() => document.body.innerText));
      for (const s of shown) {
        if (s.sentinel)
          expect
            .soft(text, `sentinel after payload ${s.payload.id} in ${s.field} at ${url}`)
            .toContain(sentinel(s.payload));
      }
      return text;
    }
  }
}

async function signedInContext(browser: Browser, baseURL: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post("/sign-in", {
    form: { email, password: DEMO_PASSWORD, redirectTo: "/" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), `sign in ${email}`).toBe(303);
  return context;
}

/** A form post as the browser would make it; answers the Location of the redirect, retrying once after a 429. */
async function submit(
  request: APIRequestContext,
  baseURL: string,
  url: string,
  form: Record<string, string>,
): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await request.post(url, { form, headers: { Origin: baseURL }, maxRedirects: 0 });
    if (response.status() === 429) {
      await new Promise((resolve) =>
        setTimeout(resolve, (Number(response.headers()["retry-after"] ?? "5") + 1) * 1000),
      );
      continue;
    }
    expect(
      [302, 303],
      `${url} ${JSON.stringify(form).slice(0, 200)} -> ${response.status()}: ${(await response.text()).slice(0, 300)}`,
    ).toContain(response.status());
    return response.headers()["location"] ?? "";
  }
  throw new Error(`${url}: still limited`);
}

/**
 * Markdown batches of payloads, each followed by its sentinel. A payload that the sanitiser rightly
 * swallows to the end of the text (an unclosed <style>, say: its content is dropped) would hide
 * the payloads after it, so each batch holds at most one such payload, last.
 */
function batches(profile: "full" | "comment", maxPerBatch: number): XssPayload[][] {
  const swallows = (p: XssPayload) => !renderMarkdown(`${p.payload}\n\n${sentinel(p)}`, profile).includes(sentinel(p));
  const swallowers = XSS_PAYLOADS.filter(swallows);
  const normal = XSS_PAYLOADS.filter((p) => !swallows(p));
  const count = Math.max(swallowers.length, Math.ceil(normal.length / maxPerBatch));
  const out: XssPayload[][] = Array.from({ length: count }, () => []);
  normal.forEach((p, i) => out[i % count].push(p));
  swallowers.forEach((p, i) => out[i].push(p));
  return out;
}
const markdownOf = (batch: XssPayload[]) => batch.map((p) => `${p.payload}\n\n${sentinel(p)}`).join("\n\n");
/** Sentinels that must be on the page: all but that of a batch's last payload when it swallows. */
const mustShow = (batch: XssPayload[], profile: "full" | "comment") =>
  batch.map((p) => ({
    payload: p,
    sentinel: renderMarkdown(`${p.payload}\n\n${sentinel(p)}`, profile).includes(sentinel(p)),
  }));

/** Payloads packed, space-separated, into values of at most `max` characters (longer ones are left out). */
function packed(max: number): XssPayload[][] {
  const out: XssPayload[][] = [];
  let current: XssPayload[] = [];
  for (const p of XSS_PAYLOADS.filter((p) => p.payload.trim().length <= max)) {
    if (current.length > 0 && joined([...current, p]).length > max) {
      out.push(current);
      current = [];
    }
    current.push(p);
  }
  if (current.length > 0) out.push(current);
  return out;
}
const joined = (batch: XssPayload[]) => batch.map((p) => p.payload.trim()).join(" ");
/** The payloads whose whole text the page shows (as text, so not as markup). */
const shownIn = (text: string, batch: XssPayload[], field: string) =>
  batch.filter((p) => text.includes(norm(p.payload))).map((p) => ({ payload: p, field }));

test("every XSS payload in every text field is neutralised, with and without the CSP (issue 11, figure 6)", async ({
  browser,
  baseURL: base,
}) => {
  test.setTimeout(20 * 60_000);
  const baseURL = String(base);
  const started = Date.now();
  const lap = (label: string) => console.log(`${label}: ${Math.round((Date.now() - started) / 1000)} s`);
  const renderer = new Renderer([await viewer(browser, baseURL, "no-csp"), await viewer(browser, baseURL, "csp")]);

  const member = await signedInContext(browser, baseURL, DEMO.member);
  const commenter = await signedInContext(browser, baseURL, DEMO.account);
  const team = await signedInContext(browser, baseURL, TEAM);
  const memberPage = await member.newPage();
  await memberPage.goto(`${ROUND}/ideas/new`);
  const categoryId = await memberPage.locator('input[name="categoryId"]').first().getAttribute("value");
  expect(categoryId).toBeTruthy();

  // 1. Ideas: one per payload, the payload in the title (when it fits) and the summary; the
  // challenge (markdown) of the first few holds the payloads in batches.
  const challengeBatches = batches("full", 25);
  const ideaPaths: string[] = [];
  const write = async (p: XssPayload, i: number) => {
    const location = await submit(member.request, baseURL, `${ROUND}/ideas/new`, {
      intent: "publish",
      title: p.payload.length <= 110 ? `${p.payload} ${p.id}` : `XSS payload ${p.id}`,
      summary: p.payload,
      categoryId: categoryId!,
      challengeMd: i < challengeBatches.length ? markdownOf(challengeBatches[i]) : `Security check ${p.id}.`,
    });
    ideaPaths[i] = new URL(location, baseURL).pathname;
  };
  for (let i = 0; i < XSS_PAYLOADS.length; i += 4)
    await Promise.all(XSS_PAYLOADS.slice(i, i + 4).map((p, j) => write(p, i + j)));
  lap("ideas written");
  for (const [i, batch] of challengeBatches.entries()) {
    await renderer.render(
      ideaPaths[i],
      mustShow(batch, "full").map((s) => ({ ...s, field: "idea challenge (markdown)" })),
    );
  }
  // The public list, newest first, twenty to a page: every title and summary.
  const pages = Math.ceil(XSS_PAYLOADS.length / 20) + 1;
  for (let n = 1; n <= pages; n++) {
    const text = await renderer.render(`${ROUND}/ideas?page=${n}`, []);
    const shown = XSS_PAYLOADS.filter((p) => text.includes(norm(p.payload)));
    for (const p of shown)
      renderer.count([
        { payload: p, field: "idea summary" },
        ...(p.payload.length <= 110 ? [{ payload: p, field: "idea title" }] : []),
      ]);
  }
  expect(renderer.fields("idea summary"), "every summary listed").toBe(XSS_PAYLOADS.length);
  lap("ideas rendered");

  // 2. Comments (markdown, the comment profile) on the first idea, batched, by two people (each
  // may post ten a minute).
  const discussed = ideaPaths[0];
  const commentBatches = batches("comment", 20);
  for (const [i, batch] of commentBatches.entries()) {
    await submit((i % 2 ? member : commenter).request, baseURL, `${discussed}?index`, {
      intent: "comment",
      body: markdownOf(batch),
    });
  }
  await renderer.render(
    discussed,
    commentBatches.flatMap((batch) => mustShow(batch, "comment").map((s) => ({ ...s, field: "comment (markdown)" }))),
  );
  lap("comments");

  // 3. A project update's body and outcomes (markdown) by the demo team, batched.
  const updateBatches = batches("full", 25);
  for (const batch of updateBatches) {
    const location = await submit(team.request, baseURL, `${PROJECT}/updates/new`, {
      intent: "publish",
      kind: "update",
      title: `Security check ${batch[0].id}`,
      bodyMd: markdownOf(batch),
    });
    await renderer.render(
      new URL(location, baseURL).pathname,
      mustShow(batch, "full").map((s) => ({ ...s, field: "update body (markdown)" })),
    );
  }
  lap("updates");

  // 4. Display name and organisation on the member's profile page. Plain text has no markup to
  // swallow its neighbours, so each field takes as many payloads as its length limit allows.
  await memberPage.goto(ideaPaths[ideaPaths.length - 1]);
  const profile = await memberPage.locator('main a[href^="/people/"]').first().getAttribute("href");
  expect(profile).toBeTruthy();
  await memberPage.goto("/me");
  const original = {
    name: await memberPage.getByLabel("Full name").inputValue(),
    organisation: await memberPage.getByLabel("Organisation").inputValue(),
  };
  const names = packed(100);
  const organisations = packed(150);
  try {
    for (let i = 0; i < Math.max(names.length, organisations.length); i++) {
      const name = names[i] ?? [];
      const organisation = organisations[i] ?? [];
      await submit(member.request, baseURL, "/me?index", {
        intent: "profile",
        name: joined(name) || "Tom Okafor",
        organisation: joined(organisation) || "Leeds",
        jobTitle: "",
      });
      const text = await renderer.render(profile!, []);
      renderer.count(shownIn(text, name, "display name"));
      renderer.count(shownIn(text, organisation, "organisation"));
    }
  } finally {
    await submit(member.request, baseURL, "/me?index", { intent: "profile", ...original, jobTitle: "" });
  }
  lap("names");

  // 5. Search terms and other URL parameters reflected in pages.
  for (const batch of packed(200)) {
    const q = encodeURIComponent(joined(batch));
    await renderer.render(`${ROUND}/ideas?q=${q}&category=${q}&sort=${q}`, []);
    // The search words come back in the search field (a value, never markup).
    const value = await renderer.viewers[0].page.locator('input[name="q"]').inputValue();
    renderer.count(
      batch.filter((p) => value.includes(p.payload.trim())).map((p) => ({ payload: p, field: "ideas search q" })),
    );
  }
  for (const batch of packed(1_900)) {
    // The sign-in page carries redirectTo in a hidden field: it must stay a value, never markup.
    const text = await renderer.render(`/sign-in?redirectTo=${encodeURIComponent(joined(batch))}`, []);
    expect(text).not.toContain("__xss");
    const value = await renderer.viewers[0].page.locator('input[name="redirectTo"]').inputValue();
    renderer.count(
      batch.filter((p) => value.includes(p.payload)).map((p) => ({ payload: p, field: "sign-in redirectTo" })),
    );
  }
  lap("URL parameters");

  const report =
    `${renderer.counted["no-csp"] - countOf("no-csp")}/${renderer.counted["no-csp"]} neutralised with CSP off; ` +
    `${renderer.counted.csp - countOf("csp")}/${renderer.counted.csp} with CSP (${XSS_PAYLOADS.length} payloads; ${renderer.summary()})`;
  console.log(report);
  expect(
    findings.map((f) => `[${f.mode}] ${f.url.slice(0, 120)}: ${f.what}`),
    report,
  ).toEqual([]);
  expect(blockedByCsp, "the CSP had to stop something the sanitiser let through").toEqual([]);
  for (const c of [member, commenter, team, ...renderer.viewers.map((v) => v.context)]) await c.close();
});

function countOf(mode: Mode): number {
  return findings.filter((f) => f.mode === mode).length;
}
