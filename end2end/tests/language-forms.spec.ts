import { expect, Page } from "@playwright/test";
import { languages, potholeDraft, test, waitForHydration } from "./helpers";

/// Switching language in the middle of a form keeps what was typed (issue 16), on every form residents
/// fill in: with JavaScript the text changes in place; without it, the switch is a button of the form
/// that carries the fields back into the page in the other language, never a password, and saves nothing.

type Form = { name: string; path: (draft: string) => string; fields: Record<string, string>; secret?: string };

const forms: Form[] = [
  { name: "portal feedback", path: () => "/feedback", fields: { "#improve": "Des cartes hors ligne, s'il vous plaît" } },
  { name: "barrier report", path: () => "/accessibility", fields: { "#barrier": "Le bouton est trop petit", "#contact": "705 555-0101" } },
  { name: "sign-in", path: () => "/sign-in", fields: { "#email": "marie@example.ca" }, secret: "#password" },
  { name: "registration", path: () => "/account/register", fields: { "#name": "Marie Tremblay", "#email": "marie@example.ca", "#mobile": "705 555-0102" } },
  { name: "forgotten password", path: () => "/account/forgot", fields: { "#email": "marie@example.ca" } },
  { name: "request's place", path: (draft) => `/requests/drafts/${draft}/where`, fields: { "#place_note": "devant l'abribus" } },
  { name: "request's details", path: (draft) => `/requests/drafts/${draft}/details`, fields: { "#description": "Plus profond que prévu" } },
];

async function fill(page: Page, form: Form) {
  for (const [selector, value] of Object.entries(form.fields)) await page.locator(selector).fill(value);
  if (form.secret) await page.locator(form.secret).fill("mot de passe secret");
}

async function expectKept(page: Page, form: Form, lang: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  for (const [selector, value] of Object.entries(form.fields)) await expect(page.locator(selector)).toHaveValue(value);
}

/// With JavaScript the switch is the header's link; without, on a page with a form, that form's button
/// (the link is hidden).
async function switchTo(page: Page, name: string, javaScript: boolean) {
  if (javaScript) return page.getByRole("link", { name }).click();
  await expect(page.getByRole("link", { name })).toBeHidden();
  await page.getByRole("button", { name }).click();
}

for (const lang of languages) {
  const other = languages.find((l) => l.code !== lang.code)!;
  for (const javaScript of [true, false]) {
    test.describe(`switching language keeps the form (${lang.code}, ${javaScript ? "with" : "without"} JavaScript)`, () => {
      test.use({ locale: lang.locale, javaScriptEnabled: javaScript });

      test("every form a resident fills in", async ({ page, context }) => {
        test.setTimeout(60_000);
        await context.addCookies([{ name: "lang", value: lang.code, url: test.info().project.use.baseURL! }]);
        await page.goto("/");
        const draft = await potholeDraft(page);
        for (const form of forms) {
          await page.goto(form.path(draft));
          if (javaScript) await waitForHydration(page);
          await fill(page, form);
          await switchTo(page, lang.switchTo, javaScript);
          await expectKept(page, form, other.code);
          if (form.secret) await expect(page.locator(form.secret)).toHaveValue(javaScript ? "mot de passe secret" : "");
          // And back.
          await switchTo(page, other.switchTo, javaScript);
          await expectKept(page, form, lang.code);
          await context.addCookies([{ name: "lang", value: lang.code, url: test.info().project.use.baseURL! }]);
        }
        // Nothing was saved: the draft's details are what they were.
        await page.goto(`/requests/drafts/${draft}/details`);
        await expect(page.locator("#description")).toHaveValue("Profond / Deep");
      });
    });
  }
}
