import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright's own browser download cannot reach its host from our machines.
// The background-networking flags stop Chromium calling home, which this closed network refuses.
const chromium = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  workers: 2,
  // One retry: on 2 busy cores a page's lazy code has, once in many runs, not arrived within a test's
  // wait (CI, 2026-12-03: the account page after sign-in). A test that passes only on its retry is
  // reported as flaky by name at the end of .ci/test, not hidden.
  retries: 1,
  timeout: 30_000,
  use: {
    baseURL: process.env.PORTAL_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    { name: "phone", use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  ],
});
