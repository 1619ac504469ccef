/**
 * The page cache shared across processes on PostgreSQL (scripts/shared-page-cache.ts):
 * a model's invalidation (dropPages) reaches another process's cache only once its
 * transaction has committed, and a cache that loses its listening connection empties itself.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { dropPages } from "../../app/models/drop-pages.server";
import { pageTag, registerPageCache, type CachedPage } from "../../app/utils/page-cache.server";
import { SharedPageCache } from "../../scripts/shared-page-cache";
import { onPostgres } from "../setup/test-database";

const page = (tags: string[]): CachedPage => ({
  body: Buffer.from("page"),
  gzip: Buffer.from("gz"),
  etag: '"e"',
  contentType: "text/html",
  headers: {},
  tags,
});

async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

const caches: SharedPageCache[] = [];
async function started(): Promise<SharedPageCache> {
  const cache = new SharedPageCache(process.env.DATABASE_URL!);
  await cache.start();
  caches.push(cache);
  return cache;
}

afterAll(async () => {
  for (const cache of caches) await cache.stop();
});

describe.skipIf(!onPostgres)("the page cache shared by LISTEN/NOTIFY", () => {
  it("drops another process's page only after the writing transaction commits", async () => {
    const writer = await started();
    const reader = await started();
    reader.set("/threads/a", page(["thread:a"]), reader.generation);
    reader.set("/guide", page(["guide"]), reader.generation);
    let seenInside = 0;
    registerPageCache(writer); // the writing process's cache, as its server registers it
    await getDb()
      .transaction()
      .execute(async (trx) => {
        dropPages(pageTag.thread("a")); // as a model does: the drop waits for the commit
        await sql`select pg_sleep(0.3)`.execute(trx);
        seenInside = reader.size; // still 2: the write is not committed, so other processes keep the page
      });
    expect(seenInside).toBe(2);
    expect(await until(() => reader.size === 1)).toBe(true);
    expect(reader.get("/guide")).toBeDefined();
  });

  it("empties itself when its listening connection is cut, stores nothing until it listens again, then resumes", async () => {
    const cache = await started();
    cache.set("/", page(["threads"]), cache.generation);
    expect(cache.size).toBe(1);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where query like 'listen %' and datname = current_database()`.execute(getDb());
    expect(await until(() => cache.size === 0)).toBe(true);
    // Listening again soon after: pages are stored again and notifications heard.
    expect(
      await until(() => {
        cache.set("/", page(["threads"]), cache.generation);
        return cache.size === 1;
      }),
    ).toBe(true);
    const other = await started();
    other.invalidate(["threads"]);
    expect(await until(() => cache.size === 0)).toBe(true);
  });
});
