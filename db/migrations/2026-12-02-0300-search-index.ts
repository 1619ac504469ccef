/**
 * Issue 16 (decision 0015): the search index, built for the forum's existing threads, posts and
 * guide entries. Its tables hold nothing of their own (db/dialect/search-index.ts), so building it
 * from the current rows is all there is to migrate; `npm run db:reindex` does the same later.
 */
import type { Kysely } from "kysely";
import { createSearchIndex, dropSearchIndex } from "../dialect/search-index";
import { rebuildSearchIndex } from "../search-documents";

export async function up(db: Kysely<any>): Promise<void> {
  await createSearchIndex(db);
  await rebuildSearchIndex(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropSearchIndex(db);
}
