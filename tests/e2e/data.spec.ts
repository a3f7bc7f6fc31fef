import fs from "node:fs";
import { DEMO, expect, signIn, test } from "./fixtures";

test("an admin walks the dashboards of the demo rounds and exports a CSV", async ({ page, checkA11y }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: "Dashboard of Q Exchange 2027" }).click();
  await expect(page).toHaveURL(/\/admin\/rounds\/2027$/);
  await expect(page.getByRole("heading", { level: 1, name: "Q Exchange 2027" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "From ideas to funding" })).toBeVisible();
  // A chart is a named image with its numbers in a table one click away.
  const funnel = page.getByRole("img", { name: "Ideas, proposals, shortlisted and funded, by category" });
  await expect(funnel).toBeVisible();
  await page.getByText("Show the data as a table: Ideas, proposals, shortlisted and funded, by category").click();
  await expect(
    page.getByRole("table", { name: "Ideas, proposals, shortlisted and funded, by category" }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "Ideas published per day" })).toBeVisible();
  // The 2027 round has not voted yet: the turnout chart says so in words.
  await expect(page.getByText("Nobody has voted yet.")).toBeVisible();
  await checkA11y();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV of full proposal data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("q-exchange-2027-proposals.csv");
  const text = fs.readFileSync((await file.path())!, "utf8");
  expect(text.startsWith("\uFEFFslug,title,summary,category,state,lead_name,lead_email,team,")).toBe(true);

  await page.goto("/admin/rounds/2026");
  await expect(page.getByRole("heading", { level: 1, name: "Q Exchange 2026" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Money requested by submitted proposals/ })).toBeVisible();
  await checkA11y();

  // The rehearsal round has a panel: reviewer progress and a score chart per criterion.
  await page.goto("/admin/rounds/panel-rehearsal");
  await expect(page.getByRole("img", { name: "Reviews submitted and still to do, per reviewer" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Scores for “/ }).first()).toBeVisible();
  await checkA11y();

  await page.goto("/data");
  await expect(page.getByRole("heading", { level: 2, name: "For the programme team" })).toBeVisible();
  await checkA11y();
});

test("a visitor opens the open-data page from the footer and downloads the ideas as JSON @no-js", async ({
  page,
  checkA11y,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "Open data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "For the programme team" })).toHaveCount(0);
  await checkA11y();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "JSON of ideas and proposals, Q Exchange 2027" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("q-exchange-2027-ideas.json");
  const doc = JSON.parse(fs.readFileSync((await file.path())!, "utf8"));
  expect(doc.round.slug).toBe("2027");
  expect(doc.rows.length).toBeGreaterThan(0);
  expect(JSON.stringify(doc)).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
});
