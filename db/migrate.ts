/**
 * Brings the database to the latest migration. Run on every start and by
 * `npm run db:migrate`; a failed migration rolls back, prints why and exits 1.
 */
import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { pathToFileURL } from "node:url";
import { databasePath, openDatabase } from "./database";
import { migrations } from "./migrations/index";

export async function migrateToLatest(db: Kysely<any>, list = migrations): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list } });
  return migrator.migrateToLatest();
}

/** Migrates, throwing the migration's own error if one failed. */
export async function migrateOrThrow(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrateToLatest(db);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).map((r) => r.migrationName);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const db = openDatabase();
  try {
    const applied = await migrateOrThrow(db);
    console.log(applied.length ? `Applied ${applied.join(", ")} to ${databasePath()}` : `${databasePath()} is up to date`);
  } catch (error) {
    console.error(`Migration failed; the database is as it was.\n${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
