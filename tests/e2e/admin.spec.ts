import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, linkIn, readLatestEmail, signIn, signInThroughForm, test, uniqueEmail } from "./fixtures";

const PASSWORD = "a sensible passphrase";

/** Registers a new account (optionally asking for membership) and confirms its email from the outbox. */
async function registerConfirmed(page: Page, browser: Browser, name: string, email: string, apply: boolean) {
  await page.goto("/join");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organisation", { exact: true }).fill("Riverside Community Trust");
  if (apply) await page.getByLabel("Apply to be a member").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const body = await readLatestEmail(browser, email, /Confirm your email/);
  await page.goto(linkIn(body, "/verify"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(/Your email address is confirmed/)).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
}

test.describe("admin @no-js", () => {
  test("an admin sees what needs attention, approves a pending member from the people page, and filters the audit log", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const email = uniqueEmail("applicant");
    const name = `Priya Pending ${Date.now().toString(36)}`;
    await registerConfirmed(page, browser, name, email, true);

    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Rounds, newest first" })).toBeVisible();
    await checkA11y();

    await page.getByRole("link", { name: "People" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await page.getByLabel("Membership").selectOption("pending");
    await page.getByRole("button", { name: "Show people" }).click();
    await expect(page).toHaveURL(/membership=pending/);
    await expect(page.getByRole("link", { name })).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await checkA11y();

    // Declining needs the confirmation box: without it, the error is at the field and nothing changes.
    await page.getByRole("button", { name: "Decline membership" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.locator(".field__error")).toContainText("Tick the box to confirm");
    await checkA11y();
    await page.getByRole("button", { name: "Approve membership" }).click();
    await expect(page.getByText(`${name} is now a member.`)).toBeVisible();
    await expect(page.getByText("Member;")).toBeVisible();

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await checkA11y();
    await page.getByLabel("Action").selectOption("membership.approved");
    await page.getByLabel("Who").fill("admin@demo");
    await page.getByRole("button", { name: "Show entries" }).click();
    await expect(page).toHaveURL(/action=membership\.approved/);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.first()).toContainText("Approved membership");
    await expect(page.getByRole("row").filter({ hasText: "Suspended an account" })).toHaveCount(0);
    await checkA11y();
  });

  test("an admin suspends a person, who is signed out and told why at sign-in, then restores them", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const email = uniqueEmail("suspended");
    const name = `Sam Suspended ${Date.now().toString(36)}`;
    await registerConfirmed(page, browser, name, email, false);
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signIn(theirPage, email, PASSWORD);

    await signIn(page, DEMO.admin);
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name }).click();
    await page.getByLabel("Reason for the suspension").fill("Repeated personal attacks in comments");
    await page.getByLabel(`Yes, suspend ${name} and sign them out`).check();
    await page.getByRole("button", { name: "Suspend account" }).click();
    await expect(page.getByText(`${name} is suspended and has been signed out everywhere.`)).toBeVisible();
    await checkA11y();

    // Their session has ended; signing in says why and whom to write to.
    await theirPage.goto("/me");
    await expect(theirPage).toHaveURL(/\/sign-in/);
    await theirPage.getByLabel("Email address").fill(email);
    await theirPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await theirPage.getByRole("button", { name: "Sign in" }).click();
    await expect(theirPage.locator(".field__error")).toContainText(
      "This account is suspended. Reason: Repeated personal attacks in comments.",
    );
    await expect(theirPage.locator(".field__error")).toContainText(
      /if you think this is a mistake, (write to|contact) the (Q Exchange )?programme team/,
    );
    await checkA11y(theirPage);

    await page.getByRole("button", { name: "Restore account" }).click();
    await expect(page.getByText(`${name} can sign in again.`)).toBeVisible();
    await signIn(theirPage, email, PASSWORD);
    await theirs.close();

    await page.goto(`/admin/audit?actor=admin%40demo&action=user.suspended`);
    await expect(page.getByRole("row").filter({ hasText: name }).first()).toContainText(
      "Repeated personal attacks in comments",
    );
  });
});

test.describe("privacy @no-js", () => {
  test("a member downloads their data and deletes their account; their email can register again", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const email = uniqueEmail("leaver");
    const name = `Lee Leaver ${Date.now().toString(36)}`;
    await registerConfirmed(page, browser, name, email, false);
    await signIn(page, email, PASSWORD);
    await page.goto("/me");
    await page.getByRole("link", { name: "Download your data or delete your account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
    await checkA11y();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download your data" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^q-exchange-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(data.profile).toMatchObject({ email, name });

    await page.getByLabel("To confirm, type your email address or your password").fill("wrong@example.org");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.locator(".field__error")).toContainText(
      "Enter your account's email address or your password to confirm",
    );
    await checkA11y();
    await page.getByLabel("To confirm, type your email address or your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(
      page.getByRole("heading", {
        level: 1,
        name: "Your account has been deleted",
      }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await checkA11y();

    await registerConfirmed(page, browser, name, email, false);
    await signInThroughForm(page, email, PASSWORD);
    await signOut(page);
  });
});
