import { expect } from "@playwright/test";
import { languages, test, waitForHydration } from "./helpers";

for (const lang of languages) {
  test(`switching from ${lang.code} keeps what was typed, without a reload`, async ({ page }) => {
    const other = languages.find((l) => l.code !== lang.code)!;
    await page.context().addCookies([{ name: "lang", value: lang.code, url: test.info().project.use.baseURL! }]);
    await page.goto("/");
    await waitForHydration(page);
    await page.evaluate(() => ((window as any).notReloaded = true));
    await page.getByRole("searchbox").fill("pothole");
    await page.getByRole("link", { name: lang.switchTo }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(other.heading);
    await expect(page.locator("html")).toHaveAttribute("lang", other.code);
    await expect(page.getByRole("searchbox")).toHaveValue("pothole");
    await expect(page.locator("#search-results .result-link").first()).toHaveText(other.pothole);
    await expect(page).toHaveTitle(other.code === "fr" ? /Chercher les demandes communes/ : /Search common requests/);
    expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);

    // The choice is remembered.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", other.code);
  });
}
