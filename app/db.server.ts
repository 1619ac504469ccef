/** The app's one database connection (better-sqlite3 is synchronous; one is enough). */
import type { Kysely } from "kysely";
import { openDatabase } from "../db/database";
import type { Database } from "../db/schema";

let connection: Kysely<Database> | undefined;

export function getDb(): Kysely<Database> {
  connection ??= openDatabase();
  return connection;
}

export async function closeDb(): Promise<void> {
  await connection?.destroy();
  connection = undefined;
}
