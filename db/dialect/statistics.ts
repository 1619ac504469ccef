/**
 * Fresh statistics for the query planner, run on every server start.
 * SQLite: `pragma optimize` analyses only the tables that changed enough.
 * PostgreSQL: autovacuum keeps statistics itself; after a migration or a bulk
 * copy (db:copy) a table may have none yet, so tables never analysed are
 * analysed now, the rest left to autovacuum.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "./engine";

export async function refreshPlannerStatistics(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === "sqlite") {
    await sql`pragma optimize`.execute(db);
    return;
  }
  const { rows } = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema() and last_analyze is null and last_autoanalyze is null`.execute(db);
  for (const { relname } of rows) await sql`analyze ${sql.id(relname)}`.execute(db);
}
