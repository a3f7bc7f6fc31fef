import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, Page } from "@playwright/test";
import { expect, linkIn, readLatestEmail, test, uniqueEmail } from "./fixtures";

const PASSWORD = "a sensible passphrase";

/** The code an authenticator app would show `steps` periods from now. */
function codeFor(key: string, steps = 0): string {
  const step = Math.floor(Date.now() / 30_000) + steps;
  return generateHOTP(decodeBase32IgnorePadding(key.replace(/\s/g, "")), BigInt(step), 6);
}

async function registerAndSignIn(page: Page, browser: Browser, email: string) {
  await page.goto("/join");
  await page.getByLabel("Full name").fill("Katherine Johnson");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organisation", { exact: true }).fill("Leeds Teaching Hospitals");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(linkIn(await readLatestEmail(browser, email, /Confirm your email/), "/verify"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await signInWithPassword(page, email);
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("two-step sign-in @no-js", () => {
  test("a person turns it on, then signs in with a code from the app and with a recovery code", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const email = uniqueEmail("two-step");
    await registerAndSignIn(page, browser, email);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/me");
    await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
    await checkA11y();
    await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
    await expect(page.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible();
    const key = (await page.locator(".secret").textContent())!;
    await checkA11y();

    // A wrong code is explained at the field.
    await page.getByLabel("Code from your app").fill("000000");
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.locator(".field__error")).toContainText("That code is not right");
    // The right code without the password turns nothing on: the password is asked for at its field.
    await page.getByLabel("Code from your app").fill(codeFor(key));
    await page.getByLabel("Your password").fill("");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.locator(".field__error")).toContainText("Enter your current password");
    await page.getByLabel("Code from your app").fill(codeFor(key));
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.getByRole("heading", { name: /Two-step sign-in is on: save your recovery codes/ })).toBeVisible();
    const recovery = await page.locator(".recovery-codes code").allTextContents();
    expect(recovery).toHaveLength(10);
    await checkA11y();

    await page.getByRole("button", { name: "Sign out" }).click();
    await signInWithPassword(page, email);
    await expect(page.getByRole("heading", { level: 1, name: "Enter your sign-in code" })).toBeVisible();
    await checkA11y();
    // Half signed in is not signed in.
    await page.goto("/me");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/sign-in/two-factor");
    await page.getByLabel("Code from your app").fill(codeFor(key, 1));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await signInWithPassword(page, email);
    await page.getByText("Lost your phone? Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(recovery[0]);
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page.getByText(/signed in with a recovery code/)).toBeVisible();
    await page.goto("/me/security");
    await expect(page.getByText("You have 9 unused recovery codes.")).toBeVisible();
  });
});
