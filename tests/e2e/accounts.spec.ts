import { DEMO, expect, linkIn, readLatestEmail, signIn, signInThroughForm, test, uniqueEmail } from "./fixtures";

test.describe("accounts @no-js", () => {
  test("register, confirm the email from the outbox, sign in and sign out", async ({ page, browser, checkA11y }) => {
    const email = uniqueEmail("newcomer");
    await page.goto("/");
    await checkA11y();
    // From the header, whatever the home page's "what's on now" offers at this moment.
    await page.getByRole("banner").getByRole("link", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
    await checkA11y();

    // A bad form keeps what was typed and says what is wrong at each field.
    await page.getByLabel("Full name").fill("Grace Hopper");
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByLabel("Organisation", { exact: true }).fill("Bristol Health Partners");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.getByRole("link", { name: /correct format/ })).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Grace Hopper");
    await expect(page.getByLabel("Organisation", { exact: true })).toHaveValue("Bristol Health Partners");
    await checkA11y();

    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("a sensible passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await checkA11y();

    const body = await readLatestEmail(browser, email, /Confirm your email/);
    await page.goto(linkIn(body, "/verify"));
    await checkA11y();
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByText(/Your email address is confirmed/)).toBeVisible();

    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("a sensible passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.goto("/me");
    await expect(page.getByText(email)).toBeVisible();
    await checkA11y();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/me");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fme/);
  });

  test("a wrong password shows the error at the field and keeps the email", async ({ page, checkA11y }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(DEMO.member);
    await page.getByLabel("Password", { exact: true }).fill("not the right one");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".field__error")).toContainText("Enter the email address and password for your account");
    await expect(page.getByLabel("Email address")).toHaveValue(DEMO.member);
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await checkA11y();
  });

  test("reset a forgotten password", async ({ page, browser, checkA11y }) => {
    const email = uniqueEmail("forgetful");
    await page.goto("/join");
    await page.getByLabel("Full name").fill("Florence Nightingale");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("first good passphrase");
    await page.getByLabel("Organisation", { exact: true }).fill("Scutari");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    await page.goto("/forgot-password");
    await checkA11y();
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const body = await readLatestEmail(browser, email, /Reset your/);
    await page.goto(linkIn(body, "/reset-password"));
    await checkA11y();
    await page.getByLabel("New password").fill("second good passphrase");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page.getByText(/Your password has been changed/)).toBeVisible();
    // Resetting by email proves the address, so signing in works straight away.
    await signInThroughForm(page, email, "second good passphrase");
  });
});

test("an admin approves a membership request", async ({ page, checkA11y }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin");
  await checkA11y();
  await page.getByRole("link", { name: "Membership requests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Membership" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Approve Marcus Reid" }).click();
  await expect(page.getByText("Marcus Reid is now a member.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve Marcus Reid" })).toHaveCount(0);
  await page.goto("/admin/outbox");
  await expect(
    page.getByRole("row").filter({ hasText: DEMO.applicant }).filter({ hasText: "You are now a Q Exchange member" }),
  ).toBeVisible();
  await checkA11y();
});
