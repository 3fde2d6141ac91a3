// Bytes a first visit to a page transfers (HTML, CSS, JS, WASM, icon), compressed as served, measured by
// Chromium itself: `node perf/first-visit.mjs http://127.0.0.1:3000/ [fr-CA]` (the browser's language: the page
// and its messages come in that language; English by default).
import { chromium } from "@playwright/test";

const url = process.argv[2] ?? "http://127.0.0.1:3000/";
const locale = process.argv[3] ?? "en-CA";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await (await browser.newContext({ locale })).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Network.enable");
const rows = new Map();
cdp.on("Network.responseReceived", (e) => rows.set(e.requestId, { url: e.response.url, encoding: e.response.headers["content-encoding"] ?? "-" }));
cdp.on("Network.loadingFinished", (e) => rows.has(e.requestId) && (rows.get(e.requestId).bytes = e.encodedDataLength));
await page.goto(url, { waitUntil: "networkidle" });
await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
await browser.close();

let total = 0;
for (const { url: u, encoding, bytes = 0 } of rows.values()) {
  total += bytes;
  console.log(`${String(bytes).padStart(8)}  ${encoding.padEnd(3)}  ${u}`);
}
console.log(`${String(total).padStart(8)}  total bytes on the wire (headers included)`);
