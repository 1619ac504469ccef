/**
 * Posts in threads, as members write them: adding a comment or an example message, editing (through
 * post-revision.server.ts, which keeps the history), deleting, and the small look-ups the permission
 * checks need. Rendering happens here, once, when a post is written; pages read the stored HTML.
 * How pages read posts is post-view.server.ts.
 */
import type { Kysely, Transaction } from "kysely";
import { anonymiseExample, exampleMessageHtml, type ExampleDraft } from "~/utils/example-message";
import { pageTag } from "~/utils/page-cache.server";
import type { Database, PostKind } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { keepInsightsCurrent } from "./insight-aggregates.server";
import { commentHtml } from "./mentions.server";
import { notifyNewPost } from "./notifications.server";
import { redactHistory, removalsOf } from "./post-history.server";
import { revisePost } from "./post-revision.server";
import { excerpt } from "./post-view.server";
import { reindexPost } from "./search-index.server";

type Db = Kysely<Database> | Transaction<Database>;

export class PostingError extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409,
  ) {
    super(message);
  }
}

export interface NewPostInput {
  threadId: number;
  authorId: number;
  kind: PostKind;
  body: string;
  bodyHtml: string;
  contextLine?: string | null;
  replyToId?: number | null;
  approachId?: number | null;
  now?: number;
}

/**
 * Adds a post at the end of its thread: numbers it, counts it, and marks the
 * thread active, all in one transaction. Refuses a locked thread.
 */
export async function addPost(db: Kysely<Database>, input: NewPostInput): Promise<{ id: number; number: number }> {
  const now = input.now ?? Date.now();
  return db.transaction().execute(async (trx) => {
    const thread = await trx
      .updateTable("thread")
      .set((eb) => ({
        last_post_number: eb("last_post_number", "+", 1),
        post_count: eb("post_count", "+", 1),
        example_count: eb("example_count", "+", input.kind === "comment" ? 0 : 1),
        last_activity_at: now,
      }))
      .where("id", "=", input.threadId)
      .where("locked_at", "is", null)
      .returning(["last_post_number", "slug"])
      .executeTakeFirst();
    if (!thread) throw new PostingError("This thread is locked: it takes no new posts.", 403);

    let replyToId = input.replyToId ?? null;
    if (replyToId !== null) {
      const answered = await trx
        .updateTable("post")
        .set((eb) => ({ reply_count: eb("reply_count", "+", 1) }))
        .where("id", "=", replyToId)
        .where("thread_id", "=", input.threadId)
        .where("deleted_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      replyToId = answered?.id ?? null; // a post deleted meanwhile: post anyway, without the link
    }

    const post = await trx
      .insertInto("post")
      .values({
        thread_id: input.threadId,
        number: thread.last_post_number,
        author_id: input.authorId,
        kind: input.kind,
        body: input.body,
        body_html: input.bodyHtml,
        context_line: input.contextLine ?? null,
        reply_to_id: replyToId,
        approach_id: input.approachId ?? null,
        created_at: now,
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
    await notifyNewPost(trx, { ...input, ...post, replyToId, approachId: input.approachId ?? null }, now);
    await reindexPost(trx, post.id);
    await keepInsightsCurrent(trx, [post.id]);
    // A new post changes the thread's counts, its last page and its page links: all its pages, and the list.
    dropPages(pageTag.threadList, pageTag.thread(thread.slug));
    return post;
  });
}

export async function addComment(
  db: Kysely<Database>,
  input: { threadId: number; authorId: number; body: string; replyToId?: number | null; now?: number },
) {
  return addPost(db, { ...input, kind: "comment", bodyHtml: await commentHtml(db, input.body) });
}

export type ExampleKind = Exclude<PostKind, "comment">;

/**
 * Stores an example message. The anonymiser runs here, on the server, on
 * what the member pasted: only its result is written; the pasted text is
 * neither stored nor logged nor returned.
 */
export async function addExampleMessage(
  db: Kysely<Database>,
  input: {
    threadId: number;
    authorId: number;
    kind: ExampleKind;
    draft: ExampleDraft;
    approachId?: number | null;
    now?: number;
  },
) {
  const anonymised = anonymiseExample(input.draft);
  const approachId =
    input.kind === "received_reply" && input.approachId
      ? ((await ownApproach(db, { approachId: input.approachId, authorId: input.authorId, threadId: input.threadId }))
          ?.id ?? null)
      : null;
  return addPost(db, {
    threadId: input.threadId,
    authorId: input.authorId,
    kind: input.kind,
    body: anonymised.text,
    bodyHtml: exampleMessageHtml(anonymised.text),
    contextLine: anonymised.contextLine,
    approachId,
    now: input.now,
  });
}

/**
 * Edits an example message through the anonymiser again, keeping the earlier version in its
 * history; whatever the edit removes is removed from every earlier version too (and from the
 * guide's copy), in the same transaction, so the history cannot show what the author took out.
 */
export function editExampleMessage(
  db: Kysely<Database>,
  input: { postId: number; editorId: number; draft: ExampleDraft; now?: number },
): Promise<boolean> {
  const anonymised = anonymiseExample(input.draft);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("post")
      .select(["body", "context_line"])
      .where("id", "=", input.postId)
      .where("author_id", "=", input.editorId)
      .where("kind", "in", ["approach", "received_reply"])
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!before) return false;
    await revisePost(trx, {
      postId: input.postId,
      editorId: input.editorId,
      body: anonymised.text,
      bodyHtml: exampleMessageHtml(anonymised.text),
      contextLine: anonymised.contextLine,
      authorOnly: true,
      now: input.now,
    });
    const redacted = [...anonymised.redactions, ...anonymised.contextRedactions];
    const removals = removalsOf({ body: before.body, contextLine: before.context_line }, input.draft, redacted);
    await redactHistory(trx, { postId: input.postId, removals, keep: input.draft.keep });
    return true;
  });
}

