import { expect, Page } from "@playwright/test";
import { languages, test, waitForHydration } from "./helpers";

/// Switching language in the middle of a form (issue 16), shared by language-forms.spec.ts and the
/// specs of pages whose forms need a setting of their own (chat.spec.ts: an agent on the desk).

export type Language = (typeof languages)[number];

/// A form: its text fields and lists (selector → value), the radio buttons and boxes to tick, and a
/// password that must not travel.
export type Form = {
  name: string;
  fields: Record<string, string>;
  lists?: Record<string, string>;
  ticked?: string[];
  secret?: string;
};

async function fill(page: Page, form: Form) {
  for (const [selector, value] of Object.entries(form.fields)) await page.locator(selector).fill(value);
  for (const [selector, value] of Object.entries(form.lists ?? {})) await page.locator(selector).selectOption(value);
  for (const selector of form.ticked ?? []) await page.locator(selector).check();
  if (form.secret) await page.locator(form.secret).fill("mot de passe secret");
}

async function expectKept(page: Page, form: Form, lang: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  for (const [selector, value] of Object.entries({ ...form.fields, ...form.lists })) await expect(page.locator(selector)).toHaveValue(value);
  for (const selector of form.ticked ?? []) await expect(page.locator(selector)).toBeChecked();
}

/// On `path`: fills the form, switches, finds it kept; and back. One form per page goes with the switch.
export async function switchBothWays(page: Page, form: Form, path: string, lang: Language, javaScript: boolean) {
  const other = languages.find((l) => l.code !== lang.code)!;
  await page.context().addCookies([{ name: "lang", value: lang.code, url: test.info().project.use.baseURL! }]);
  await page.goto(path);
  if (javaScript) await waitForHydration(page);
  await expect(page.locator("#page-form"), form.name).toHaveCount(1);
  await fill(page, form);
  await switchTo(page, lang.switchTo, javaScript);
  await expectKept(page, form, other.code);
  if (form.secret) await expect(page.locator(form.secret)).toHaveValue(javaScript ? "mot de passe secret" : "");
  await switchTo(page, other.switchTo, javaScript);
  await expectKept(page, form, lang.code);
}

/// With JavaScript the switch is the header's link; without, on a page with a form, that form's button
/// (the link is hidden).
async function switchTo(page: Page, name: string, javaScript: boolean) {
  if (javaScript) return page.getByRole("link", { name }).click();
  await expect(page.getByRole("link", { name })).toBeHidden();
  await page.getByRole("button", { name }).click();
}

