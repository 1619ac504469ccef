import fs from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import { dropRunDatabases, newRunFolder, onPostgres, onTestServer, templateLocation } from "./test-database";

export default async function setup() {
  const folder = newRunFolder();
  if (onPostgres) await onTestServer(`create database ${new URL(templateLocation()).pathname.slice(1)}`);
  const db = openDatabase(templateLocation());
  await migrateOrThrow(db);
  // SQLite: fold the WAL into the file so a plain copy of it is complete. (PostgreSQL copies a database whole.)
  if (!onPostgres) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return async () => {
    if (onPostgres) await dropRunDatabases();
    fs.rmSync(folder, { recursive: true, force: true });
  };
}
