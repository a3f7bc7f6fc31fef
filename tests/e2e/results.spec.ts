import fs from "node:fs";
import { expect, signIn, test } from "./fixtures";

// `results-rehearsal` (db/seed/demo-results.ts, seeded with DEMO_PANEL_ROUND=true) is in its
// results phase: sealed and counted, not published. Round 2026 has published results.
const REHEARSAL = "results-rehearsal";

test.describe.configure({ mode: "serial" });

test("an admin reviews the rehearsal round's results, overrides one line with a reason, and publishes", async ({
  page,
  checkA11y,
}) => {
  await signIn(page, "admin@demo.q-exchange.org");
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: "Results of Results rehearsal round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review and publish results" })).toBeVisible();
  await expect(page.getByText(/eligible members voted/)).toBeVisible();
  await checkA11y();

  // The last line of the first category is not funded by the rule: fund it, first without a reason.
  const table = page.getByRole("table").first();
  const row = table.getByRole("row").last();
  const title = (await row.getByRole("rowheader").textContent())!.trim();
  await expect(row).toContainText("Do not fund");
  await row.getByRole("link", { name: `Override “${title}”` }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Override “${title}”` })).toBeVisible();
  await expect(page.getByLabel("Fund", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Save override" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Give the public reason/ })).toBeVisible();
  await checkA11y();
  await page
    .getByLabel("Public reason")
    .fill("The only proposal reaching rural carers; the panel asked us to fund it.");
  await page.getByRole("button", { name: "Save override" }).click();
  await expect(page.getByText(/Override saved: the proposal is now funded/)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText(
    "overridden: The only proposal reaching rural carers",
  );

  // Publishing needs the confirmation.
  await page.getByRole("button", { name: "Publish results" }).click();
  await expect(page.getByRole("link", { name: "Confirm that the results have been checked." })).toBeVisible();
  await page.getByLabel("I have checked every outcome and want to publish the results").check();
  await page.getByRole("button", { name: "Publish results" }).click();
  await expect(page.getByText(/Results published: 5 funded, 1 not funded/)).toBeVisible();
  await expect(page).toHaveURL(`/rounds/${REHEARSAL}/results`);
  await expect(page.getByText(/Published on/)).toBeVisible();
  await expect(page.getByText("Decided by the programme team, overriding the rule:")).toBeVisible();
  await checkA11y();
  await page.goto(`/admin/rounds/${REHEARSAL}/phase`);
  await expect(page.getByText("Phase now").locator("..")).toContainText(/Delivery/i);
});

test("a visitor reads the published results, downloads the ledger and checks a receipt @no-js", async ({
  page,
  checkA11y,
}) => {
  await page.goto("/rounds/2026");
  await page.getByRole("link", { name: "See the results" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(page.getByText(/of \d+ eligible members voted \(\d+\.\d%\)/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Bar chart: votes per proposal in Reducing inequalities/ })).toBeVisible();
  await expect(
    page.getByRole("table", { name: /Reducing inequalities in access to care: votes, outcome and why/ }),
  ).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Funded: 1st of \d+ in Reducing inequalities/ }).first()).toBeVisible();
  await expect(
    page.getByText("The top 4 shortlisted proposals in each category by votes are funded.", { exact: false }),
  ).toBeVisible();
  await checkA11y();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Anonymised ledger (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("q-exchange-2026-ledger.csv");
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  // Format 2: each counting ballot under its own reference; no voter reference, version or time.
  expect(csv[0]).toBe("ref,picks,source,entry_hash,receipt_code");
  const code = csv[1].split(",").at(-1)!;

  await page.getByRole("link", { name: "Check your receipt code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your receipt" })).toBeVisible();
  await page.getByLabel("Receipt code").fill("nonsense");
  await page.getByRole("button", { name: "Check receipt" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("Receipt code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Check receipt" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Found: receipt ${code}` })).toBeVisible();
  await expect(page.getByText(/its Merkle proof \(\d+ steps\) leads to the published seal/)).toBeVisible();
  await checkA11y();
});
