import { expect, test } from "./fixtures";

// A person may type or click while the page's JavaScript is still starting (the page works without
// it, and deferred hydration starts it after the first paint). React then hydrates at once, and if
// Remix is still decoding the page's data at that moment the render fails with React error #345
// ("Root did not complete"). With the CPU slowed, this types from the first moment the page is
// parsed until it is hydrated; the fixture fails the test on any console or page error.
test.describe("typing while the page starts", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "about hydration");

  for (let attempt = 1; attempt <= 5; attempt++) {
    test(`keys pressed during hydration break nothing (attempt ${attempt})`, async ({ page }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
      await page.goto("/sign-in", { waitUntil: "commit" });
      const email = page.getByLabel("Email address");
      await email.waitFor();
      // Type until Remix's router exists (hydration has begun and its data is decoded) and a bit more.
      let typed = 0;
      for (let i = 0; i < 200; i++) {
        await email.press("a");
        typed++;
        if (await page.evaluate(() => "__remixRouter" in window)) break;
      }
      for (let i = 0; i < 5; i++) await email.press("b");
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
      expect(await email.inputValue()).toBe("a".repeat(typed) + "bbbbb");
      // Hydrated and working: a client-side navigation happens without a page load.
      await page.evaluate(() => ((window as unknown as { qxMarker: boolean }).qxMarker = true));
      await page.getByRole("link", { name: "Create account" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { qxMarker?: boolean }).qxMarker)).toBe(true);
    });
  }
});
