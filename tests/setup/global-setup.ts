import fs from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import { newRunFolder, templatePath } from "./test-database";

export default async function setup() {
  const folder = newRunFolder();
  const db = openDatabase(templatePath());
  await migrateOrThrow(db);
  // Fold the WAL into the file so a plain copy of it is complete.
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
