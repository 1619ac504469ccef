/**
 * The two column shapes the engines spell differently, for migrations.
 * SQLite's "integer primary key autoincrement" is PostgreSQL's identity column;
 * "real" is 8 bytes in SQLite but 4 in PostgreSQL, where the same 8 bytes are
 * "double precision" (a Wilson score kept to 7 digits would tie neighbours).
 */
import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import { engineOf } from "./engine";

export function autoIncrementId(db: Kysely<any>) {
  return engineOf(db) === "postgres"
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();
}

export function float8(db: Kysely<any>): "real" | "double precision" {
  return engineOf(db) === "postgres" ? "double precision" : "real";
}
