import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { pageKindOf } from "./page-kinds";
import { LOG_DIR, TEMPLATE_ENV, startWorkerServer, type RunningServer, type Template } from "./servers";

export { expect };

export const DEMO_PASSWORD = "q-exchange-demo-2027";
export const DEMO = {
  admin: "admin@demo.q-exchange.org",
  member: "member@demo.q-exchange.org",
  account: "account@demo.q-exchange.org",
  applicant: "applicant@demo.q-exchange.org",
} as const;

/** A fresh address per test run, so tests never collide with each other's accounts. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** This worker's server (one per worker process). */
let serverUrl = "";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * axe checks each kind of page once per run (the route, whether an error summary is shown, and
 * the header the viewer gets), in whichever worker meets it first: a marker file per kind in a
 * folder the whole run shares. AXE_EVERY_VISIT=1 checks every visit, as before.
 */
function firstVisitOfKind(kind: string): boolean {
  if (process.env.AXE_EVERY_VISIT === "1") return true;
  const dir = process.env.QX_AXE_SEEN;
  if (!dir) return true;
  try {
    const marker = path.join(dir, crypto.createHash("sha256").update(kind).digest("hex").slice(0, 32));
    fs.writeFileSync(marker, `${kind}\n`, { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

// Each worker has its own server on its own copy of the seeded demo database (servers.ts): tests
// in different workers never see each other's writes. Every test fails on a console error or an
// uncaught page error, and gets an accessibility check.
export const test = base.extend<
  { consoleErrors: string[]; checkA11y: (page?: Page) => Promise<void> },
  { testServer: RunningServer }
>({
  testServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use, workerInfo) => {
      const template = JSON.parse(process.env[TEMPLATE_ENV] ?? "null") as Template | null;
      if (!template) throw new Error("No seeded template: run the browser tests through playwright.config.ts.");
      const server = await startWorkerServer(template, workerInfo.workerIndex, LOG_DIR);
      serverUrl = server.url;
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ testServer }, use) => {
    await use(testServer.url);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        // Chromium logs every 4xx fetch; a form answered with 400 at its fields is expected.
        const expected4xx = /^Failed to load resource: the server responded with a status of 4\d\d/.test(
          message.text(),
        );
        if (message.type() === "error" && !expected4xx) errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
  checkA11y: async ({ page, javaScriptEnabled }, use) => {
    await use(async (target = page) => {
      // axe runs as a script in the page, which a browser with JavaScript off cannot do; the
      // JavaScript-on project visits the same server-rendered pages and checks them.
      if (!javaScriptEnabled) return;
      const facts = await target.evaluate(() => ({
        errors: document.querySelector(".error-summary") !== null,
        header: document.querySelectorAll("header a, header button").length,
      }));
      const kind = `${pageKindOf(new URL(target.url()).pathname)} errors=${facts.errors} header=${facts.header}`;
      if (!firstVisitOfKind(kind)) return;
      const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `accessibility violations on ${target.url()}`,
      ).toEqual([]);
    });
  },
});

/**
 * Signs in as a demo account the way the sign-in form does (a POST with the browser's cookies),
 * without driving the form: the form itself is walked in accounts.spec.ts (signInThroughForm).
 * The page is left where it was; the next navigation is signed in.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const origin = serverUrl;
  const response = await page.context().request.post(`${origin}/sign-in`, {
    form: { email, password, redirectTo: "/" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(response.status(), `signing in ${email}: ${await response.text().catch(() => "")}`).toBe(303);
  // The flash "You are signed in." is read as the form's redirect would read it, so the next page does not show it.
  await page.context().request.get(`${origin}/`);
}

/** Signs in through the form, as a person would. */
export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Reads the newest email to `to` in the admin outbox, as the programme team would, and returns its text. */
export async function readLatestEmail(browser: Browser, to: string, subject: RegExp): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  const body = (await page.locator(".email-body").textContent()) ?? "";
  await context.close();
  return body;
}

export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/\//g, "\\/")}[^\\s]*`));
  if (!match) throw new Error(`No ${path} link in:\n${text}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}