function ownApproach(
  db: Db,
  { approachId, authorId, threadId }: { approachId: number; authorId: number; threadId: number },
) {
  return db
    .selectFrom("post")
    .select("id")
    .where("id", "=", approachId)
    .where("author_id", "=", authorId)
    .where("thread_id", "=", threadId)
    .where("kind", "=", "approach")
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** A member's own approaches in a thread, for "this is the reply to…". */
export async function listOwnApproaches(db: Db, { threadId, authorId }: { threadId: number; authorId: number }) {
  const rows = await db
    .selectFrom("post")
    .select(["id", "number", "body"])
    .where("thread_id", "=", threadId)
    .where("author_id", "=", authorId)
    .where("kind", "=", "approach")
    .where("deleted_at", "is", null)
    .orderBy("number")
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, excerpt: excerpt(row.body) }));
}

/** The post with what permission checks need, or undefined. */
export async function getPostForPermissions(db: Db, postId: number) {
  return db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select([
      "post.id",
      "post.number",
      "post.kind",
      "post.author_id",
      "post.body",
      "post.context_line",
      "post.deleted_at",
      "post.thread_id",
      "post.reply_to_id",
      "thread.slug as thread_slug",
      "thread.title as thread_title",
      "thread.locked_at as thread_locked_at",
    ])
    .where("post.id", "=", postId)
    .executeTakeFirst();
}

/**
 * Replaces a post's text, keeping the previous version as a revision.
 * Ownership is part of the WHERE clause, so no request can edit another
 * member's post whatever the route checked.
 */
export async function editPost(
  db: Kysely<Database>,
  input: {
    postId: number;
    editorId: number;
    body: string;
    bodyHtml: string;
    contextLine?: string | null;
    now?: number;
  },
): Promise<boolean> {
  return db.transaction().execute((trx) => revisePost(trx, { ...input, authorOnly: true }));
}

export async function editComment(
  db: Kysely<Database>,
  input: { postId: number; editorId: number; body: string; now?: number },
) {
  return editPost(db, { ...input, bodyHtml: await commentHtml(db, input.body) });
}

/**
 * Deletes a post's words but keeps its place, so replies keep their context.
 * The text and its history are erased, not hidden: deleting means gone.
 */
export async function deletePost(
  db: Kysely<Database>,
  input: { postId: number; authorId: number; now?: number },
): Promise<boolean> {
  const now = input.now ?? Date.now();
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .updateTable("post")
      .set({ deleted_at: now, body: "", body_html: "", context_line: null })
      .where("id", "=", input.postId)
      .where("author_id", "=", input.authorId)
      .where("deleted_at", "is", null)
      .returning(["thread_id", "reply_to_id", "kind"])
      .executeTakeFirst();
    if (!post) return false;
    await keepInsightsCurrent(trx, [input.postId]);
    const thread = await trx
      .selectFrom("thread")
      .select("slug")
      .where("id", "=", post.thread_id)
      .executeTakeFirstOrThrow();
    dropPages(pageTag.threadList, pageTag.thread(thread.slug), pageTag.guide);
    await trx.deleteFrom("post_revision").where("post_id", "=", input.postId).execute();
    // The guide's curated copy of the words goes with them; the entry stays for moderators to remove.
    await trx
      .updateTable("guide_entry")
      .set({ curated_body: "", curated_body_html: "", curated_context_line: null })
      .where("post_id", "=", input.postId)
      .execute();
    await reindexPost(trx, input.postId);
    await trx
      .updateTable("thread")
      .set((eb) => ({
        post_count: eb("post_count", "-", 1),
        example_count: eb("example_count", "-", post.kind === "comment" ? 0 : 1),
      }))
      .where("id", "=", post.thread_id)
      .execute();
    if (post.reply_to_id !== null) {
      await trx
        .updateTable("post")
        .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
        .where("id", "=", post.reply_to_id)
        .where("reply_count", ">", 0)
        .execute();
    }
    return true;
  });
}

export async function getPostRefByNumber(db: Db, { threadId, number }: { threadId: number; number: number }) {
  return db
    .selectFrom("post")
    .select(["id", "number", "author_id", "deleted_at"])
    .where("thread_id", "=", threadId)
    .where("number", "=", number)
    .executeTakeFirst();
}
