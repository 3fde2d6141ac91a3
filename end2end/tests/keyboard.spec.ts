import { expect } from "@playwright/test";
import { test, waitForHydration } from "./helpers";

test.use({ locale: "fr-CA" });

test("keyboard only: skip link, search, result, service", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("searchbox")).toBeFocused();
  await page.keyboard.type("bac vert");
  // The first keystroke fetches what the search looks through; the results then come, announced.
  await expect(page.locator("#search-results .result-link").first()).toBeVisible();
  await page.keyboard.press("Tab"); // the search button
  await page.keyboard.press("Tab"); // the first result
  await expect(page.locator("#search-results .result-link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/services\/missed-green-cart$/);
});
