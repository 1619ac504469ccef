/** `npm run db:seed`: opens the article's prompt threads in DATABASE_PATH (idempotent). */
import { databaseLabel, openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";
import { seed } from "../db/seed";

const db = openDatabase();
try {
  await migrateOrThrow(db);
  const { threadsAdded, examplesAdded } = await seed(db);
  console.log(
    `Seeded ${databaseLabel()}: ${threadsAdded} prompt thread(s) and ${examplesAdded} example message(s) from the article added.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
