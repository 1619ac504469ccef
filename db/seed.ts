/**
 * Opens the article's prompt threads. Idempotent: a thread already seeded
 * (matched by its seed key) is left exactly as it is, whatever a moderator
 * has changed since. Run on every start and by `npm run db:seed`.
 */
import type { Kysely } from "kysely";
import { pathToFileURL } from "node:url";
import { renderMarkdown } from "../app/utils/markdown";
import { databasePath, openDatabase } from "./database";
import { migrateOrThrow } from "./migrate";
import type { Database } from "./schema";
import { seedThreads } from "./seed-threads";

export interface SeedResult {
  threadsAdded: number;
}

export async function seed(db: Kysely<Database>, now = Date.now()): Promise<SeedResult> {
  let threadsAdded = 0;
  await db.transaction().execute(async (trx) => {
    for (const thread of seedThreads) {
      const result = await trx
        .insertInto("thread")
        .values({
          seed_key: thread.seedKey,
          slug: thread.slug,
          title: thread.title,
          prompt: thread.prompt,
          context_md: thread.context,
          context_html: renderMarkdown(thread.context),
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      threadsAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  });
  return { threadsAdded };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const db = openDatabase();
  try {
    await migrateOrThrow(db);
    const { threadsAdded } = await seed(db);
    console.log(`Seeded ${databasePath()}: ${threadsAdded} prompt thread(s) added.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
