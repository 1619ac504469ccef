/**
 * `npm run db:backup -- <file>`: a consistent copy of the live database,
 * taken with SQLite's online backup while the server keeps running.
 * Restore: stop the server, replace DATABASE_PATH's file with the copy (and
 * delete any -wal and -shm files beside it), start the server.
 * With DATABASE_URL (PostgreSQL), backups are pg_dump's: see the README.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { databasePath, openSqlite } from "../db/database";

if (process.env.DATABASE_URL) {
  console.error("DATABASE_URL is set: back up PostgreSQL with pg_dump (see the README), not this command.");
  process.exit(2);
}

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run db:backup -- <file>");
  process.exit(2);
}
if (fs.existsSync(target)) {
  console.error(`${target} exists already; choose a new file name so no backup is overwritten.`);
  process.exit(1);
}

const source = databasePath();
if (!fs.existsSync(source)) {
  console.error(`There is no database at ${source}.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = openSqlite(source);
try {
  await db.backup(target);
  // A backup is one self-contained file: take it out of WAL mode so no -wal or -shm file sits beside it.
  const check = new SQLite(target);
  check.pragma("journal_mode = DELETE");
  const result = check.pragma("integrity_check", { simple: true });
  check.close();
  if (result !== "ok") throw new Error(`the copy failed its integrity check: ${String(result)}`);
  console.log(
    `Backed up ${source} to ${target} (${fs.statSync(target).size.toLocaleString("en-GB")} bytes, integrity ok).`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  db.close();
}
