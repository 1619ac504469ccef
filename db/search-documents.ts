/**
 * What goes into the search index, read from the forum's own tables (decision 0015): a thread (title,
 * prompt and context), a post that is not deleted (its text and context line), and a guide entry (the
 * curated text and the moderator's note). Whether readers may see each is stored with it, by the rule
 * of readersCanSee (app/models/post-view.server.ts): not hidden, not withheld for review.
 *
 * Kept here, below the models, because the migration that builds the index for existing data, db:copy
 * and `npm run db:reindex` use it as well as the writes (app/models/search-index.server.ts).
 */
import type { Kysely, Transaction } from "kysely";
import { indexedText } from "../app/utils/search-text";
import { clearSearchIndex, deleteSearchDocs, insertSearchDocs } from "./dialect/search-index";
import type { Database } from "./schema";

type Db = Kysely<Database> | Transaction<Database>;

// One id space for three kinds of document, stable across rebuilds: the kind is the id's remainder.
export const docId = {
  post: (id: number) => id * 4 + 1,
  thread: (id: number) => id * 4 + 2,
  guideEntry: (id: number) => id * 4 + 3,
};

const BATCH = 400;

type Doc = Parameters<typeof insertSearchDocs>[1][number];

const visible = (p: { hidden_at: number | null; review_pending_at: number | null }) =>
  p.hidden_at === null && p.review_pending_at === null ? 1 : 0;

async function threadDocs(db: Db, ids: number[] | null): Promise<Doc[]> {
  let query = db.selectFrom("thread").select(["id", "title", "prompt", "context_md", "created_by", "created_at"]);
  if (ids) query = query.where("id", "in", ids);
  const rows = await query.execute();
  return rows.map((t) => ({
    row: {
      id: docId.thread(t.id),
      kind: "thread",
      thread_id: t.id,
      post_id: null,
      guide_entry_id: null,
      author_id: t.created_by,
      created_at: t.created_at,
      visible: 1,
    },
    text: indexedText(t.title, `${t.prompt}\n${t.context_md}`),
  }));
}

async function postDocs(db: Db, range: { postId: number } | { from: number; to: number }): Promise<Doc[]> {
  const docs: Doc[] = [];
  let posts = db
    .selectFrom("post")
    .select(["id", "thread_id", "author_id", "kind", "body", "context_line", "created_at"])
    .select(["hidden_at", "review_pending_at"])
    .where("deleted_at", "is", null);
  posts = "postId" in range ? posts.where("id", "=", range.postId) : posts.where("id", ">=", range.from);
  if ("to" in range) posts = posts.where("id", "<", range.to);
  for (const p of await posts.execute())
    docs.push({
      row: {
        id: docId.post(p.id),
        kind: p.kind,
        thread_id: p.thread_id,
        post_id: p.id,
        guide_entry_id: null,
        author_id: p.author_id,
        created_at: p.created_at,
        visible: visible(p),
      },
      text: indexedText("", `${p.body}\n${p.context_line ?? ""}`),
    });

  let entries = db
    .selectFrom("guide_entry as e")
    .innerJoin("post as p", "p.id", "e.post_id")
    .select(["e.id", "e.post_id", "e.note_md", "e.curated_body", "e.curated_context_line", "e.created_at"])
    .select(["p.thread_id", "p.author_id", "p.hidden_at", "p.review_pending_at"])
    .where("p.deleted_at", "is", null)
    .where("e.curated_body", "<>", "");
  entries = "postId" in range ? entries.where("e.post_id", "=", range.postId) : entries.where("p.id", ">=", range.from);
  if ("to" in range) entries = entries.where("p.id", "<", range.to);
  for (const e of await entries.execute())
    docs.push({
      row: {
        id: docId.guideEntry(e.id),
        kind: "guide_entry",
        thread_id: e.thread_id,
        post_id: e.post_id,
        guide_entry_id: e.id,
        author_id: e.author_id,
        created_at: e.created_at,
        visible: visible(e),
      },
      text: indexedText("", `${e.curated_body}\n${e.curated_context_line ?? ""}\n${e.note_md}`),
    });
  return docs;
}

async function insertInBatches(db: Db, docs: Doc[]) {
  for (let i = 0; i < docs.length; i += BATCH) await insertSearchDocs(db, docs.slice(i, i + BATCH));
}

/** Re-reads one post (and its guide entry) into the index: call it in the transaction of every write to it. */
export async function refreshPostInSearch(db: Db, postId: number): Promise<void> {
  const old = await db.selectFrom("search_doc").select("id").where("post_id", "=", postId).execute();
  await deleteSearchDocs(
    db,
    old.map((d) => Number(d.id)),
  );
  await insertSearchDocs(db, await postDocs(db, { postId }));
}

/** Re-reads one thread's own text (title, prompt, context) into the index. */
export async function refreshThreadInSearch(db: Db, threadId: number): Promise<void> {
  await deleteSearchDocs(db, [docId.thread(threadId)]);
  await insertSearchDocs(db, await threadDocs(db, [threadId]));
}

/** Builds the whole index again from the forum's tables (the migration, db:copy, `npm run db:reindex`). */
export async function rebuildSearchIndex(db: Db): Promise<{ documents: number }> {
  await clearSearchIndex(db);
  let documents = 0;
  const threads = await threadDocs(db, null);
  await insertInBatches(db, threads);
  documents += threads.length;
  const last = await db
    .selectFrom("post")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  const max = Number(last?.max ?? 0);
  for (let from = 0; from <= max; from += 2000) {
    const docs = await postDocs(db, { from, to: from + 2000 });
    await insertInBatches(db, docs);
    documents += docs.length;
  }
  return { documents };
}
