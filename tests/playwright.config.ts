/**
 * End-to-end tests drive the built production server in Debian's Chromium.
 * `npm test` builds first; the server gets its own fresh database file.
 */
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3917);
export const e2eDatabasePath = path.join(os.tmpdir(), `beyond-hello-e2e-${port}`, "db.sqlite");
// The e-mail spec starts a real SMTP server (tests/setup/smtp.ts) on this loopback port; the forum sends to it.
export const e2eSmtpPort = port + 20000;

export default defineConfig({
  testDir: "e2e",
  // One folder per port, so two runs at once (say, a developer's and a helper's) never share artifacts.
  outputDir: `../test-results/e2e-${port}`,
  fullyParallel: false,
  workers: 2,
  // One retry, reported as "flaky" on npm test's closing line; a second failure fails the run. The race
  // that made it needed (walks that pressed "Add to guide" before the page had hydrated met a plain form
  // post with no "Added" message) is fixed in the product; the retry stays as a guard on a loaded 2-core CI.
  retries: 1,
  reporter: [["list"], ["json", { outputFile: "../.cache/reports/e2e.json" }]],
  timeout: 60_000,
  // Two cores render pages for two browsers and the server at once: an assertion waits up to 15 s, not 5 s,
  // so a slow render under load is not mistaken for a missing element.
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `rm -rf ${path.dirname(e2eDatabasePath)} && node build/server.js`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Specs post and vote faster than a person; limits are tested in tests/integration/rate-limits.test.ts.
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: e2eDatabasePath,
      NODE_ENV: "production",
      RATE_LIMITS: "off",
      SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort}`,
      // Queued notification e-mails go out within a second or two, not the default minute.
      MAIL_INTERVAL: "1",
    },
    stdout: "ignore", // one log line per request: too many to read here
    stderr: "pipe",
  },
});
