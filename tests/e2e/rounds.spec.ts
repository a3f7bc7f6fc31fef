import { DEMO, expect, signIn, test } from "./fixtures";

/** "YYYY-MM-DDTHH:MM" for a datetime-local input, `days` from now at `hour`:00 (read as London time). */
function inDays(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

test.describe("rounds @no-js", () => {
  test("an admin creates a round with two categories, schedules it and opens it; a visitor sees it", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const slug = `e2e-${Date.now().toString(36)}`;
    const title = `Round ${slug}`;
    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("main").getByRole("link", { name: "Funding rounds" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Funding rounds" })).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Create a round" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create a round" })).toBeVisible();
    await checkA11y();

    await page.getByLabel("Short name").fill(slug);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Theme").fill("Ideas that bring **care closer to home**.");
    const first = page.getByRole("group", { name: "Category 1" });
    await first.getByLabel("Name").fill("Long-term conditions");
    // The add button works without JavaScript: the server shows the form again, as typed.
    await page.getByRole("button", { name: "Add a category" }).click();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await page.getByRole("group", { name: "Category 2" }).getByLabel("Name").fill("Working with communities");

    // A mistake is shown at its field, with everything else kept.
    await page.getByLabel("Pot, in pounds").fill("lots");
    await page.getByRole("button", { name: "Create round" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Enter an amount in pounds/ })).toBeVisible();
    await expect(page.getByRole("group", { name: "Category 2" }).getByLabel("Name")).toHaveValue(
      "Working with communities",
    );
    await checkA11y();

    await page.getByLabel("Pot, in pounds").fill("500,000");
    await page.getByLabel("Ideas open (London time)").fill(inDays(1, 9));
    await page.getByLabel("Ideas close and proposals open (London time)").fill(inDays(22, 17));
    await page.getByLabel("Proposals are due and shortlisting starts (London time)").fill(inDays(50, 17));
    await page.getByLabel("Voting opens (London time)").fill(inDays(78, 9));
    await page.getByLabel("Voting closes (London time)").fill(inDays(92, 17));
    await page.getByRole("button", { name: "Create round" }).click();
    await expect(page.getByText(`${title} was created as a draft.`)).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Draft")).toBeVisible();

    // A draft is not public.
    const visitorContext = await browser.newContext({ javaScriptEnabled: false });
    const visitor = await visitorContext.newPage();
    const hidden = await visitor.goto(`/rounds/${slug}`);
    expect(hidden?.status()).toBe(404);

    await row.getByRole("link", { name: `Phase of ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await checkA11y();
    await page.getByRole("button", { name: "Open the round for ideas now" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await page.getByLabel("Reason for opening the round now").fill("Launch day");
    await page.getByRole("button", { name: "Open the round for ideas now" }).click();
    await expect(page.getByText(`${title} moved on to ideas.`)).toBeVisible();
    await expect(page.getByRole("cell", { name: "Launch day" })).toBeVisible();
    await checkA11y();

    // The visitor now sees the round, its timeline with "now", and the home page's next step.
    await visitor.goto(`/rounds/${slug}`);
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const current = visitor.locator(".timeline__item--current");
    await expect(current).toContainText("Ideas");
    await expect(current).toContainText("now");
    await expect(visitor.getByText(/Ideas close at .* (GMT|BST) \(in \d+ (days|weeks|months)\)/).first()).toBeVisible();
    await visitor.goto("/");
    await expect(visitor.getByRole("link", { name: title })).toBeVisible();
    const visitorCard = visitor.locator(".whats-on__you");
    await expect(visitorCard).toContainText("Visitors");
    await expect(visitorCard.getByRole("link", { name: "Create an account" })).toBeVisible();
    await visitorContext.close();
  });
});

test("a visitor reads the rounds, the current round's timeline and what's on now", async ({ page, checkA11y }) => {
  await page.goto("/rounds");
  await expect(page.getByRole("heading", { level: 1, name: "Funding rounds" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Earlier rounds" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Q Exchange 2026" }).click();
  await expect(page.locator(".timeline__item--current")).toContainText("Delivery");
  await expect(page.getByText(/SHA-256 fingerprint is [0-9a-f]{64}/)).toBeVisible();
  await checkA11y();
  await page.goto("/rounds/2027");
  await expect(page.getByText("£500,000", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Improving care for people with long-term conditions" }),
  ).toBeVisible();
  await checkA11y();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "What's on now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await checkA11y();
});

test("an admin edits a round's settings and extends a deadline", async ({ page, checkA11y }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/rounds/2027/edit");
  await expect(page.getByRole("heading", { level: 1, name: "Q Exchange 2027" })).toBeVisible();
  // The round has opened: its address and the time ideas opened are shown, not edited.
  await expect(page.getByText("/rounds/2027")).toBeVisible();
  await expect(page.getByLabel("Short name")).toHaveCount(0);
  await checkA11y();
  await page.getByRole("button", { name: "Move down category 1" }).click();
  await expect(page.getByRole("group", { name: "Category 1" }).getByLabel("Name")).toHaveValue(
    "Working with communities",
  );
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByText("The settings of Q Exchange 2027 were saved.")).toBeVisible();

  await page.goto("/admin/rounds/2027/phase");
  await checkA11y();
  await page.getByLabel("The close of voting").check();
  await page.getByLabel("New date and time (London time)").fill("2027-03-30T17:00");
  await page.getByLabel("Reason for the extension").fill("Easter falls in the voting fortnight.");
  await page.getByRole("button", { name: "Extend the deadline" }).click();
  await expect(page.getByText(/The close of voting is now Tuesday 30 March 2027, 5:00pm BST/)).toBeVisible();
  await expect(page.getByRole("cell", { name: "Easter falls in the voting fortnight." })).toBeVisible();
});
