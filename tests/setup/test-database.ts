/**
 * Test databases are real SQLite files. The global setup migrates one
 * template from empty; every test file gets its own copy of it. Each run has
 * its own folder, so two runs at once (a developer's and a helper's) never
 * delete each other's template.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(os.tmpdir(), "beyond-hello-tests");

/** Called once per run, in the global setup; the workers inherit the path through the environment. */
export function newRunFolder(): string {
  fs.mkdirSync(ROOT, { recursive: true });
  const folder = fs.mkdtempSync(path.join(ROOT, "run-"));
  process.env.BEYOND_HELLO_TEST_TEMPLATE = path.join(folder, "template.db");
  return folder;
}

export function templatePath(): string {
  const template = process.env.BEYOND_HELLO_TEST_TEMPLATE;
  if (!template)
    throw new Error("The test template database is not set up: run tests through vitest with tests/vitest.config.ts.");
  return template;
}

export function freshDatabasePath(label = "test"): string {
  const template = templatePath();
  const dir = fs.mkdtempSync(path.join(path.dirname(template), `${label}-`));
  const file = path.join(dir, "db.sqlite");
  fs.copyFileSync(template, file);
  return file;
}
