// `npm run audit`: Lighthouse (mobile settings, its defaults) in Debian's Chromium against the built
// server, on `/`, a thread page, `/guide` and `/about`; prints the four category scores per page.
// Run it on a quiet machine: Performance measures time, and other work on the cores changes it.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startLocalServer } from "./local-server.js";

const PAGES = process.argv.length > 2 ? process.argv.slice(2) : ["/", "/threads/the-opener", "/guide", "/about"];
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
    const { categories, audits, runtimeError } = result.lhr;
    // A page Lighthouse could not load scores 0 everywhere: say why rather than print the zeros silently.
    if (runtimeError) console.error(`${page}: ${runtimeError.code} ${runtimeError.message}`);
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
