// `npm run screenshots`: `/`, a thread and `/guide`, at phone (390 px) and desktop (1280 px) widths, in the
// light and dark themes, saved as full-page PNGs in .cache/screenshots/ (ignored by git) to look at.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startLocalServer } from "./local-server.js";

const PAGES = { home: "/", thread: "/threads/did-i-handle-it-well", guide: "/guide" };
const WIDTHS = { phone: 390, desktop: 1280 };
const folder = path.resolve(".cache/screenshots");
fs.mkdirSync(folder, { recursive: true });

const server = await startLocalServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" });
try {
  for (const theme of ["light", "dark"]) {
    for (const [device, width] of Object.entries(WIDTHS)) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
      for (const [name, address] of Object.entries(PAGES)) {
        await page.goto(`${server.origin}${address}`);
        const file = path.join(folder, `${name}-${device}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
