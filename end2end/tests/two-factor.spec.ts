import { expect } from "@playwright/test";
import { appCode, expectNoAxeViolations, languages, PASSWORD, staffMember, test, waitForHydration } from "./helpers";

const w = {
  fr: {
    title: "Confirmez votre identité",
    qr: "Code QR qui ajoute le portail à votre application d'authentification",
    problem: "Il y a un problème",
    codes: "Conservez vos codes de récupération",
    continue: "Continuer",
    devices: "Appareils connectés",
    thisDevice: "cet appareil",
    signOutOthers: "Me déconnecter des autres appareils",
    signedOut: "Vos autres appareils sont déconnectés.",
  },
  en: {
    title: "Confirm it's you",
    qr: "QR code that adds the portal to your authenticator app",
    problem: "There is a problem",
    codes: "Save your recovery codes",
    continue: "Continue",
    devices: "Signed-in devices",
    thisDevice: "this device",
    signOutOthers: "Sign out of the other devices",
    signedOut: "Your other devices are signed out.",
  },
} as const;

for (const lang of languages) {
  const t = w[lang.code];
  test.describe(`staff's second step of signing in (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("a new agent adds the authenticator app, signs in on a second device with its code, then signs that one out", async ({ page, browser }, info) => {
      test.setTimeout(90_000);
      const shot = async (name: string) => {
        if (process.env.SCREENSHOTS) {
          await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-two-factor-${name}.png`, fullPage: true });
        }
      };
      const agent = await staffMember(page, lang.code);
      const signIn = async (tab: typeof page) => {
        await tab.goto("/sign-in");
        await waitForHydration(tab);
        await tab.locator("#email").fill(agent);
        await tab.locator("#password").fill(PASSWORD);
        await tab.locator("#password").press("Enter");
        await expect(tab).toHaveURL(/\/staff\/verify/);
        await expect(tab.getByRole("heading", { level: 1 })).toHaveText(t.title);
        await waitForHydration(tab);
      };

      // The password alone leads to the enrolment: a QR code, a link for this phone, the key to type.
      await signIn(page);
      await expect(page.getByRole("img", { name: t.qr })).toBeVisible();
      await expectNoAxeViolations(page);
      await shot("enrol");
      const key = (await page.locator(".secret-key").textContent())!;
      const step = Math.floor(Date.now() / 30_000);
      const right = appCode(key, step);
      const wrong = ((Number(right) + 1) % 1_000_000).toString().padStart(6, "0");
      await page.locator("#code").fill(wrong);
      await page.locator("#code").press("Enter");
      await expect(page.getByRole("heading", { name: t.problem })).toBeVisible();
      await expectNoAxeViolations(page);

      // The right code: the recovery codes, shown once, then on to the console.
      await page.locator("#code").fill(right);
      await page.locator("#code").press("Enter");
      await expect(page.getByRole("heading", { name: t.codes })).toBeVisible();
      await expect(page.locator(".recovery-codes li")).toHaveCount(10);
      await expectNoAxeViolations(page);
      await shot("codes");
      await page.getByRole("link", { name: t.continue }).click();
      await expect(page).toHaveURL(/\/staff$/);

      // Another device: only the code this time (the next step's: the first one was used).
      const context = await browser.newContext({ locale: lang.locale });
      const phone = await context.newPage();
      await signIn(phone);
      await expect(phone.locator(".secret-key")).toHaveCount(0);
      await phone.locator("#code").fill(appCode(key, step + 1));
      await phone.locator("#code").press("Enter");
      await expect(phone).toHaveURL(/\/staff$/);

      // The account page lists both devices, this one first, and signs the other out.
      await page.goto("/account");
      await waitForHydration(page);
      const devices = page.locator(".devices li");
      await expect(page.getByRole("heading", { name: t.devices })).toBeVisible();
      await expect(devices).toHaveCount(2);
      await expect(devices.first()).toContainText(t.thisDevice);
      await expectNoAxeViolations(page);
      await shot("devices");
      await page.getByRole("button", { name: t.signOutOthers }).click();
      await expect(page.getByRole("status").filter({ hasText: t.signedOut })).toBeVisible();
      await expect(devices).toHaveCount(1);
      const response = await phone.goto("/staff");
      expect(response!.status()).toBe(401);
      await context.close();
    });
  });
}
