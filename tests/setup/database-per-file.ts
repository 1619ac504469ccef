// Each test file runs against its own migrated copy; the app's getDb() reads DATABASE_PATH lazily.
import { afterAll } from "vitest";
import { closeDb } from "../../app/db.server";
import { freshDatabasePath } from "./test-database";

process.env.DATABASE_PATH = freshDatabasePath();
// Most tests post and vote faster than any person could; tests/integration/rate-limits.test.ts turns limits on.
process.env.RATE_LIMITS = "off";

afterAll(async () => {
  await closeDb();
});
