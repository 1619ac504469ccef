// `npm test`: format check, lint, type-check, a production build, unit and integration tests
// (vitest) on SQLite, the integration tests again on PostgreSQL when TEST_DATABASE_URL names
// a server (scripts/with-postgres.sh starts one; CI does), then end-to-end tests (Playwright
// in Debian's Chromium). Installs Chromium with apt-get when it is missing and we are root;
// otherwise says how.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const postgresUrl = process.env.TEST_DATABASE_URL;
const sqliteEnv = { ...process.env };
delete sqliteEnv.TEST_DATABASE_URL;
delete sqliteEnv.DATABASE_URL;

function step(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

function ensureChromium() {
  if (fs.existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${chromium}. Install Debian's package: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  step("Installing Debian's Chromium", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation > /tmp/beyond-hello-apt.log 2>&1 || (tail -20 /tmp/beyond-hello-apt.log; exit 1)",
  ]);
}

// The W3C Nu HTML Checker (vnu-jar, run by tests/e2e/looks.spec.ts) needs Java: Debian's default JRE.
function ensureJava() {
  if (spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      "Java is missing (the HTML checker needs it). Install it: sudo apt-get install -y default-jre-headless",
    );
    process.exit(1);
  }
  step("Installing Debian's Java (for the HTML checker)", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless > /tmp/beyond-hello-apt-java.log 2>&1 || (tail -20 /tmp/beyond-hello-apt-java.log; exit 1)",
  ]);
}

const bin = (name) => `node_modules/.bin/${name}`;
fs.rmSync(".cache/reports", { recursive: true, force: true });
fs.mkdirSync(".cache/reports", { recursive: true });

ensureChromium();
ensureJava();
step("Format check", bin("prettier"), ["--check", ".", "--log-level", "warn"]);
step("Lint", bin("eslint"), ["."]);
step("Type check", bin("tsc"), ["--noEmit"]);
step("Production build", process.execPath, ["scripts/build.js"]);
step(
  "Unit and integration tests (SQLite)",
  bin("vitest"),
  [
    "run",
    "--config",
    "tests/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.cache/reports/vitest.json",
  ],
  { env: sqliteEnv },
);
if (postgresUrl) {
  step("Integration tests (PostgreSQL)", bin("vitest"), [
    "run",
    "--config",
    "tests/vitest.config.ts",
    "tests/integration",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.cache/reports/vitest-postgres.json",
  ]);
} else {
  console.log(
    "\n(no TEST_DATABASE_URL: integration tests on SQLite only; scripts/with-postgres.sh npm test runs both)",
  );
}
step("End-to-end tests", bin("playwright"), ["test", "--config", "tests/playwright.config.ts"], { env: sqliteEnv });

// One closing line over both runners, in the plain form CI reads.
const vitest = JSON.parse(fs.readFileSync(".cache/reports/vitest.json", "utf8"));
const onPostgres = postgresUrl ? JSON.parse(fs.readFileSync(".cache/reports/vitest-postgres.json", "utf8")) : null;
const e2e = JSON.parse(fs.readFileSync(".cache/reports/e2e.json", "utf8"));
const runs = [vitest, onPostgres].filter(Boolean);
const sum = (pick) => runs.reduce((total, run) => total + (pick(run) ?? 0), 0);
const passed = sum((r) => r.numPassedTests) + (e2e.stats?.expected ?? 0);
const failed = sum((r) => r.numFailedTests) + (e2e.stats?.unexpected ?? 0);
const skipped = sum((r) => r.numPendingTests) + sum((r) => r.numTodoTests) + (e2e.stats?.skipped ?? 0);
const pgLine = onPostgres ? `; PostgreSQL: ${onPostgres.numPassedTests} passed` : "";
const flaky = e2e.stats?.flaky ? ` (${e2e.stats.flaky} passed only on its retry: flaky)` : "";
console.log(
  `\nvitest: ${vitest.numPassedTests} passed${pgLine}; end-to-end: ${e2e.stats?.expected ?? 0} passed${flaky}`,
);
console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
