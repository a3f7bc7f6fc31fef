import { DEMO, expect, readLatestEmail, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}

async function switchTo(page: Page, email: string) {
  await signOut(page);
  await signIn(page, email);
  await page.goto("/");
}

const comment = (page: Page, text: string) =>
  page
    .locator(".comment")
    .filter({ has: page.locator(".comment__text", { hasText: text }) })
    .first();

test.describe("conversation @no-js", () => {
  test("comment, reply with the team badge, edit, notification and email, delete; report, hide and restore", async ({
    page,
    browser,
    checkA11y,
  }) => {
    const title = `Peer support on wards ${Date.now().toString(36)}`;
    // The demo member publishes an idea to talk about.
    await signIn(page, DEMO.member);
    await page.goto("/rounds/2027/ideas/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("One-line summary").fill("Trained peers visit wards weekly.");
    await page.getByRole("group", { name: "Category" }).getByRole("radio").first().check();
    await page.getByLabel("The challenge and how it connects to the theme").fill("People on long stays feel alone.");
    await page.getByRole("button", { name: "Publish idea" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const ideaUrl = new URL(page.url()).pathname;

    // Someone with an account comments; an empty comment is refused at its field.
    await switchTo(page, DEMO.account);
    await page.goto(ideaUrl);
    await expect(page.getByRole("heading", { name: /Comments \(0\)/ })).toBeVisible();
    await checkA11y();
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("Write your comment.")).toBeVisible();
    await page.getByLabel("Add a comment").fill("Is this for **adults** only?");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("Your comment is posted.")).toBeVisible();
    await expect(comment(page, "Is this for adults only?").locator("strong", { hasText: "adults" })).toBeVisible();

    // The lead replies: the Team badge shows.
    await switchTo(page, DEMO.member);
    await page.goto(ideaUrl);
    const question = comment(page, "Is this for adults only?");
    await question.locator("summary", { hasText: "Reply" }).click();
    await question.getByLabel("Your reply").fill("Adults first; children's wards next year.");
    await question.getByRole("button", { name: "Post reply" }).click();
    await expect(page.getByText("Your reply is posted.")).toBeVisible();
    const reply = comment(page, "children's wards next year");
    await expect(reply.getByText("Team", { exact: true })).toBeVisible();
    await checkA11y();

    // The asker sees the reply in notifications, edits the question, then deletes it.
    await switchTo(page, DEMO.account);
    await expect(page.getByRole("link", { name: /Notifications.*unread/ })).toBeVisible();
    await page.getByRole("link", { name: /Notifications/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: new RegExp(`replied to your comment on “${title}”`) }).click();
    const mine = comment(page, "Is this for adults only?");
    await mine.locator("summary", { hasText: "Edit" }).click();
    await mine.getByLabel("Your comment").fill("Is this for adults only, or for children too?");
    await mine.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Your comment is updated.")).toBeVisible();
    const edited = comment(page, "or for children too?");
    await expect(edited.getByText("edited")).toBeVisible();
    await edited.locator("summary", { hasText: "Delete" }).first().click();
    await edited.getByRole("button", { name: "Delete comment" }).click();
    await expect(page.getByText("Your comment is deleted.")).toBeVisible();
    await expect(page.getByText("Comment deleted")).toBeVisible();
    await expect(comment(page, "children's wards next year")).toBeVisible();

    // The reply was emailed at once, with an unsubscribe link.
    const email = await readLatestEmail(browser, DEMO.account, /replied to you/);
    expect(email).toContain("children's wards next year");
    expect(email).toContain("/unsubscribe?");

    // Reported, then hidden by an admin with a reason the author sees, then restored.
    await page.goto(ideaUrl);
    const answer = comment(page, "children's wards next year");
    await answer.locator("summary", { hasText: "Report" }).click();
    await answer.getByLabel("Why should moderators look at this?").fill("Testing the report button");
    await answer.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByText("A moderator will look at the comment.")).toBeVisible();
    await switchTo(page, DEMO.admin);
    await page.goto("/admin/moderation");
    await expect(page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
    await checkA11y();
    const card = page.locator(".card").filter({ hasText: title }).first();
    await expect(card.getByText("Testing the report button")).toBeVisible();
    await card.getByLabel("Reason (shown to the author)").fill("Off-topic for this idea");
    await card.getByRole("button", { name: "Hide comment" }).click();
    await expect(page.getByText("The comment is hidden.")).toBeVisible();
    await switchTo(page, DEMO.account);
    await page.goto(ideaUrl);
    await expect(page.getByText("children's wards next year")).toHaveCount(0);
    await switchTo(page, DEMO.member);
    await page.goto(ideaUrl);
    await expect(page.getByText("Reason: Off-topic for this idea")).toBeVisible();
    await switchTo(page, DEMO.admin);
    await page.goto("/admin/moderation");
    const hiddenCard = page.locator(".card").filter({ hasText: title }).first();
    await hiddenCard.getByLabel("Reason (shown to the author)").fill("On reflection, fine");
    await hiddenCard.getByRole("button", { name: "Restore comment" }).click();
    await expect(page.getByText("The comment is visible again")).toBeVisible();
    await signOut(page);
    await page.goto(ideaUrl);
    await expect(page.getByText("children's wards next year")).toBeVisible();
  });
});
