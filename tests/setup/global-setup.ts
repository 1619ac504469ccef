import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import { TEMPLATE_PATH } from "./test-database";

export default async function setup() {
  fs.rmSync(path.dirname(TEMPLATE_PATH), { recursive: true, force: true });
  const db = openDatabase(TEMPLATE_PATH);
  await migrateOrThrow(db);
  // Fold the WAL into the file so a plain copy of it is complete.
  const { sql } = await import("kysely");
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return () => fs.rmSync(path.dirname(TEMPLATE_PATH), { recursive: true, force: true });
}
