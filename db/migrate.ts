/**
 * Brings the database to the latest migration. Run on every start and by
 * `npm run db:migrate` (scripts/db-migrate.ts); a failed migration rolls back.
 */
import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";

export async function migrateToLatest(db: Kysely<any>, list = migrations): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(list) } });
  return migrator.migrateToLatest();
}

/** Migrates, throwing the migration's own error if one failed. */
export async function migrateOrThrow(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrateToLatest(db);
  if (error) throw error instanceof Error ? error : new Error("A migration failed.", { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}
