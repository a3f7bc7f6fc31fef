import { expect, signIn, test } from "./fixtures";

// Aisha Begum leads "Tea and talk for carers in hospital", funded in the demo's 2026 round.
const TEAM = "aisha.begum@demo.q-exchange.org";
const PROJECT = "/rounds/2026/ideas/tea-and-talk-for-carers-in-hospital";
// Each browser project posts its own update and moves its own milestone, so they never collide.
const RUNS = {
  chromium: {
    word: "lanternfish",
    milestone: "Co-design workshops with patients and staff",
    status: "Done",
    progress: "100",
  },
  "no-javascript": { word: "quillwort", milestone: "Pilot running in two sites", status: "On track", progress: "25" },
} as const;
const runFor = (name: string) => RUNS[name as keyof typeof RUNS];
const titleFor = (word: string) => `Evening drop-ins, and a ${word} mural`;

test.describe.serial("funded projects @no-js", () => {
  test("a team member posts an update that moves a milestone", async ({ page, checkA11y }, info) => {
    const run = runFor(info.project.name);
    await signIn(page, TEAM);
    await page.goto(PROJECT);
    await expect(page.getByRole("heading", { name: "The funded project" })).toBeVisible();
    await expect(page.getByRole("table").getByText("Overdue")).toHaveCount(0);
    await checkA11y();
    await page.getByRole("link", { name: "Write an update" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Write an update" })).toBeVisible();
    await checkA11y();

    // A missing title is refused at its field and what was typed is kept.
    await page
      .getByLabel("Update", { exact: true })
      .fill(`We painted a ${run.word} mural with carers & their families 🎨.`);
    await page.getByRole("button", { name: "Publish update" }).click();
    await expect(page.getByRole("link", { name: "Enter a title for the update." })).toBeVisible();
    await checkA11y();
    await page.getByLabel("Title").fill(titleFor(run.word));
    await page.getByLabel(`New status of “${run.milestone}”`).selectOption({ label: run.status });
    await page.getByLabel(`New progress (%) of “${run.milestone}”`).fill(run.progress);
    await page.getByRole("button", { name: "Publish update" }).click();

    await expect(page.getByText("Your update is published.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: titleFor(run.word) })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Milestone changes" })).toBeVisible();
    await expect(page.getByText(`→ ${run.status} (${run.progress}%)`)).toBeVisible();
    await checkA11y();

    await page.goto(PROJECT);
    const row = page.getByRole("row").filter({ hasText: run.milestone });
    await expect(row.getByText(run.status, { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: titleFor(run.word) })).toBeVisible();
  });

  test("a visitor finds the update through /projects search and through the feeds", async ({
    page,
    checkA11y,
  }, info) => {
    const run = runFor(info.project.name);
    await page.goto("/projects");
    await expect(page.getByRole("heading", { level: 1, name: "Funded projects" })).toBeVisible();
    await checkA11y();
    await page.getByLabel("Search projects and their updates").fill(run.word);
    await page.getByRole("button", { name: "Show projects" }).click();
    await expect(page.getByText("Showing 1 project")).toBeVisible();
    await checkA11y();
    await page.getByRole("link", { name: "Tea and talk for carers in hospital" }).click();
    await page.getByRole("link", { name: titleFor(run.word) }).click();
    await expect(page.getByRole("heading", { level: 1, name: titleFor(run.word) })).toBeVisible();
    await expect(page.getByText(`${run.word} mural with carers & their families 🎨`)).toBeVisible();
    await checkA11y();

    // The updates page advertises the feeds; each one carries the update with an absolute link.
    await page.goto("/updates");
    await expect(page.getByRole("link", { name: titleFor(run.word) })).toBeVisible();
    await checkA11y();
    const rss = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href");
    const atom = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
    const json = await page.locator('link[rel="alternate"][type="application/feed+json"]').getAttribute("href");
    const rssResponse = await page.request.get(rss!);
    expect(rssResponse.headers()["content-type"]).toContain("application/rss+xml");
    const rssText = await rssResponse.text();
    expect(rssText).toContain(`<title>Tea and talk for carers in hospital: ${titleFor(run.word)}</title>`);
    expect(rssText).toMatch(
      /<link>https?:\/\/[^<]+\/rounds\/2026\/ideas\/tea-and-talk-for-carers-in-hospital\/updates\/\d+<\/link>/,
    );
    expect(await (await page.request.get(atom!)).text()).toContain(titleFor(run.word));
    const feed = await (await page.request.get(json!)).json();
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((i: { title: string }) => i.title)).toContain(
      `Tea and talk for carers in hospital: ${titleFor(run.word)}`,
    );
    // The project's own page advertises its own feed.
    await page.goto(PROJECT);
    const projectFeed = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href");
    expect(projectFeed).toBe(`${PROJECT}/updates/feed.rss`);
    expect(await (await page.request.get(projectFeed!)).text()).toContain(`<title>${titleFor(run.word)}</title>`);
  });
});
