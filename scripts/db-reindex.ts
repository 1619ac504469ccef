/**
 * `npm run db:reindex`: builds the search index again from the forum's tables, in one transaction
 * (searches meanwhile see the old index until it commits). Migrates first, so the index exists.
 */
import { databaseLabel, openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";
import { rebuildSearchIndex } from "../db/search-documents";

const db = openDatabase();
try {
  await migrateOrThrow(db);
  const started = performance.now();
  const { documents } = await db.transaction().execute((trx) => rebuildSearchIndex(trx));
  console.log(`Indexed ${documents} documents in ${databaseLabel()} (${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.error(
    `Reindexing failed; the index is as it was.\n${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.destroy();
}
