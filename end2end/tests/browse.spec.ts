import { expect } from "@playwright/test";
import { languages, test, waitForHydration } from "./helpers";

for (const lang of languages) {
  test.describe(`browse (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("category, then service; a topic that is not online points to 311", async ({ page }) => {
      await page.goto("/");
      await waitForHydration(page);
      await page.locator(".category-card a[href='/categories/waste']").click();
      await expect(page).toHaveURL(/\/categories\/waste$/);
      await page.locator("a[href='/services/missed-green-cart']").click();
      await expect(page.locator("a.button-start")).toBeVisible();

      await page.goto("/services/property-tax");
      await expect(page.locator("a.button-start")).toHaveCount(0);
      await expect(page.locator("main")).toContainText(lang.code === "fr" ? "705\u00a0671-2489" : "705-671-2489");
      await expect(page.locator("main")).toContainText("311@grandsudbury.ca");
    });

    test("an unknown service is a 404 in the resident's language", async ({ page }) => {
      const response = await page.goto("/services/no-such-thing");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.code === "fr" ? "Page introuvable" : "Page not found");
    });
  });
}
