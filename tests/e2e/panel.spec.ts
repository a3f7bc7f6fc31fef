import { expect, readLatestEmail, signIn, test } from "./fixtures";

// The rehearsal round (db/seed/demo-panel.ts, seeded when DEMO_PANEL_ROUND=true) is in its
// shortlisting phase with eight proposals and six reviewers; reviewer 1 chairs, reviewer 4 has
// one draft and the rest still to do.
const ROUND = "panel-rehearsal";
const reviewer = (n: number) => `reviewer${n}@demo.q-exchange.org`;

test.describe.configure({ mode: "serial" });

test("an admin sees the panel, its conflicts and loads, and tops up the assignments", async ({ page, checkA11y }) => {
  await signIn(page, "admin@demo.q-exchange.org");
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: "Panel of Panel rehearsal round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Panel rehearsal round" })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /Reviewers on the panel/ })
      .getByRole("row")
      .filter({ hasText: "Dr Aisha Rahman" }),
  ).toContainText("Chair");
  await expect(page.getByText(/Owen Price: Same organisation \(blocked unless overridden\)/)).toBeVisible();
  await checkA11y();
  // A missing reason is refused at its field.
  await page.getByRole("button", { name: "Override the conflict" }).first().click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("Reviewers per proposal").fill("3");
  await page.getByRole("button", { name: "Give every proposal this many reviewers" }).click();
  await expect(page.getByText(/new assignments?\./)).toBeVisible();
});

test("a reviewer scores a proposal and declares a conflict on another", async ({ page, checkA11y }) => {
  await signIn(page, reviewer(4));
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Your reviews" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your reviews" })).toBeVisible();
  await checkA11y();
  const todo = page.getByRole("row").filter({ hasText: "To do" });
  await expect(todo.first()).toBeVisible();
  expect(await todo.count()).toBeGreaterThanOrEqual(2);
  const first = (await todo.nth(0).getByRole("link").textContent())!.trim();
  const second = (await todo.nth(1).getByRole("link").textContent())!.trim();

  await todo.nth(0).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  await expect(page.getByRole("table", { name: /Budget/ })).toContainText("Project lead");
  await expect(
    page.getByText("Other reviewers' scores and comments show here once you have submitted your own review."),
  ).toBeVisible();
  await checkA11y();
  // Submitting with nothing chosen shows every missing score at its criterion.
  await page.getByRole("button", { name: "Submit your review" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Write a comment for the panel." })).toBeVisible();
  await checkA11y();
  const criteria = page.locator("form fieldset");
  const count = await criteria.count();
  for (let i = 0; i < count; i++)
    await criteria
      .nth(i)
      .getByLabel(String(1 + (i % 5)), { exact: true })
      .check();
  await page.getByLabel("Comment for the panel").fill("Clear need; the evaluation plan is thin.");
  await page.getByLabel("Feedback for the applicant (optional)").fill("Say how you will measure the change.");
  await page.getByRole("button", { name: "Submit your review" }).click();
  await expect(page.getByText("Your review is submitted.")).toBeVisible();
  // Once submitted, the others' reviews are open to this reviewer. Which proposal comes first in
  // the queue depends on the assignment (ids break ties), so it may have no other review yet;
  // the integration tests check the scores themselves.
  await expect(
    page.getByText("Other reviewers' scores and comments show here once you have submitted your own review."),
  ).toHaveCount(0);
  await expect(
    page
      .getByRole("table", { name: /Other reviewers' submitted scores/ })
      .or(page.getByText("No other reviewer has submitted a review yet.")),
  ).toBeVisible();
  await checkA11y();

  await page.goto("/panel");
  await page.getByRole("link", { name: second }).click();
  await page.getByLabel("What is the conflict?").fill("I chair this team's steering group.");
  await page.getByRole("button", { name: "Declare a conflict and step aside" }).click();
  await expect(page.getByText(`You have declared a conflict with “${second}”`)).toBeVisible();
  const recused = page.getByRole("row").filter({ hasText: second });
  await expect(recused).toContainText("Recused");
  await expect(recused.getByRole("link")).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: first })).toContainText("Done");
  // The panel pack prints what they may still open: the recused proposal is not in it.
  await page.getByRole("link", { name: "Print your proposals for Panel rehearsal round" }).click();
  await expect(page.getByRole("heading", { level: 2, name: first })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: second })).toHaveCount(0);
  await checkA11y();
});

test("the chair confirms the shortlist with one change and a rationale, and applicants hear the outcome", async ({
  page,
  browser,
  checkA11y,
}) => {
  await signIn(page, reviewer(1));
  await page.goto(`/admin/rounds/${ROUND}/shortlist`);
  await expect(page.getByRole("heading", { level: 1, name: "Panel rehearsal round" })).toBeVisible();
  await expect(page.getByText(/differ by more than 1.5 points/)).toBeVisible();
  await checkA11y();

  // Leave out the top recommended proposal of the first category.
  const firstTable = page.getByRole("table").first();
  const top = firstTable.getByRole("row").nth(1);
  const title = (await top.getByRole("link").textContent())!.trim();
  await top.getByLabel(`Shortlist “${title}”`).uncheck();
  await page.getByRole("button", { name: "Confirm the shortlist" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`Give a reason for leaving out “${title}”`) })).toBeVisible();
  await checkA11y();
  await page
    .getByRole("table")
    .first()
    .getByRole("row")
    .nth(1)
    .getByLabel(`Reason for a change to “${title}”`)
    .fill("Duplicates a service the trust already funds.");
  await page.getByRole("button", { name: "Confirm the shortlist" }).click();
  await expect(page.getByText(/Shortlist confirmed: 3 proposals, 1 change from the recommendation/)).toBeVisible();
  await checkA11y();

  await page.getByRole("button", { name: "Publish the shortlist and notify applicants" }).click();
  await expect(page.getByText(/The shortlist is published: 3 shortlisted, 5 not shortlisted/)).toBeVisible();
  await expect(page.getByText(/Scores and decisions can no longer change/)).toBeVisible();

  const email = await readLatestEmail(browser, title, /decision/);
  expect(email).toContain("The panel has not shortlisted it this time.");
  expect(email).toContain("Feedback from the panel:");
});
