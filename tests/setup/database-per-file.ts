// Each test file runs against its own migrated copy; the app's getDb() reads DATABASE_URL or DATABASE_PATH lazily.
import { afterAll } from "vitest";
import { closeDb } from "../../app/db.server";
import { freshDatabase, onPostgres } from "./test-database";

const location = await freshDatabase();
if (onPostgres) process.env.DATABASE_URL = location;
else {
  delete process.env.DATABASE_URL;
  process.env.DATABASE_PATH = location;
}
// Most tests post and vote faster than any person could; tests/integration/rate-limits.test.ts turns limits on.
process.env.RATE_LIMITS = "off";

afterAll(async () => {
  await closeDb();
});
