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

/// The portal's data folder (the test command starts the portal on it): its outbox holds what was "sent".
const dataDir = process.env.PORTAL_DATA_DIR ?? "../data";

/// The body of an e-mail file, with quoted-printable and base64 parts decoded.
function readEml(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]+/)
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join("\n\n");
      if (/content-transfer-encoding:\s*base64/i.test(head)) {
        return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      }
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
        return Buffer.from(bytes, "latin1").toString("utf8");
      }
      return body;
    })
    .join("\n");
}

/// Waits for the e-mail sent to `to` and returns its text (decoded).
export async function emailTo(to: string): Promise<string> {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const folder = path.join(dataDir, "outbox", "email");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(folder, file), "utf8");
      if (raw.includes(`To: ${to}`)) return readEml(raw);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no e-mail to ${to} in ${folder}`);
}

/// The password link an e-mail carries, as a path on the portal.
export function passwordLink(email: string): string {
  const match = email.match(/\/account\/password\?token=[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no password link in:\n${email}`);
  return match[0];
}

/// A fresh address per test, so that tests and their reruns never meet.
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.ca`;
}
