import { expect, Locator, Page } from "@playwright/test";
import path from "path";
import { emailTo, expectNoAxeViolations, languages, signIn, staffMember, test, uniqueEmail, waitForHydration } from "./helpers";

/// Photos the server tests use too (server/tests/fixtures/README.md).
const fixtures = path.join(__dirname, "..", "..", "server", "tests", "fixtures");

const w = {
  fr: {
    title: "Nouveau contact",
    nobody: "Personne ne correspond. Créez un profil ci-dessous.",
    serving: "Personne servie",
    noAccount: "Sans compte en ligne",
    large: "Grand (plus de 60 cm)",
    forCaller: "Pour\u00a0: Zoé Gagnon · Téléphone",
    phone: "Téléphone",
    filed: "Soumise pour la personne par un préposé ou une préposée (Téléphone)",
    receipt: "Nous avons reçu votre demande",
    logged: "Renseignement consigné.",
    problem: "Il y a un problème",
    addEmail: "Ajouter son adresse courriel",
  },
  en: {
    title: "New contact",
    nobody: "Nobody matches. Make a profile below.",
    serving: "Serving",
    noAccount: "No online account",
    large: "Large (over 60 cm)",
    forCaller: "For: Zoé Gagnon · Phone",
    phone: "Phone",
    filed: "Filed for the resident by an agent (Phone)",
    receipt: "We received your request",
    logged: "Inquiry logged.",
    problem: "There is a problem",
    addEmail: "Add their e-mail address",
  },
} as const;

/// Every key the agent presses, and how many of them are Tab.
type Counter = { keys: number; tabs: number };

/// Presses Tab until `target` has the focus, and counts the presses: the agent's tab stops.
async function tabTo(page: Page, target: Locator, counter: Counter) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
    counter.keys += 1;
    counter.tabs += 1;
  }
  throw new Error(`never reached ${target}`);
}

/// Types `text` and counts its keystrokes.
async function type(page: Page, text: string, counter: Counter) {
  await page.keyboard.type(text);
  counter.keys += [...text].length;
}

async function press(page: Page, key: string, counter: Counter) {
  await page.keyboard.press(key);
  counter.keys += 1;
}

