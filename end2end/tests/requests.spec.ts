import { expect, Page } from "@playwright/test";
import path from "node:path";
import { emailTo, expectNoAxeViolations, languages, register, signIn, test, waitForHydration } from "./helpers";

/// Photos the server tests use too (server/tests/fixtures/README.md).
const fixtures = path.join(__dirname, "..", "..", "server", "tests", "fixtures");

const steps = {
  fr: {
    submitLink: "Soumettre une demande de service",
    address: "200, rue Brady, Sudbury",
    start: "Commencer",
    where: "Où est-ce\u202f?",
    details: "Le problème",
    files: "Photos et fichiers",
    remove: "Retirer",
    review: "Vérifier et soumettre",
    continue: "Continuer",
    back: "Retour",
    submit: "Soumettre une demande de service",
    received: "Demande reçue",
    problem: "Il y a un problème",
    large: "Grand (plus de 60 cm)",
    receipt: "Nous avons reçu votre demande",
  },
  en: {
    submitLink: "Submit a service request",
    address: "200 Brady St, Sudbury",
    start: "Start",
    where: "Where is it?",
    details: "About the problem",
    files: "Photos and files",
    remove: "Remove",
    review: "Check and submit",
    continue: "Continue",
    back: "Back",
    submit: "Submit a service request",
    received: "Request received",
    problem: "There is a problem",
    large: "Large (over 60 cm)",
    receipt: "We received your request",
  },
} as const;

async function heading(page: Page, text: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
}

for (const lang of languages) {
  const w = steps[lang.code];
  test.describe(`submit a request (${lang.code})`, () => {
    // A resident of their own (the test portal runs behind_proxy): registration limits count per address.
    test.use({ locale: lang.locale, extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang.code === "fr" ? 31 : 32}` } });

    test("a resident reports a pothole with two photos and gets a receipt", async ({ page }, info) => {
      test.setTimeout(90_000);
      // With SCREENSHOTS=1, a picture of each step for people to look at (screenshots/).
      const shot = async (name: string) => {
        if (process.env.SCREENSHOTS) {
          await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-request-${name}.png`, fullPage: true });
        }
      };
      const email = await register(page, lang.code);
      await signIn(page, lang.code, email);
      await page.goto("/services/pothole");
      await waitForHydration(page);
      await page.getByRole("link", { name: w.submitLink }).click();
      await expect(page).toHaveURL(/\/requests\/new\?service=pothole$/);
      await expect(page.getByRole("button", { name: w.start })).toBeVisible();
      await heading(page, lang.pothole);
      await expectNoAxeViolations(page);
      await shot("start");
      await page.getByRole("button", { name: w.start }).click();

      // 1. Where: suggestions as one types, chosen with a radio button.
      await heading(page, w.where);
      await page.locator("#address-query").fill("200 brady");
      const address = page.getByLabel(w.address, { exact: true });
      await expect(address).toBeVisible();
      await expectNoAxeViolations(page);
      await shot("where");
      await address.check();
      await page.getByRole("button", { name: w.continue }).click();

      // 2. Details: a missing answer is named at the top, with a link to the question.
      await heading(page, w.details);
      await page.getByRole("button", { name: w.continue }).click();
      await expect(page.locator(".error-summary")).toBeFocused();
      await expect(page.locator(".error-summary")).toContainText(w.problem);
      await expectNoAxeViolations(page);
      await shot("details-error");
      await page.locator(".error-summary a").first().click();
      await page.getByLabel(w.large).check();
      await page.locator("#description").fill("Profond, dans la voie de droite / Deep, in the right lane.");
      await page.getByRole("button", { name: w.continue }).click();

      // 3. Photos: chosen, scaled in the browser, sent with a progress bar; the list comes back.
      await heading(page, w.files);
      await page
        .locator("#files")
        .setInputFiles([path.join(fixtures, "phone-photo.jpg"), path.join(fixtures, "screenshot.png")]);
      await expect(page.locator(".file-item")).toHaveCount(2, { timeout: 20_000 });
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await shot("files");
      // A file chosen by mistake comes off the list (and off the server). The page's script sent it as
      // a JPEG it scaled, so its name ends in .jpg now.
      await page.getByRole("button", { name: new RegExp(`^${w.remove} screenshot\\.`) }).click();
      await expect(page.locator(".file-item")).toHaveCount(1);

      // Going back keeps what was entered, even after a reload.
      await page.getByRole("link", { name: w.back }).click();
      await heading(page, w.details);
      await expect(page.getByLabel(w.large)).toBeChecked();
      await page.reload();
      await waitForHydration(page);
      await expect(page.getByLabel(w.large)).toBeChecked();
      await expect(page.locator("#description")).toHaveValue(/Deep, in the right lane/);
      await page.getByRole("button", { name: w.continue }).click();
      await heading(page, w.files);
      await page.getByRole("link", { name: w.continue }).click();

      // 4. Review, then submit.
      await heading(page, w.review);
      await expect(page.locator(".summary")).toContainText(w.address);
      await expect(page.locator(".summary")).toContainText(w.large);
      await expectNoAxeViolations(page);
      await shot("review");
      await page.getByRole("button", { name: w.submit, exact: true }).click();

      await heading(page, w.received);
      const reference = (await page.locator(".reference").textContent())!.trim();
      expect(reference).toMatch(/^\d{4}-\d{6}$/);
      await expectNoAxeViolations(page);
      await shot("received");

      // The receipt, in the language of the account (registered on a page in that language).
      const receipt = await emailTo(email, reference);
      expect(receipt).toContain(w.receipt);
      expect(receipt).toContain(`/requests/${reference}`);
    });
  });
}
