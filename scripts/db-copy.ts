/**
 * `npm run db:copy -- <from> <to>`: copies a forum between SQLite files and
 * PostgreSQL databases (postgres://… URLs), either way. Stop the server first;
 * the target must be new (or migrated and empty). See the README: moving to PostgreSQL.
 */
import fs from "node:fs";
import { copyDatabase } from "../db/copy";
import { databaseLabel, openDatabase } from "../db/database";
import { isPostgresUrl } from "../db/postgres";

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error("Usage: npm run db:copy -- <from: file or postgres://…> <to: file or postgres://…>");
  process.exit(2);
}
if (!isPostgresUrl(from) && !fs.existsSync(from)) {
  console.error(`There is no database at ${from}.`);
  process.exit(1);
}
const source = openDatabase(from);
const target = openDatabase(to);
try {
  const report = await copyDatabase(source, target);
  for (const { table, rows, sampled } of report.tables)
    console.log(`${table.padEnd(16)} ${String(rows).padStart(9)} rows, ${sampled} compared field by field`);
  console.log(`Copied ${databaseLabel(from)} to ${databaseLabel(to)}; counts and samples match.`);
} catch (error) {
  console.error(`The copy failed; nothing was copied.\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await source.destroy();
  await target.destroy();
}
