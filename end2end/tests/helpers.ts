import { expect, Page } from "@playwright/test";

/// Both languages, with what a page in each must say: every test that reads text runs in both.
export const languages = [
  { code: "fr", locale: "fr-CA", heading: "Comment pouvons-nous vous aider?", switchTo: "English", pothole: "Nid-de-poule" },
  { code: "en", locale: "en-CA", heading: "How can we help you?", switchTo: "Français", pothole: "Pothole" },
] as const;

/// The page is interactive once the WebAssembly has hydrated it; the entry point then marks `<html>`.
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function expectFirstResult(page: Page, name: string) {
  await expect(page.locator("#search-results .result-link").first()).toHaveText(name);
}
