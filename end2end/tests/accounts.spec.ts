import { expect } from "@playwright/test";
import { createHmac } from "node:crypto";
import { expectNoAxeViolations, languages, register, signIn, test, uniqueEmail, waitForHydration, words } from "./helpers";


for (const lang of languages) {
  const w = words[lang.code];
  test.describe(`accounts (${lang.code})`, () => {
    // Residents of their own (the portal is told the client's address by its proxy): registrations from
    // every other test's 127.0.0.1 do not use up these tests' registration limit.
    test.use({ locale: lang.locale, extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang.code === "fr" ? 61 : 62}` } });

    test("register, choose a password from the e-mail, sign in, edit the profile, sign out", async ({ page }) => {
      const email = await register(page, lang.code);
      await signIn(page, lang.code, email);
      await expect(page.locator(".site-header")).toContainText(w.account);
      await expectNoAxeViolations(page);

      await page.locator("#name").fill("Marie-Ève Tremblay");
      await page.getByRole("button", { name: lang.code === "fr" ? "Enregistrer mes renseignements" : "Save my information" }).click();
      await expect(page.getByText(w.profileSaved)).toBeVisible();
      await page.reload();
      await expect(page.locator("#name")).toHaveValue("Marie-Ève Tremblay");

      await waitForHydration(page);
      await page.getByRole("button", { name: w.signOut }).click();
      await expect(page.getByText(w.signedOut)).toBeVisible();
      await expect(page.locator(".site-header")).toContainText(w.signInLink);
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(w.account);
    });

    test("mistakes are listed at the top, linked to their field, and read out", async ({ page }) => {
      await page.goto("/account/register");
      await waitForHydration(page);
      await page.locator("#email").fill("marie@");
      await page.getByRole("button", { name: lang.code === "fr" ? "Créer mon compte" : "Create my account" }).click();
      const summary = page.locator(".error-summary");
      await expect(summary.getByRole("heading", { name: w.problem })).toBeVisible();
      await expect(summary).toBeFocused();
      await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator("#email")).toHaveAttribute("aria-describedby", /email-error/);
      await summary.getByRole("link").nth(1).click();
      await expect(page).toHaveURL(/#email$/);
      await expectNoAxeViolations(page);

      await page.goto("/sign-in");
      await waitForHydration(page);
      await page.locator("#email").fill(uniqueEmail("nobody"));
      await page.locator("#password").fill("not the right password");
      await page.getByRole("button", { name: w.signIn, exact: true }).click();
      await expect(page.locator(".error-summary")).toContainText(lang.code === "fr" ? "Nous n'avons pas pu vous connecter" : "We could not sign you in");
    });

    test("text updates start once the resident replies OUI", async ({ page, request }) => {
      test.skip(!process.env.PORTAL_SMS_TOKEN, "needs the portal's SMS webhook secret");
      const mobile = `705555${String(Math.floor(Math.random() * 9000) + 1000)}`;
      const email = await register(page, lang.code, { mobile, sms: true });
      await signIn(page, lang.code, email);
      await expect(page.getByText(w.smsPending)).toBeVisible();

      // The provider calls the webhook with the resident's reply, signed with the shared secret.
      const base = process.env.PORTAL_URL ?? "http://127.0.0.1:3000";
      const form: Record<string, string> = { Body: "oui", From: `+1${mobile}`, MessageSid: `SM${Date.now()}${mobile}`, To: "+17055550100" };
      const signed = `${base}/sms/inbound` + Object.keys(form).sort().map((k) => k + form[k]).join("");
      const signature = createHmac("sha1", process.env.PORTAL_SMS_TOKEN!).update(signed).digest("base64");
      const answer = await request.post("/sms/inbound", { form, headers: { "x-twilio-signature": signature } });
      expect(answer.status()).toBe(200);
      expect(await answer.text()).toContain("<Message>");
      await page.reload();
      await expect(page.getByText(w.smsOn)).toBeVisible();
    });
  });
}
