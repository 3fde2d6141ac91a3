import { Browser, BrowserContext, expect, Page, TestInfo } from "@playwright/test";
import { callApi, languages, potholeDraft, register, signIn, staffMember, test, waitForHydration } from "./helpers";
import { Form, Language, switchBothWays } from "./switching";

/// Switching language in the middle of a form keeps what was typed (issue 16), on every form residents,
/// agents and staff fill in: with JavaScript the text changes in place; without it, the switch is a button of the form
/// that carries the fields back into the page in the other language, never a password, and saves nothing.

/// Those anyone fills in, where they are (some on the wizard's pages of `draft`). The chat's start form is
/// tested in chat.spec.ts: it shows only while an agent is on the desk, which that test holds.
const forms: (Form & { path: (draft: string) => string })[] = [
  { name: "portal feedback", path: () => "/feedback", fields: { "#improve": "Des cartes hors ligne, s'il vous plaît" } },
  { name: "barrier report", path: () => "/accessibility", fields: { "#barrier": "Le bouton est trop petit", "#contact": "705 555-0101" } },
  { name: "sign-in", path: () => "/sign-in", fields: { "#email": "marie@example.ca" }, secret: "#password" },
  { name: "registration", path: () => "/account/register", fields: { "#name": "Marie Tremblay", "#email": "marie@example.ca", "#mobile": "705 555-0102" } },
  { name: "forgotten password", path: () => "/account/forgot", fields: { "#email": "marie@example.ca" } },
  { name: "request's place", path: (draft) => `/requests/drafts/${draft}/where`, fields: { "#place_note": "devant l'abribus" } },
  { name: "request's details", path: (draft) => `/requests/drafts/${draft}/details`, fields: { "#description": "Plus profond que prévu" } },
];

/// A request for a pothole at 200 Brady St, sent by the signed-in resident of `page`; its reference.
async function submitted(page: Page): Promise<string> {
  const draft = await potholeDraft(page);
  return (await callApi(page, "requests/submit", { draft })).replace("/requests/", "");
}

/// Signing in takes the pages' JavaScript: a browser context of the project's size, with it or without,
/// signed in as `from` is. Each run of the test comes from an address of its own (the portal is behind a
/// proxy in the tests), so that the four runs' registrations stay within one address's limit.
async function contextFor(browser: Browser, info: TestInfo, lang: Language, javaScriptEnabled: boolean, from?: BrowserContext) {
  const { baseURL, viewport, isMobile, hasTouch } = info.project.use;
  const storageState = from && (await from.storageState());
  const run = (lang.code === "fr" ? 0 : 4) + (javaScriptEnabled ? 0 : 2) + (info.project.name === "phone" ? 0 : 1);
  const extraHTTPHeaders = { "X-Forwarded-For": `198.51.100.${60 + run}` };
  return browser.newContext({ baseURL, viewport, isMobile, hasTouch, locale: lang.locale, javaScriptEnabled, storageState, extraHTTPHeaders });
}

for (const lang of languages) {
  for (const javaScript of [true, false]) {
    test.describe(`switching language keeps the form (${lang.code}, ${javaScript ? "with" : "without"} JavaScript)`, () => {
      test.use({ locale: lang.locale, javaScriptEnabled: javaScript });

      test("every form a resident fills in", async ({ page }) => {
        test.setTimeout(60_000);
        await page.goto("/");
        const draft = await potholeDraft(page);
        for (const form of forms) await switchBothWays(page, form, form.path(draft), lang, javaScript);
        // Nothing was saved: the draft's details are what they were.
        await page.goto(`/requests/drafts/${draft}/details`);
        await expect(page.locator("#description")).toHaveValue("Profond / Deep");
      });

      test("every form of a signed-in resident, an agent and staff", async ({ browser }, info) => {
        test.setTimeout(180_000);
        // Set up with JavaScript: an account with a request still open and one completed; an agent
        // serving a caller on the telephone, whose one-page request form is open.
        const residentSetup = await contextFor(browser, info, lang, true);
        const resident = await residentSetup.newPage();
        await signIn(resident, lang.code, await register(resident, lang.code));
        const [open, done] = [await submitted(resident), await submitted(resident)];
        const staffSetup = await contextFor(browser, info, lang, true);
        const agent = await staffSetup.newPage();
        await signIn(agent, lang.code, await staffMember(agent, lang.code), true);
        await agent.goto(`/staff/requests/${done}`);
        await waitForHydration(agent);
        await agent.locator("#status").selectOption("completed");
        await Promise.all([
          agent.waitForResponse((response) => response.url().includes("/api/staff/update") && response.ok()),
          agent.locator("#status").evaluate((select) => select.closest("form")!.requestSubmit()),
        ]);
        const mobile = `705 555 ${String(Math.floor(Math.random() * 9000) + 1000)}`;
        const finding = `/staff/contact?channel=phone&q=${encodeURIComponent(mobile)}`;
        await agent.goto(finding);
        await waitForHydration(agent);
        await agent.locator("#name").fill("Luc Morin");
        await agent.locator("#name").press("Enter");
        await expect(agent).toHaveURL(/caller=\d+/);
        const serving = agent.url();
        await agent.locator("#service").selectOption("pothole");
        await agent.locator("#service").evaluate((select) => select.closest("form")!.requestSubmit());
        await expect(agent).toHaveURL(/\/staff\/contact\/[\w-]+$/);
        const onePage = agent.url();

        // Then each form, in the mode under test, with the same sessions.
        const residentPage = await (await contextFor(browser, info, lang, javaScript, residentSetup)).newPage();
        const residentForms: [Form, string][] = [
          [{ name: "account profile", fields: { "#name": "Marie-Ève Tremblay", "#mobile": "705 555-0103" } }, "/account"],
          [{ name: "add information", fields: { "#note": "La bordure est brisée aussi" } }, `/requests/${open}`],
          [
            { name: "survey", fields: { "#comment": "Rapide, merci" }, ticked: ["#resolved", "#ease-4", "#satisfaction-5"] },
            `/requests/${done}/survey`,
          ],
        ];
        for (const [form, path] of residentForms) await switchBothWays(residentPage, form, path, lang, javaScript);
        const staffPage = await (await contextFor(browser, info, lang, javaScript, staffSetup)).newPage();
        const staffForms: [Form, string][] = [
          [
            { name: "staff change", fields: { "#note": "Équipe demain" }, lists: { "#status": "in_progress" }, ticked: ["#visibility-public"] },
            `/staff/requests/${open}`,
          ],
          [{ name: "caller's new profile", fields: { "#name": "Zoé Gagnon", "#email": "zoe@example.ca" } }, finding.replace(/\d{4}$/, "0000")],
          [{ name: "inquiry", fields: { "#note": "Date limite du compte de taxes" }, lists: { "#topic": "property-tax" } }, "/staff/contact?channel=phone"],
          [{ name: "file for the caller", fields: {}, lists: { "#service": "pothole" } }, serving],
          [{ name: "one-page request", fields: { "#description": "Près du trottoir", "#place_note": "coin nord" } }, onePage],
        ];
        for (const [form, path] of staffForms) await switchBothWays(staffPage, form, path, lang, javaScript);

        // Nothing was saved: the open request is as it was sent, and the caller is who they were.
        await residentPage.goto(`/requests/${open}`);
        await expect(residentPage.locator(".timeline")).not.toContainText("La bordure est brisée aussi");
        await expect(residentPage.locator(".timeline")).not.toContainText("Équipe demain");
        await residentPage.goto("/account");
        await expect(residentPage.locator("#name")).toHaveValue("Marie Tremblay");
      });
    });
  }
}
