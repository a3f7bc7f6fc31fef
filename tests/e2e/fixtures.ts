import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

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

// Every test fails on a console error or an uncaught page error, and gets an accessibility check.
export const test = base.extend<{ consoleErrors: string[]; checkA11y: (page?: Page) => Promise<void> }>({
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
      const results = await new AxeBuilder({ page: target })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `accessibility violations on ${target.url()}`,
      ).toEqual([]);
    });
  },
});

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
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
