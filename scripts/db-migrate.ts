/** `npm run db:migrate`: migrates DATABASE_PATH; a failed migration rolls back, says why and exits 1. */
import { databaseLabel, openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";

const db = openDatabase();
try {
  const applied = await migrateOrThrow(db);
  console.log(
    applied.length ? `Applied ${applied.join(", ")} to ${databaseLabel()}` : `${databaseLabel()} is up to date`,
  );
} catch (error) {
  console.error(
    `Migration failed; the database is as it was.\n${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.destroy();
}
