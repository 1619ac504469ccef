import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { dropPages } from "~/models/drop-pages.server";
import { cachedPage, PageCache, pageTag, registerPageCache } from "~/utils/page-cache.server";

// A page is dropped only once the write that changed it has committed: dropped earlier, a visitor's
// request in between could render the old rows and cache them again. Runs on both engines (openDatabase
// gives each the same after-commit Kysely).
describe("dropPages", () => {
  const cache = new PageCache();
  const cached = () => cache.get("/threads/x");

  beforeAll(() => registerPageCache(cache));
  afterEach(() => {
    cache.invalidate([pageTag.everything]);
    cache.generation = 0;
    cache.set("/threads/x", cachedPage(Buffer.from("old"), "text/html", {}, [pageTag.thread("x")]), 0);
  });

  it("drops the pages it names after the transaction commits, not before", async () => {
    cache.set("/threads/x", cachedPage(Buffer.from("old"), "text/html", {}, [pageTag.thread("x")]), 0);
    await getDb()
      .transaction()
      .execute(async (trx) => {
        dropPages(pageTag.thread("x"));
        await trx.selectFrom("thread").select("id").execute();
        expect(cached(), "still cached while the transaction is open").toBeDefined();
      });
    expect(cached()).toBeUndefined();
  });

  it("drops nothing when the transaction rolls back", async () => {
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          dropPages(pageTag.thread("x"));
          await trx.selectFrom("thread").select("id").execute();
          throw new Error("refused");
        }),
    ).rejects.toThrow("refused");
    expect(cached()).toBeDefined();
  });

  it("drops at once outside a transaction", () => {
    dropPages(pageTag.thread("x"));
    expect(cached()).toBeUndefined();
  });
});
