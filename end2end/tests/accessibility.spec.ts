import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";
import { languages, test, waitForHydration } from "./helpers";

const pages = [
  "/",
  "/search?q=nid+de+poule",
  "/search?q=qwxzv",
  "/categories/roads",
  "/services/pothole",
  "/services/property-tax",
  "/requests/new?service=pothole",
  "/sign-in",
  "/account",
  "/account/register",
  "/account/forgot",
  "/account/password?token=expired",
  "/privacy",
  "/accessibility",
  "/feedback",
  "/nowhere",
];

for (const lang of languages) {
  test.describe(`accessibility (${lang.code})`, () => {
    test.use({ locale: lang.locale });
    for (const path of pages) {
      test(`${path} has no axe violations`, async ({ page }) => {
        await page.goto(path);
        await waitForHydration(page);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(summary).toEqual([]);
      });
    }
  });
}
