// `npm run audit`: Lighthouse (mobile settings, its defaults) in Debian's Chromium against the built
// server, on `/`, a thread page, `/guide` and `/about`; prints the four category scores per page.
// Run it on a quiet machine: Performance measures time, and other work on the cores changes it.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startLocalServer } from "./local-server.js";

const PAGES = ["/", "/threads/the-opener", "/guide", "/about"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const server = await startLocalServer();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const rows = [];
try {
  for (const page of PAGES) {
    const result = await lighthouse(`${server.origin}${page}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const { categories, audits } = result.lhr;
    rows.push({
      page,
      ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c].score ?? 0) * 100)])),
      "first contentful paint": audits["first-contentful-paint"].displayValue,
      "unused JavaScript": audits["unused-javascript"].displayValue || "none",
    });
  }
} finally {
  await chrome.kill();
  server.stop();
}
console.table(rows);
