import { expect } from "@playwright/test";
import { expectNoAxeViolations, languages, serverCommand, signIn, staffMember, test, waitForHydration } from "./helpers";

/// Issue 17: the Open311 API's page for developers, linked from every page's footer, and the API
/// itself read as a developer's browser would (from the page, in the page's language); a request an
/// app files with its key, as staff see it in the console.
const w = {
  fr: {
    link: "API Open311",
    title: "API Open311 pour les développeurs",
    group: "Routes et trottoirs",
    filing: "Soumettre une demande",
    keys: "Clés",
    channel: "Application (API Open311)",
  },
  en: {
    link: "Open311 API",
    title: "Open311 API for developers",
    group: "Roads and sidewalks",
    filing: "Filing a request",
    keys: "Keys",
    channel: "App (Open311 API)",
  },
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
      await expect(page.getByRole("heading", { level: 2, name: t.filing })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: t.keys })).toBeVisible();
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

    test("a request an app files with its key is in the console, as the app's", async ({ page }, info) => {
      const name = `E2E ${lang.code} ${info.project.name} ${Date.now()}`;
      const key = serverCommand(["create-api-key", "--name", name]).trim().split("\n").pop()!;
      const filed = await page.request.post("/open311/v2/requests.json", {
        form: {
          api_key: key,
          service_code: "pothole",
          address_string: "200 Brady",
          "attribute[size]": "large",
          description: "Sent by a partner's app",
          locale: lang.code,
        },
      });
      expect(filed.status(), await filed.text()).toBe(200);
      const reference: string = (await filed.json())[0].service_request_id;

      await signIn(page, lang.code, await staffMember(page, lang.code), true);
      await page.goto("/staff?channel=open311");
      await expect(page.getByRole("link", { name: reference })).toBeVisible();
      await page.getByRole("link", { name: reference }).click();
      await expect(page.locator("main")).toContainText(`${t.channel} — ${name}`);
      await expectNoAxeViolations(page);
    });
  });
}
