import { languages, test, waitForHydration } from "./helpers";

// Pictures of the pages for people to look at: `SCREENSHOTS=1 npx playwright test screenshots`.
test.skip(!process.env.SCREENSHOTS, "only when SCREENSHOTS=1");

const pages = {
  home: "/",
  search: "/search?q=bac+vert",
  service: "/services/pothole",
  topic: "/services/property-tax",
  category: "/categories/waste",
  missing: "/nowhere",
  "sign-in": "/sign-in",
  register: "/account/register",
  forgot: "/account/forgot",
};

for (const lang of languages) {
  test.describe(lang.code, () => {
    test.use({ locale: lang.locale });
    for (const [name, path] of Object.entries(pages)) {
      test(name, async ({ page }, info) => {
        await page.goto(path);
        await waitForHydration(page);
        await page.screenshot({ path: `screenshots/${info.project.name}-${lang.code}-${name}.png`, fullPage: true });
      });
    }
  });
}
