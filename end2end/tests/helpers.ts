import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test as base } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";

/// Playwright's `test`, whose every page fails its test on a Content-Security-Policy violation (Chromium
/// reports each one on the console): every page every test opens, in both languages, is checked.
export const test = base.extend({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

/// Both languages, with what a page in each must say: every test that reads text runs in both.
export const languages = [
  { code: "fr", locale: "fr-CA", heading: "Comment pouvons-nous vous aider\u202f?", switchTo: "English", pothole: "Nid-de-poule" },
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
export const dataDir = process.env.PORTAL_DATA_DIR ?? "../data";

/// The body of an e-mail file, with quoted-printable and base64 parts decoded.
function readEml(raw: string): string {
  // Split on the message's own MIME boundaries only: a line of a body may start with "--" too (a
  // password link's token wrapped by quoted-printable), and cutting there lost half the link.
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = boundaries.length ? raw.split(new RegExp(`\\r?\\n--(?:${boundaries.join("|")})(?:--)?`)) : [raw];
  return parts
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

/// Waits for the e-mail sent to `to` (and containing `containing`, if given) and returns its text (decoded).
export async function emailTo(to: string, containing?: string): Promise<string> {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const folder = path.join(dataDir, "outbox", "email");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(folder, file), "utf8");
      if (!raw.includes(`To: ${to}`)) continue;
      const text = readEml(raw);
      if (!containing || text.includes(containing)) return text;
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

export const PASSWORD = "lampadaire vert du lac Ramsey";

export const words = {
  fr: {
    register: "Créer un compte",
    signIn: "Se connecter",
    checkEmail: "Consultez vos courriels",
    saved: "Votre mot de passe est enregistré",
    account: "Mon compte",
    profileSaved: "Vos renseignements sont enregistrés.",
    signOut: "Se déconnecter",
    signedOut: "Votre session est fermée.",
    signInLink: "Se connecter ou s'inscrire",
    problem: "Il y a un problème",
    smsPending: "Répondez OUI",
    smsOn: "Les mises à jour par message texte sont activées",
  },
  en: {
    register: "Create an account",
    signIn: "Sign in",
    checkEmail: "Check your e-mail",
    saved: "Your password is saved",
    account: "My account",
    profileSaved: "Your information is saved.",
    signOut: "Sign out",
    signedOut: "You are signed out.",
    signInLink: "Sign in or register",
    problem: "There is a problem",
    smsPending: "Reply OUI or YES",
    smsOn: "Text-message updates are on",
  },
} as const;

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/// Register → e-mail → password, through the pages; returns the address.
export async function register(page: Page, lang: "fr" | "en", options: { mobile?: string; sms?: boolean } = {}) {
  const w = words[lang];
  const email = uniqueEmail(`marie-${lang}`);
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.getByRole("link", { name: w.register }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.register);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.locator("#name").fill("Marie Tremblay");
  await page.locator("#email").fill(email);
  if (options.mobile) await page.locator("#mobile").fill(options.mobile);
  if (options.sms) await page.locator("#updates_by-sms").check();
  await page.getByRole("button", { name: lang === "fr" ? "Créer mon compte" : "Create my account" }).click();
  await expect(page.getByRole("heading", { name: w.checkEmail })).toBeVisible();

  const link = passwordLink(await emailTo(email));
  await page.goto(link);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.locator("#new_password").fill(PASSWORD);
  await page.locator("#new_password").press("Enter");
  await expect(page.getByRole("heading", { name: w.saved })).toBeVisible();
  return email;
}

/// Signs in through the form; residents land on their account, staff on the console.
export async function signIn(page: Page, lang: "fr" | "en", email: string, staff = false) {
  const w = words[lang];
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: w.signIn, exact: true }).click();
  if (staff) {
    await secondStep(page, email);
    await expect(page).toHaveURL(/\/staff$/);
  } else {
    await expect(page).toHaveURL(/\/account$/);
    // The address changes at once; the account page's code is a lazy chunk, which a machine busy with
    // other tests' password hashing can take more than the default 5 s to fetch and start.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.account, { timeout: 15_000 });
  }
}

/// Each staff member's authenticator in these tests: the key the enrolment page showed, and the last
/// 30-second step whose code was typed (a code is accepted once).
const authenticators = new Map<string, { key: string; lastStep: number }>();

/// RFC 6238's code for `key` (base32, as the enrolment page writes it) at `step`: what the app shows.
export function appCode(key: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...key.replace(/[\s=]/g, "").toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac("sha1", secret).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return ((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

/// The staff's second step after the password (`/staff/verify`): the first time, reads the key off the
/// enrolment page and keeps it, as a phone's app would; then types the app's code, a fresh one each time.
export async function secondStep(page: Page, email: string) {
  await expect(page).toHaveURL(/\/staff\/verify/);
  await waitForHydration(page);
  const key = page.locator(".secret-key");
  const code = page.locator("#code");
  await expect(code).toBeVisible();
  if ((await key.count()) > 0) authenticators.set(email, { key: (await key.textContent())!, lastStep: 0 });
  const app = authenticators.get(email)!;
  const now = Math.floor(Date.now() / 30_000);
  // The next step's code is accepted too; beyond, wait for the clock.
  if (app.lastStep > now) await page.waitForTimeout((app.lastStep - now) * 30_000);
  app.lastStep = Math.max(now, app.lastStep + 1);
  await code.fill(appCode(app.key, app.lastStep));
  await code.press("Enter");
  // At enrolment the recovery codes come first, with the way on.
  const codes = page.locator(".recovery-codes li");
  await expect.poll(async () => (await codes.count()) > 0 || /\/staff$/.test(page.url())).toBe(true);
  if ((await codes.count()) > 0) {
    await expect(codes).toHaveCount(10);
    await page.locator(".confirmation + p .button").click();
  }
}

/// The release binary the test command serves the portal with: staff accounts are made by IT on the server.
const server = path.join(__dirname, "..", "..", "target", "release", "server");

/// What one of IT's commands (`server create-staff`, `server create-api-key`...) prints, run on the
/// portal's data.
export function serverCommand(args: string[]): string {
  return execFileSync(server, args, {
    // The test's own PORTAL_URL and PORTAL_DATA_DIR would read as configuration keys: only the portal's go.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PORTAL_"))),
      PORTAL_SERVER__DATA_DIR: dataDir,
      RUST_LOG: "warn",
    },
  }).toString();
}

/// A staff account made with `server create-staff`, its password chosen through the e-mailed link's page.
export async function staffMember(page: Page, lang: "fr" | "en"): Promise<string> {
  const email = uniqueEmail(`agent-${lang}`);
  const printed = serverCommand(["create-staff", "--role", "agent", "--email", email, "--name", "Agent Lavoie", "--lang", lang]);
  const token = printed.match(/token=([A-Za-z0-9_-]+)/)![1];
  await page.goto(`/account/password?token=${token}`);
  await waitForHydration(page);
  await page.locator("#new_password").fill(PASSWORD);
  await page.locator("#new_password").press("Enter");
  await expect(page.locator(".confirmation")).toBeVisible();
  return email;
}


/// Calls a server function as the page's forms do (same cookies, this site's Origin); fails the test on a
/// refusal. For setting up what a test is not about.
export async function callApi(page: Page, fn: string, form: Record<string, string>) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/${fn}`, { form, headers: { Origin: origin, Accept: "application/json" } });
  expect(response.ok(), `${fn}: ${await response.text()}`).toBeTruthy();
  return response.json();
}

/// A draft for a pothole at 200 Brady St, filled up to its files, through the wizard's server functions;
/// returns its id.
export async function potholeDraft(page: Page): Promise<string> {
  const draft = (await callApi(page, "requests/start", { service: "pothole" })).split("/")[3];
  const [address] = await callApi(page, "addresses/suggest", { query: "200 brady" });
  await callApi(page, "requests/place", { draft, address: address.value });
  await callApi(page, "requests/details", { draft, "answers[size][0]": "large", description: "Profond / Deep" });
  return draft;
}
