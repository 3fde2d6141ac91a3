import { expect } from "@playwright/test";
import { expectNoAxeViolations, languages, test, waitForHydration } from "./helpers";

/// Issue 17: the Open311 API's page for developers, linked from every page's footer, and the API
/// itself read as a developer's browser would (from the page, in the page's language).
const w = {
  fr: { link: "API Open311", title: "API Open311 pour les développeurs", group: "Routes et trottoirs" },
  en: { link: "Open311 API", title: "Open311 API for developers", group: "Roads and sidewalks" },
} as const;

for (const lang of languages) {
  const t = w[lang.code];
  test.describe(`Open311 for developers (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("the footer leads to the API's page, whose addresses answer", async ({ page }, info) => {
      await page.goto("/");
      await waitForHydration(page);
      await page.locator("footer").getByRole("link", { name: t.link, exact: true }).click();
      await expect(page).toHaveURL(/\/open311$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
      await expect(page.getByRole("table")).toContainText("/open311/v2/requests.{xml,json}");
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-open311.png`, fullPage: true });
      }
      // The services, in the language the browser asks for.
      const services = await page.evaluate(async () => (await fetch("/open311/v2/services.json")).json());
      const pothole = services.find((s: { service_code: string }) => s.service_code === "pothole");
      expect(pothole.group).toBe(t.group);
      expect(pothole.service_name).toBe(lang.pothole);
    });
  });
}
