import { expect } from "@playwright/test";
import { expectNoAxeViolations, languages, test, waitForHydration } from "./helpers";

/// Issue 16, what residents still could not do: read the accessibility statement and report a barrier.
const w = {
  fr: {
    link: "Accessibilité",
    standard: "WCAG) 2.0, niveau AA",
    phone: "705\u00a0671-2489",
    send: "Envoyer le signalement",
    thanks: "Merci",
  },
  en: {
    link: "Accessibility",
    standard: "WCAG) 2.0, level AA",
    phone: "705-671-2489",
    send: "Send the report",
    thanks: "Thank you",
  },
} as const;

for (const lang of languages) {
  const t = w[lang.code];
  test.describe(`accessibility statement (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("linked from the footer, it says the standard and takes a barrier report", async ({ page }, info) => {
      await page.goto("/");
      await waitForHydration(page);
      await page.locator("footer").getByRole("link", { name: t.link, exact: true }).click();
      await expect(page).toHaveURL(/\/accessibility$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.link);
      await expect(page.locator("main")).toContainText(t.standard);
      await expect(page.locator("main")).toContainText(t.phone);
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-accessibility.png`, fullPage: true });
      }
      // Nothing said: the problem is named and focused; nothing is sent.
      await page.getByRole("button", { name: t.send }).click();
      await expect(page.locator(".error-summary")).toBeFocused();
      await expectNoAxeViolations(page);
      await page.locator("#barrier").fill("Le bouton « Continuer » ne se lit pas / The Continue button is not read");
      await page.locator("#contact").fill("marie@example.ca");
      await page.getByRole("button", { name: t.send }).click();
      await expect(page.getByRole("heading", { name: t.thanks })).toBeVisible();
    });
  });
}
