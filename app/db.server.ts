/** The app's one database handle: one SQLite connection (better-sqlite3 is synchronous), or a PostgreSQL pool. */
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
