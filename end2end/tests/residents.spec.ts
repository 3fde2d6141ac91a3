import { expect } from "@playwright/test";
import { emailTo, expectNoAxeViolations, languages, register, signIn, test, uniqueEmail, waitForHydration, PASSWORD } from "./helpers";

/// Issue 16, what residents still could not do: read the accessibility statement and report a barrier,
/// change their e-mail address.
const w = {
  fr: {
    link: "Accessibilité",
    standard: "WCAG) 2.0, niveau AA",
    phone: "705\u00a0671-2489",
    send: "Envoyer le signalement",
    thanks: "Merci",
    sendLink: "Envoyer le lien",
    linkSent: "Consultez la boîte de réception de la nouvelle adresse",
    confirm: "Confirmer cette adresse",
    changed: "Votre adresse courriel est changée",
    oldTold: "est maintenant",
  },
  en: {
    link: "Accessibility",
    standard: "WCAG) 2.0, level AA",
    phone: "705-671-2489",
    send: "Send the report",
    thanks: "Thank you",
    sendLink: "Send the link",
    linkSent: "Check the new address's inbox",
    confirm: "Confirm this address",
    changed: "Your e-mail address is changed",
    oldTold: "is now",
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

for (const lang of languages) {
  const t = w[lang.code];
  test.describe(`e-mail address change (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("a link to the new address changes it, and the old one is told", async ({ page }, info) => {
      const email = await register(page, lang.code);
      await signIn(page, lang.code, email);
      const newEmail = uniqueEmail(`nouvelle-${lang.code}`);
      await page.locator("#new_email").fill(newEmail);
      await page.locator("#email_password").fill(PASSWORD);
      await page.getByRole("button", { name: t.sendLink }).click();
      await expect(page.getByRole("status").filter({ hasText: t.linkSent })).toBeVisible();
      await expectNoAxeViolations(page);

      const mail = await emailTo(newEmail);
      const link = mail.match(/\/account\/email\?token=[A-Za-z0-9_-]+/);
      expect(link).not.toBeNull();
      await page.goto(link![0]);
      await waitForHydration(page);
      await expect(page.locator("main")).toContainText(newEmail);
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-email-confirm.png`, fullPage: true });
      }
      await page.getByRole("button", { name: t.confirm }).click();
      await expect(page.getByRole("heading", { name: t.changed })).toBeVisible();
      expect(await emailTo(email, newEmail)).toContain(t.oldTold);
    });
  });
}
