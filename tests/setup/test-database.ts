/**
 * Test databases are real SQLite files. The global setup migrates one
 * template from empty; every test file gets its own copy of it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const TEMPLATE_PATH = path.join(os.tmpdir(), "beyond-hello-tests", "template.db");

export function freshDatabasePath(label = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-tests", `${label}-`));
  const file = path.join(dir, "db.sqlite");
  fs.copyFileSync(TEMPLATE_PATH, file);
  return file;
}
