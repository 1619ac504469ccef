// Each test file runs against its own migrated copy; the app's getDb() reads DATABASE_PATH lazily.
import { afterAll } from "vitest";
import { closeDb } from "../../app/db.server";
import { freshDatabasePath } from "./test-database";

process.env.DATABASE_PATH = freshDatabasePath();

afterAll(async () => {
  await closeDb();
});
