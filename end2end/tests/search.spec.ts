import { expect } from "@playwright/test";
import { expectFirstResult, languages, test, waitForHydration } from "./helpers";

for (const lang of languages) {
  test.describe(`search (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("results follow the typing: the search data fetched once, no request per keystroke", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.heading);
      await waitForHydration(page);
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      const box = page.getByRole("searchbox");
      await box.pressSequentially("nid de poule", { delay: 20 });
      await expectFirstResult(page, lang.pothole);
      await box.fill("");
      await box.pressSequentially("lampadiare");
      await expect(page.locator("#search-results .result-link").first()).toContainText(/Lampadaire|Streetlight/);
      await box.fill("garbage not picked up");
      await expect(page.locator("#search-results .result-link").first()).toContainText(/ordures|garbage/i);
      // The documents the browser searches arrive when the box is first used, once; the rest runs here.
      expect(requests, "search runs in the browser").toEqual([expect.stringMatching(/\/api\/catalogue\/search_docs$/)]);
      await expect(page).toHaveURL(/\/$/);
      // Enter opens the search page in the app, which searches the same documents: not fetched again.
      await box.press("Enter");
      await expect(page).toHaveURL(/\/search\?q=garbage/);
      await expect(page.locator("#search-results .result-link").first()).toContainText(/ordures|garbage/i);
      expect(requests.filter((url) => url.includes("/search_docs")), "documents fetched once").toHaveLength(1);
    });

    test("a result leads to the service and its request button", async ({ page }) => {
      await page.goto("/");
      await waitForHydration(page);
      await page.getByRole("searchbox").fill("pothole");
      await page.locator("#search-results .result-link").first().click();
      await expect(page).toHaveURL(/\/services\/pothole$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.pothole);
      await page.locator("a.button-start").click();
      await expect(page).toHaveURL(/\/requests\/new\?service=pothole$/);
    });

    test("the form works without JavaScript", async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: lang.locale });
      const page = await context.newPage();
      await page.goto("/");
      await page.getByRole("searchbox").fill("chien qui jappe");
      await page.getByRole("searchbox").press("Enter");
      await expect(page).toHaveURL(/\/search\?q=chien/);
      await expect(page.locator("#search-results .result-link").first()).toHaveAttribute("href", "/services/barking-dog");
      await expect(page.getByRole("searchbox")).toHaveValue("chien qui jappe");
      // The language switch is a plain link there: the page comes back in the other language, query kept.
      await page.getByRole("link", { name: lang.switchTo }).click();
      await expect(page).toHaveURL(/\/search\?q=chien/);
      await expect(page.locator("html")).toHaveAttribute("lang", lang.code === "fr" ? "en" : "fr");
      await expect(page.locator("#search-results .result-link").first()).toHaveAttribute("href", "/services/barking-dog");
      await context.close();
    });
  });
}
