import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

// The voting rehearsal round (db/seed/demo-voting.ts, seeded when DEMO_PANEL_ROUND=true) is open
// for voting for another two weeks: two categories with four shortlisted proposals each, two
// picks in each. Both projects share one server, so a voter may already have a ballot: the
// journey works either way. Without JavaScript the voter is the lead of a shortlisted proposal,
// which they cannot choose (their own idea is shown, disabled, with the reason).
const ROUND = "vote-rehearsal";
const CARE = "Better care closer to home";
const WORK = "Healthier workplaces";

test.describe.configure({ mode: "serial" });

async function choose(page: Page, category: string, indexes: number[]) {
  const boxes = page.getByRole("group", { name: category }).getByRole("checkbox", { disabled: false });
  const count = await boxes.count();
  for (let i = 0; i < count; i++) await boxes.nth(i).setChecked(indexes.includes(i));
}

test.describe("voting @no-js", () => {
  test("a member votes: wrong count explained, fixed, checked, submitted, receipt shown and emailed; then replaces the ballot", async ({
    page,
    browser,
    checkA11y,
    javaScriptEnabled,
  }) => {
    test.slow(); // two people sign in, on a machine shared with other test runs
    const voter = javaScriptEnabled ? DEMO.member : "voting.applicant1@demo.q-exchange.org";
    await signIn(page, voter);
    await page.goto(`/rounds/${ROUND}`);
    await expect(page.getByRole("heading", { name: "Voting is open" })).toBeVisible();
    await expect(page.getByText(/\d[\d,]* of [\d,]+ members? ha(s|ve) voted \(\d+%\)/)).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Cast your ballot" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^(Cast|Replace) your ballot$/ })).toBeVisible();
    if (!javaScriptEnabled) {
      await expect(
        page.getByText("You are on this idea's team, and in this round members cannot vote for their own ideas."),
      ).toBeVisible();
    }
    await checkA11y();

    // One pick where two are needed: explained at the category, the picks kept.
    await choose(page, CARE, [0]);
    await choose(page, WORK, [0, 1]);
    if (javaScriptEnabled) {
      await expect(page.getByRole("group", { name: CARE }).getByText("1 of 2 chosen")).toBeVisible();
      await expect(page.getByRole("group", { name: WORK }).getByText("2 of 2 chosen")).toBeVisible();
    }
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.getByRole("link", { name: `Choose 2 ideas in ${CARE}: you chose 1.` })).toBeVisible();
    await expect(page.getByRole("group", { name: CARE }).getByRole("checkbox", { checked: true })).toHaveCount(1);
    await expect(page.getByRole("group", { name: WORK }).getByRole("checkbox", { checked: true })).toHaveCount(2);
    await checkA11y();

    // Fixed, then the "check your answers" step.
    await choose(page, CARE, [0, 1]);
    const picked = await page
      .getByRole("group", { name: CARE })
      .getByRole("checkbox", { checked: true })
      .evaluateAll((els) => els.map((el) => document.querySelector(`label[for="${el.id}"]`)?.textContent ?? ""));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your ballot before you submit it" })).toBeVisible();
    for (const title of picked) await expect(page.getByRole("listitem").filter({ hasText: title })).toBeVisible();
    await checkA11y();
    // "Change" goes back with the picks kept.
    await page.getByRole("button", { name: `Change your choices in ${CARE}` }).click();
    await expect(page.getByRole("group", { name: CARE }).getByRole("checkbox", { checked: true })).toHaveCount(2);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Submit ballot" }).click();

    const flash = page.getByText(
      /Your ballot has been recorded\..* Your receipt code is ([0-9A-Z]{5}-[0-9A-Z]{5})\. We have emailed it to you\./,
    );
    await expect(flash).toBeVisible();
    const code = (await flash.textContent())!.match(/[0-9A-Z]{5}-[0-9A-Z]{5}/)![0];
    await expect(page.getByRole("heading", { level: 1, name: "Replace your ballot" })).toBeVisible();
    await expect(page.getByText(/^You voted on .* — you can replace your ballot until /)).toBeVisible();
    await expect(page.locator(".receipt-code")).toHaveText(code);
    await checkA11y();

    // The receipt is emailed, but the programme team cannot see that it was, let alone its text:
    // one row per ballot with who and when would pair people with ledger entries (decision 0013).
    const outbox = await browser.newContext();
    const admin = await outbox.newPage();
    await signIn(admin, DEMO.admin);
    await admin.goto("/admin/outbox");
    await expect(admin.getByText(/except ballot receipts/)).toBeVisible();
    await expect(admin.getByRole("row").filter({ hasText: /Your ballot receipt for/ })).toHaveCount(0);
    await expect(admin.getByText(code)).toHaveCount(0);
    await outbox.close();

    // Replace it: the current picks are ticked; choose others and submit again.
    await expect(page.getByRole("group", { name: CARE }).getByRole("checkbox", { checked: true })).toHaveCount(2);
    await choose(page, CARE, [1, 2]);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Submit ballot" }).click();
    const replaced = page.getByText(
      /It replaces your earlier ballot\. Your receipt code is ([0-9A-Z]{5}-[0-9A-Z]{5})\./,
    );
    await expect(replaced).toBeVisible();
    const second = (await replaced.textContent())!.match(/[0-9A-Z]{5}-[0-9A-Z]{5}/)![0];
    expect(second).not.toBe(code);
    await expect(page.locator(".receipt-code")).toHaveText(second);
  });
});

test("an account that is not a member is told why it cannot vote and how to become a member", async ({
  page,
  checkA11y,
}) => {
  await signIn(page, DEMO.account);
  await page.goto(`/rounds/${ROUND}/vote`);
  await expect(page.getByRole("heading", { level: 1, name: "Only members can vote" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Apply to be a member from your account page" })).toBeVisible();
  await checkA11y();
});

test("an admin enters a counted paper ballot", async ({ page, checkA11y }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: "Paper ballots for Voting rehearsal round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Voting rehearsal round" })).toBeVisible();
  await checkA11y();
  await choose(page, CARE, [0, 3]);
  await choose(page, WORK, [1, 2]);
  await page.getByRole("button", { name: "Enter this paper ballot" }).click();
  await expect(
    page.getByText(
      /Paper ballot entered \(receipt [0-9A-Z]{5}-[0-9A-Z]{5}\)\. \d+ paper ballots? ha(s|ve) been entered in this round\./,
    ),
  ).toBeVisible();
  await expect(page.getByRole("group", { name: CARE }).getByRole("checkbox", { checked: true })).toHaveCount(0);
  await checkA11y();
});
