import { expect, test } from "./fixtures";
import { TAMPERS } from "../support/tampers";

// Round 2026 has published results (db/seed/demo-results.ts). The "Verify these results" page
// downloads its ledger.json and results.json and recounts them in the browser (WebCrypto), with
// the same code as `npm run recount`; here the files are also altered on their way to the page.
const RESULTS = "/rounds/2026/results";

test("a member verifies the published results in the browser, step by step", async ({ page, checkA11y }) => {
  await page.goto(RESULTS);
  await page.getByRole("link", { name: "Verify these results" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verify these results" })).toBeVisible();
  const status = page.getByRole("status");
  await expect(status).toHaveText("The recount matches the published results.");
  const steps = page.getByRole("list").filter({ hasText: "Step 1:" });
  await expect(steps.getByRole("listitem").filter({ hasText: /^Step \d:/ })).toHaveCount(5);
  await expect(steps).toContainText("Downloaded /rounds/2026/results/ledger.json.");
  await expect(steps).toContainText(/Step 2: the Merkle root [0-9a-f]{64} is the seal published at the close/);
  await expect(steps).toContainText(/Step 5: the rule gives every published outcome/);
  await checkA11y();
});

for (const tamper of TAMPERS) {
  test(`the page catches ${tamper.name}`, async ({ page }) => {
    const ledger = await (await page.request.get(`${RESULTS}/ledger.json`)).json();
    const results = await (await page.request.get("/rounds/2026/results.json")).json();
    await tamper.apply(ledger, results);
    await page.route(`**${RESULTS}/ledger.json`, (route) => route.fulfill({ json: ledger }));
    await page.route("**/rounds/2026/results.json", (route) => route.fulfill({ json: results }));
    await page.goto(`${RESULTS}/verify`);
    const status = page.getByRole("status");
    await expect(status).toContainText("The recount does not match the published results.");
    const difference = (await status.textContent())!.replace("The recount does not match the published results. ", "");
    expect(difference).toMatch(tamper.expected);
  });
}

test("without JavaScript the page explains how to recount with the command @no-js", async ({
  page,
  javaScriptEnabled,
}) => {
  await page.goto(`${RESULTS}/verify`);
  await expect(page.getByRole("heading", { level: 1, name: "Verify these results" })).toBeVisible();
  if (!javaScriptEnabled)
    await expect(page.getByText("The recount starts when this page's JavaScript has loaded.")).toBeVisible();
  await expect(page.getByText("npm run recount -- --ledger ledger.json --results results.json")).toBeVisible();
  await expect(page.getByRole("link", { name: "the ledger", exact: true })).toHaveAttribute(
    "href",
    `${RESULTS}/ledger.json`,
  );
  await expect(page.getByRole("link", { name: "the results", exact: true })).toHaveAttribute(
    "href",
    "/rounds/2026/results.json",
  );
});