for (const lang of languages) {
  const t = w[lang.code];
  test.describe(`agent intake (${lang.code})`, () => {
    test.use({ locale: lang.locale });

    test("an agent takes a phone call with the keyboard only, from find-the-caller to the reference", async ({ page }, info) => {
      test.setTimeout(120_000);
      const shot = async (name: string) => {
        if (process.env.SCREENSHOTS) {
          await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-intake-${name}.png`, fullPage: true });
        }
      };
      const agent = await staffMember(page, lang.code);
      await signIn(page, lang.code, agent, true);
      await page.goto("/staff/contact");
      await waitForHydration(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
      await expectNoAxeViolations(page);
      await shot("start");

      // From here on, only the keyboard; every key counted (docs/PERFORMANCE.md).
      const counter: Counter = { keys: 0, tabs: 0 };
      const caller = uniqueEmail(`zoe-${lang.code}`);
      await tabTo(page, page.locator("#q"), counter);
      await type(page, caller, counter);
      await press(page, "Enter", counter);
      await expect(page.getByRole("status").filter({ hasText: t.nobody })).toBeVisible();
      await waitForHydration(page);
      // What was typed is already in the new profile's form.
      await expect(page.locator("#email")).toHaveValue(caller);
      await expectNoAxeViolations(page);
      await shot("nobody");
      await tabTo(page, page.locator("#name"), counter);
      await type(page, "Zoé Gagnon", counter);
      await press(page, "Enter", counter);

      await expect(page.getByRole("heading", { name: t.serving })).toBeVisible();
      await expect(page.getByText(t.noAccount)).toBeVisible();
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await shot("serving");
      await tabTo(page, page.locator("#service"), counter);
      await type(page, lang.pothole.slice(0, 3), counter);
      await expect(page.locator("#service")).toHaveValue("pothole");
      // Enter in a drop-down does not send its form: on to the button.
      await press(page, "Tab", counter);
      await press(page, "Enter", counter);

      // One page: the address box has the focus at once; then the questions, the description, the files.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.pothole);
      await expect(page.getByText(t.forCaller)).toBeVisible();
      await waitForHydration(page);
      await expect(page.locator("#address-query")).toBeFocused();
      const beforeRequest = { ...counter };
      await type(page, "200 brady", counter);
      const address = page.getByLabel(lang.code === "fr" ? "200, rue Brady, Sudbury" : "200 Brady St, Sudbury", { exact: true });
      await expect(address).toBeVisible();
      await tabTo(page, address, counter);
      await press(page, "Space", counter);
      // A radio group is one tab stop; the arrow keys choose within it.
      await tabTo(page, page.locator("#answer-0"), counter);
      for (let i = 0; i < 5 && !(await page.getByLabel(t.large).isChecked()); i++) {
        await press(page, "ArrowDown", counter);
      }
      await expect(page.getByLabel(t.large)).toBeChecked();
      // The caller's e-mailed photo, attached without leaving the page (not counted: a file dialog);
      // what was chosen above stays.
      await page.locator("#files").setInputFiles(path.join(fixtures, "phone-photo.jpg"));
      await expect(page.locator(".file-list .file-item")).toHaveCount(1);
      await expect(page.getByLabel(t.large)).toBeChecked();
      await expect(address).toBeChecked();
      await expectNoAxeViolations(page);
      await shot("request");
      await tabTo(page, page.locator("main button[type=submit]").last(), counter);
      await press(page, "Enter", counter);

      // The console's page of the request: its reference to read back, how it came in, who filed it.
      await expect(page).toHaveURL(/\/staff\/requests\/\d{4}-\d{6}$/);
      const reference = page.url().split("/").pop()!;
      await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
      await expect(page.locator(".request-facts").first()).toContainText(t.phone);
      await expect(page.getByText(t.filed)).toBeVisible();
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await shot("filed");
      console.log(
        `intake keys (${lang.code}, ${info.project.name}): ${counter.keys}, of which Tab ${counter.tabs}, e-mail typed ${caller.length}; ` +
          `on the request's page ${counter.keys - beforeRequest.keys}, of which Tab ${counter.tabs - beforeRequest.tabs}`,
      );

      // The receipt reached the caller; the queue says how the request came in.
      expect(await emailTo(caller, reference)).toContain(t.receipt);
      await page.goto("/staff?channel=phone");
      await waitForHydration(page);
      await expect(page.getByRole("row").filter({ hasText: reference })).toContainText(t.phone);
      await expectNoAxeViolations(page);
    });

    test("a caller with a phone number only; an inquiry logged, and a bad topic refused", async ({ page }, info) => {
      const agent = await staffMember(page, lang.code);
      await signIn(page, lang.code, agent, true);
      // Found by nobody: the number typed fills the profile's phone, and the profile can get an e-mail later.
      const mobile = `705 555 ${String(Math.floor(Math.random() * 9000) + 1000)}`;
      await page.goto(`/staff/contact?channel=counter&q=${encodeURIComponent(mobile)}`);
      await waitForHydration(page);
      await expect(page.locator("#mobile")).toHaveValue(mobile);
      await page.locator("#name").fill("Luc Morin");
      await page.locator("#name").press("Enter");
      await expect(page.getByRole("heading", { name: t.addEmail })).toBeVisible();
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-intake-phone-only.png`, fullPage: true });
      }
      // The one-page form sent empty: every problem listed at once, in the agent's language, nothing filed.
      await page.locator("#service").selectOption("pothole");
      await page.locator("#service").evaluate((select) => select.closest("form")!.requestSubmit());
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.pothole);
      await waitForHydration(page);
      await page.locator("main button[type=submit]").last().click();
      await expect(page.locator(".error-summary")).toContainText(t.problem);
      await expect(page.locator(".error-summary li")).toHaveCount(2);
      await expect(page).toHaveURL(/\/staff\/contact\/[\w-]+$/);
      await expectNoAxeViolations(page);

      await page.goto("/staff/contact?channel=counter");
      await waitForHydration(page);
      await page.locator("#topic").selectOption("property-tax");
      await page.locator("#note").fill("x".repeat(501));
      await page.locator("#note").press("Tab");
      await page.locator("#note").evaluate((note) => note.closest("form")!.requestSubmit());
      await expect(page.locator(".error-summary")).toContainText(t.problem);
      await expectNoAxeViolations(page);
      await page.locator("#note").fill("Date limite du compte de taxes");
      await page.locator("#note").evaluate((note) => note.closest("form")!.requestSubmit());
      await expect(page.getByText(t.logged)).toBeVisible();
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-intake-inquiry.png`, fullPage: true });
      }
    });
  });
}
