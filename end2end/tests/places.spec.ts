import { expect, Page } from "@playwright/test";
import path from "node:path";
import { expectNoAxeViolations, languages, test, waitForHydration } from "./helpers";

/// Any place in the city (issue 16): two streets, a named place, a pin on the map, each with "where
/// exactly"; by keyboard alone, with tiles that load or not, and without JavaScript.

/// The tiles: any PNG will do; .ci/test names tiles.test as the tile server, which only these tests serve.
const tile = path.join(__dirname, "..", "..", "server", "tests", "fixtures", "screenshot.png");

const words = {
  fr: {
    where: "Où est-ce\u202f?",
    corner: "rue Brady et rue Paris, Sudbury",
    park: "Parc Bell",
    near: /^Près du \d+, /,
    note: "Endroit exact (facultatif)",
    continue: "Continuer",
    details: "Le problème",
    back: "Retour",
    find: "Chercher",
    map: "Placer un repère sur la carte",
    north: "Vers le nord",
    closer: "Zoom avant",
  },
  en: {
    where: "Where is it?",
    corner: "Brady St & Paris St, Sudbury",
    park: "Bell Park",
    near: /^Near \d+ /,
    note: "Where exactly? (optional)",
    continue: "Continue",
    details: "About the problem",
    back: "Back",
    find: "Find",
    map: "Put a pin on the map",
    north: "Move north",
    closer: "Zoom in",
  },
} as const;

/// Presses Tab until `target` has the focus: how someone without a mouse gets there.
async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("never reached by Tab");
}

/// A new pothole request, at its first step.
async function whereStep(page: Page, w: (typeof words)["fr" | "en"]) {
  await page.goto("/requests/new?service=pothole");
  await page.locator("form button[type=submit]").last().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.where);
}

let tilesServed = 0;
async function serveTiles(page: Page, serve = true) {
  await page.route("http://tiles.test/**", (route) => {
    tilesServed++;
    return serve ? route.fulfill({ path: tile, contentType: "image/png" }) : route.abort();
  });
}

for (const lang of languages) {
  const w = words[lang.code];
  test.describe(`any place in the city (${lang.code})`, () => {
    test.use({ locale: lang.locale, extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang.code === "fr" ? 61 : 62}` } });

    test("by keyboard alone: two streets, a named place, a pin on the map", async ({ page }, info) => {
      test.setTimeout(60_000);
      const shot = async (name: string) => {
        if (process.env.SCREENSHOTS) {
          await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-place-${name}.png`, fullPage: true });
        }
      };
      await serveTiles(page);
      tilesServed = 0;
      await whereStep(page, w);
      await waitForHydration(page);
      expect(tilesServed, "no tile before the map is opened").toBe(0);

      // Two streets, then "where exactly", then Enter.
      await tabTo(page, page.locator("#address-query"));
      await page.keyboard.type("brady & paris");
      const corner = page.getByLabel(w.corner, { exact: true });
      await expect(corner).toBeVisible();
      await tabTo(page, corner);
      await page.keyboard.press("Space");
      await expect(corner).toBeChecked();
      await tabTo(page, page.getByLabel(w.note));
      await page.keyboard.type("côté nord, devant l'abribus");
      await expectNoAxeViolations(page);
      await shot("corner");
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.details);

      // Back: the corner and the note are kept.
      await tabTo(page, page.getByRole("link", { name: w.back }));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.where);
      await expect(page.getByLabel(w.corner, { exact: true })).toBeChecked();
      await expect(page.getByLabel(w.note)).toHaveValue("côté nord, devant l'abribus");
      await waitForHydration(page);

      // A named place, typed in the other language's words.
      await tabTo(page, page.locator("#address-query"));
      await page.keyboard.type(lang.code === "fr" ? "bell park" : "parc bell");
      // Tab reaches the group on its chosen place; the arrow keys move the choice.
      const park = page.getByLabel(w.park, { exact: true });
      await expect(park).toBeVisible();
      await tabTo(page, page.locator("input[name=address]:checked"));
      for (let i = 0; i < 10 && !(await park.isChecked()); i++) await page.keyboard.press("ArrowDown");
      await expect(park).toBeChecked();

      // The map: opened, moved north and closer with its buttons; its pin is the first choice, chosen.
      await tabTo(page, page.getByRole("link", { name: w.map }));
      await page.keyboard.press("Enter");
      await expect(page.locator(".map-frame image").first()).toBeAttached();
      await tabTo(page, page.getByRole("link", { name: w.north }));
      await page.keyboard.press("Enter");
      await tabTo(page, page.getByRole("link", { name: w.closer }));
      await page.keyboard.press("Enter");
      const pin = page.locator("input[name=address]").first();
      await expect(pin).toHaveValue(/^pin:/);
      await expect(pin).toBeChecked();
      await expect(page.locator(`label[for=address]`)).toHaveText(w.near);
      expect(tilesServed).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await shot("map");
      await tabTo(page, page.getByRole("button", { name: w.continue }));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.details);
    });

    test("when the tiles cannot load, the map's pin and the text fields still work", async ({ page }) => {
      await serveTiles(page, false);
      await whereStep(page, w);
      await waitForHydration(page);
      await page.getByRole("link", { name: w.map }).click();
      await page.getByRole("link", { name: w.north }).click();
      await expect(page.locator("input[name=address]").first()).toHaveValue(/^pin:/);
      await page.locator("#address-query").fill("brady & paris");
      await page.getByLabel(w.corner, { exact: true }).check();
      await page.getByRole("button", { name: w.continue }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.details);
    });
  });

  test.describe(`any place in the city, without JavaScript (${lang.code})`, () => {
    test.use({ locale: lang.locale, javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang.code === "fr" ? 63 : 64}` } });

    test("Find lists the corner; the map's links move the pin", async ({ page }) => {
      await serveTiles(page);
      await whereStep(page, w);
      await page.locator("#address-query").fill("brady & paris");
      await page.getByRole("button", { name: w.find }).click();
      await page.getByLabel(w.corner, { exact: true }).check();
      await page.getByLabel(w.note).fill("coin nord-est");
      await page.getByRole("button", { name: w.continue }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.details);
      await page.getByRole("link", { name: w.back }).click();
      await expect(page.getByLabel(w.corner, { exact: true })).toBeChecked();

      await page.getByRole("link", { name: w.map }).click();
      await expect(page).toHaveURL(/[?&]map=/);
      await page.getByRole("link", { name: w.north }).click();
      const pin = page.locator("input[name=address]").first();
      await expect(pin).toHaveValue(/^pin:/);
      await expect(pin).toBeChecked();
      await expect(page.locator(".map-frame image").first()).toBeAttached();
      // (axe needs JavaScript: the same page is scanned in the test above.)
      await page.getByRole("button", { name: w.continue }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.details);
    });
  });
}
