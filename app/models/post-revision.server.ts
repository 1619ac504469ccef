/**
 * Editing a post keeps its history: the version it replaces becomes a revision, and the history page
 * lists them. Whether a reader may open that page is canSeeHistory's; what it hides is post-history.server.ts's.
 */
import type { Kysely, Transaction } from "kysely";
import { pageTag } from "~/utils/page-cache.server";
import { lockedForUpdate } from "../../db/dialect/row-locks";
import type { Database } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { keepInsightsCurrent } from "./insight-aggregates.server";
import { displayName } from "./post-view.server";
import { reindexPost } from "./search-index.server";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The shared step of an edit: keep the current version as a revision, then
 * replace it. `authorOnly` puts ownership in the WHERE clause; only a
 * moderator's re-anonymisation (logged by its caller) passes false.
 */
export async function revisePost(
  trx: Transaction<Database>,
  input: {
    postId: number;
    editorId: number;
    body: string;
    bodyHtml: string;
    contextLine?: string | null;
    authorOnly: boolean;
    now?: number;
  },
): Promise<boolean> {
  const now = input.now ?? Date.now();
  let select = trx
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["post.body", "post.body_html", "post.context_line", "thread.slug"])
    .where("post.id", "=", input.postId)
    .where("post.deleted_at", "is", null);
  if (input.authorOnly) select = select.where("post.author_id", "=", input.editorId);
  // Locked as read on PostgreSQL, so two edits at once each keep the version they replace.
  const found = await lockedForUpdate(trx, select, "post").executeTakeFirst();
  if (!found) return false;
  const { slug, ...current } = found;
  if (current.body === input.body && current.context_line === (input.contextLine ?? current.context_line)) return true;
  await trx
    .insertInto("post_revision")
    .values({ post_id: input.postId, editor_id: input.editorId, ...current, created_at: now })
    .execute();
  // The list too: the edited words may be the opening words of a thread's best example on /.
  dropPages(pageTag.threadList, pageTag.thread(slug), pageTag.guide);
  await trx
    .updateTable("post")
    .set((eb) => ({
      body: input.body,
      body_html: input.bodyHtml,
      context_line: input.contextLine === undefined ? current.context_line : input.contextLine,
      edited_at: now,
      revision_count: eb("revision_count", "+", 1),
    }))
    .where("id", "=", input.postId)
    .execute();
  await reindexPost(trx, input.postId);
  await keepInsightsCurrent(trx, [input.postId]);
  return true;
}

/** A post's earlier versions, oldest first, with who made each edit (null for a deleted account, as everywhere). */
export async function listRevisions(db: Db, postId: number) {
  const rows = await db
    .selectFrom("post_revision")
    .innerJoin("user", "user.id", "post_revision.editor_id")
    .select([
      "post_revision.id",
      "post_revision.body",
      "post_revision.body_html",
      "post_revision.context_line",
      "post_revision.created_at",
      "user.username",
      "user.deleted_at",
    ])
    .where("post_revision.post_id", "=", postId)
    .orderBy("post_revision.id")
    .execute();
  return rows.map(({ username, deleted_at, ...revision }) => ({
    ...revision,
    editor: displayName(username, deleted_at),
  }));
}
