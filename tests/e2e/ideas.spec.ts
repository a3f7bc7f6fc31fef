import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, linkIn, readLatestEmail, signIn, test } from "./fixtures";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** "YYYY-MM-DDTHH:MM" for a datetime-local input, `days` from now at `hour`:00. */
function inDays(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

async function shareIdea(page: Page, title: string, how: "Publish idea" | "Save as draft", round = "2027") {
  await page.goto(`/rounds/${round}/ideas/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("One-line summary").fill(`A summary of ${title}.`);
  await page.getByRole("group", { name: "Category" }).getByRole("radio").first().check();
  await page
    .getByLabel("The challenge and how it connects to the theme")
    .fill("People wait **too long** for a simple answer.");
  await page.getByRole("button", { name: how }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function moveRoundOn(browser: Browser, slug: string, button: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/admin/rounds/${slug}/phase`);
  await admin.getByLabel(/Reason for (opening|moving)/).fill("Browser test");
  await admin.getByRole("button", { name: button }).click();
  await expect(admin.getByText(/moved on to/)).toBeVisible();
  await context.close();
}

test.describe("ideas @no-js", () => {
  test("a member writes, previews, saves, publishes and edits an idea, and invites a co-applicant who accepts", async ({
    page,
    browser,
    checkA11y,
    javaScriptEnabled,
  }) => {
    const title = `Community pharmacy drop-ins ${stamp()}`;
    await signIn(page, DEMO.member);
    await page.goto("/rounds/2027/ideas");
    await checkA11y();
    await page.getByRole("link", { name: "Share an idea" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Share an idea" })).toBeVisible();
    await checkA11y();

    // Publishing needs a summary: the error is at the field and nothing typed is lost.
    await page.getByLabel("Title").fill(title);
    await page.getByRole("group", { name: "Category" }).getByRole("radio").first().check();
    await page
      .getByLabel("The challenge and how it connects to the theme")
      .fill("Pharmacists have **time** and trust.");
    if (javaScriptEnabled) await expect(page.getByText("You have 495 words remaining")).toBeVisible();
    await page.getByRole("button", { name: "Publish idea" }).click();
    await expect(page.getByRole("link", { name: "Enter a one-line summary before you publish." })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await checkA11y();

    // The preview posts the form and shows the markdown rendered, without JavaScript too.
    await page.getByLabel("One-line summary").fill("Walk-in advice sessions in community pharmacies.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: /Preview of the challenge/ }).locator("strong")).toHaveText("time");
    await checkA11y();
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByText("Your draft is saved. Only your team can see it")).toBeVisible();
    const path = new URL(page.url()).pathname;

    // A visitor cannot see a draft.
    const visitorContext = await browser.newContext({ javaScriptEnabled });
    const visitor = await visitorContext.newPage();
    expect((await visitor.goto(path))?.status()).toBe(404);

    await page.getByRole("button", { name: "Publish idea" }).click();
    await expect(page.getByText("Your idea is published.")).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Edit the idea" }).click();
    await checkA11y();
    await page.getByLabel("One-line summary").fill("Walk-in advice sessions in community pharmacies, twice a week.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Your changes are saved.")).toBeVisible();
    await expect(visitor.goto(path).then((r) => r?.status())).resolves.toBe(200);
    await expect(
      visitor.getByText("Walk-in advice sessions in community pharmacies, twice a week.").first(),
    ).toBeVisible();
    await visitor.getByRole("link", { name: /See the history of changes/ }).click();
    await expect(visitor.getByRole("heading", { name: /Changes from version \d+ to version \d+/ })).toBeVisible();
    await expect(visitor.locator("ins").filter({ hasText: "twice a week" })).toBeVisible();
    await checkA11y(visitor);
    await visitorContext.close();

    // The lead invites someone by email; they sign in and accept from the emailed link.
    await page.getByRole("link", { name: "Manage the team" }).click();
    await checkA11y();
    await page.getByLabel("Email address").fill(DEMO.account);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`We have emailed an invitation to ${DEMO.account}`)).toBeVisible();
    const body = await readLatestEmail(browser, DEMO.account, new RegExp(title));
    const inviteeContext = await browser.newContext({ javaScriptEnabled });
    const invitee = await inviteeContext.newPage();
    await signIn(invitee, DEMO.account);
    await invitee.goto("/me/ideas");
    await expect(invitee.getByRole("heading", { name: "Invitations to join a team" })).toBeVisible();
    await checkA11y(invitee);
    await invitee.goto(linkIn(body, "/invitations/"));
    await checkA11y(invitee);
    await invitee.getByRole("button", { name: /Join the team/ }).click();
    await expect(invitee.getByText(`You have joined the team for “${title}”.`)).toBeVisible();
    await expect(invitee.getByRole("heading", { name: "Meet the team" })).toBeVisible();
    await expect(invitee.getByRole("main").getByRole("link", { name: "Ellen Byrne", exact: true })).toBeVisible();
    await inviteeContext.close();
  });

  test("a visitor searches and filters the ideas, and the list's address keeps its state", async ({
    page,
    browser,
    checkA11y,
    javaScriptEnabled,
  }) => {
    const word = `zebrafish${stamp()}`;
    const context = await browser.newContext({ javaScriptEnabled });
    const member = await context.newPage();
    await signIn(member, DEMO.member);
    await shareIdea(member, `Hydration rounds ${word}`, "Publish idea");
    await context.close();

    await page.goto("/rounds/2027/ideas");
    await page.getByLabel("Search ideas").fill(word);
    await page.getByRole("button", { name: "Show ideas" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(page.getByText("Showing 1 idea", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: `Hydration rounds ${word}` })).toBeVisible();
    await checkA11y();
    // The second category has no such idea; the empty state says what to do.
    await page.getByLabel("Category").selectOption({ index: 2 });
    await page.getByRole("button", { name: "Show ideas" }).click();
    await expect(page).toHaveURL(/category=/);
    await expect(page.getByRole("heading", { name: "No ideas found" })).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Clear search and filters" }).click();
    await expect(page).toHaveURL(/\/rounds\/2027\/ideas$/);
    await page.getByLabel("Sort by").selectOption("supported");
    await page.getByRole("button", { name: "Show ideas" }).click();
    await expect(page).toHaveURL(/sort=supported/);
  });

  test("a lead writes a proposal with milestones and a budget, checks the answers and submits; visitors see only the total", async ({
    page,
    browser,
    checkA11y,
    javaScriptEnabled,
  }) => {
    // A round of its own, moved on to proposals by the admin, so the demo round is left as it is.
    const slug = `e2e-ideas-${stamp()}`;
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, DEMO.admin);
    await admin.goto("/admin/rounds/new");
    await admin.getByLabel("Short name").fill(slug);
    await admin.getByLabel("Title").fill(`Round ${slug}`);
    await admin.getByLabel("Theme").fill("Care closer to home.");
    await admin.getByRole("group", { name: "Category 1" }).getByLabel("Name").fill("Care closer to home");
    await admin.getByLabel("Pot, in pounds").fill("500,000");
    await admin.getByLabel("Maximum award, in pounds").fill("30,000");
    await admin.getByLabel("Ideas open (London time)").fill(inDays(1, 9));
    await admin.getByLabel("Ideas close and proposals open (London time)").fill(inDays(22, 17));
    await admin.getByLabel("Proposals are due and shortlisting starts (London time)").fill(inDays(50, 17));
    await admin.getByLabel("Voting opens (London time)").fill(inDays(78, 9));
    await admin.getByLabel("Voting closes (London time)").fill(inDays(92, 17));
    await admin.getByRole("button", { name: "Create round" }).click();
    await expect(admin.getByText(`Round ${slug} was created as a draft.`)).toBeVisible();
    await context.close();
    await moveRoundOn(browser, slug, "Open the round for ideas now");

    const title = `Medicines reviews at home ${stamp()}`;
    await signIn(page, DEMO.member);
    await shareIdea(page, title, "Publish idea", slug);
    const ideaPath = new URL(page.url()).pathname;
    await moveRoundOn(browser, slug, "Close ideas and open proposals now");

    await page.goto(ideaPath);
    await page.getByRole("link", { name: "Write the proposal" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Write your proposal" })).toBeVisible();
    await checkA11y();
    await page.getByLabel("What it aims to achieve").fill("Fewer medicines problems for people at home.");
    await page.getByLabel("How it will be delivered").fill("Pharmacist visits in two neighbourhoods.");
    await page.getByLabel("How it will share learning").fill("An open guide and a webinar.");
    await page.getByLabel("How others can contribute").fill("Tell us what worked for you.");
    await page.getByLabel("What will be done").fill("First home visits");
    await page.getByLabel("Month", { exact: true }).fill("10");
    await page.getByLabel("Year", { exact: true }).fill("2027");
    // Rows are added without JavaScript: the server shows the form again, as typed.
    await page.getByRole("button", { name: "Add a milestone" }).click();
    await expect(page.getByLabel("What it aims to achieve")).toHaveValue(
      "Fewer medicines problems for people at home.",
    );
    await page.getByLabel("What will be done").nth(1).fill("Guide published");
    await page.getByLabel("Month", { exact: true }).nth(1).fill("6");
    await page.getByLabel("Year", { exact: true }).nth(1).fill("2028");
    await page.getByLabel("What the money is for").fill("Pharmacist time");
    await page.getByLabel("Amount in pounds").fill("24,000");
    await page.getByRole("button", { name: "Add a budget line" }).click();
    await page.getByLabel("What the money is for").nth(1).fill("Printing");
    await page.getByLabel("Amount in pounds").nth(1).fill("500");
    await page.getByRole("button", { name: "Add a budget line" }).click();
    await page.getByLabel("What the money is for").nth(2).fill("Secret line: travel");
    await page.getByLabel("Amount in pounds").nth(2).fill("7,000");
    // Removing a row moves the later ones up, keeping what was typed in them.
    await page.getByRole("button", { name: "Remove budget line 2" }).click();
    await expect(page.getByLabel("What the money is for")).toHaveCount(2);
    await expect(page.getByLabel("What the money is for").nth(1)).toHaveValue("Secret line: travel");
    await expect(page.getByLabel("Amount in pounds").nth(1)).toHaveValue("7,000");
    if (javaScriptEnabled) await expect(page.getByText("Total: £31,000 of £30,000 maximum")).toBeVisible();
    await page.getByRole("button", { name: "Save and check your answers" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Check your answers before submitting your proposal" }),
    ).toBeVisible();
    await expect(page.getByText(/more than the maximum award of £30,000. Reduce it by £1,000/)).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Change the budget" }).click();
    await page.getByLabel("Amount in pounds").nth(1).fill("6,000");
    await page.getByRole("button", { name: "Save and check your answers" }).click();
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.getByText("Your proposal has been submitted.")).toBeVisible();
    await expect(page.locator(".badge").first()).toHaveText("Proposal submitted");
    await checkA11y();

    const visitorContext = await browser.newContext({ javaScriptEnabled });
    const visitor = await visitorContext.newPage();
    await visitor.goto(ideaPath);
    await expect(visitor.getByText("Total requested: £30,000")).toBeVisible();
    await expect(visitor.getByText("Secret line")).toHaveCount(0);
    await checkA11y(visitor);
    await visitorContext.close();
  });
});
