/**
 * Keeping the search index up to date: each write that changes what a post, a thread or a guide entry
 * says, or whether readers may see it, calls one of these in its own transaction, so the index never
 * shows what the forum no longer does (decision 0015). The work itself is in db/search-documents.ts,
 * shared with the migration, db:copy and `npm run db:reindex`.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { refreshPostInSearch, refreshThreadInSearch } from "../../db/search-documents";

type Db = Kysely<Database> | Transaction<Database>;

/** A post changed (written, edited, deleted, hidden, restored, withheld, redacted, curated): index it again. */
export function reindexPost(db: Db, postId: number): Promise<void> {
  return refreshPostInSearch(db, postId);
}

/** A thread's title, prompt or context changed. */
export function reindexThread(db: Db, threadId: number): Promise<void> {
  return refreshThreadInSearch(db, threadId);
}
