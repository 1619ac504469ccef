/**
 * Posts in threads: writing, editing with history, deleting, and reading a
 * page of a thread. Rendering happens here, once, when a post is written;
 * pages read the stored HTML.
 */
import {
  sql,
  type ExpressionBuilder,
  type ExpressionWrapper,
  type Kysely,
  type SqlBool,
  type Transaction,
} from "kysely";
import { anonymiseExample, exampleMessageHtml, type ExampleDraft } from "~/utils/example-message";
import { renderMarkdown } from "~/utils/markdown";
import { dropPages } from "./drop-pages.server";
import { pageTag } from "~/utils/page-cache.server";
import { POSTS_PER_PAGE } from "~/utils/paging";
import { canSeeHistory, canSeeWithheldPost, type Actor } from "~/utils/permissions";
import { lockedForUpdate } from "../../db/dialect/row-locks";
import type { Database, PostKind } from "../../db/schema";
import { redactHistory, removalsOf } from "./post-history.server";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The one rule for "readers can see this post's words": not deleted, not hidden by a moderator,
 * not withheld for review. Every query that shows a post's words or an excerpt of them (thread,
 * member page, reply excerpts, guide, vote answers) filters or selects by it, so a post that has
 * left public view leaks through none of them. Its author and moderators may still see a
 * withheld post (canSeeWithheldPost); that exception is the caller's, never the rule's.
 * `alias` names the post table in the query ("post", or a joined "approach").
 */
export function readersCanSee<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  alias: "post" | "approach" = "post",
): ExpressionWrapper<DB, TB, SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return eb.and([
    eb(column("deleted_at"), "is", null),
    eb(column("hidden_at"), "is", null),
    eb(column("review_pending_at"), "is", null),
  ]);
}

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
    // A new post changes the thread's counts, its last page and its page links: all its pages, and the list.
    dropPages(pageTag.threadList, pageTag.thread(thread.slug));
    return post;
  });
}

export function addComment(
  db: Kysely<Database>,
  input: { threadId: number; authorId: number; body: string; replyToId?: number | null; now?: number },
) {
  return addPost(db, { ...input, kind: "comment", bodyHtml: renderMarkdown(input.body) });
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

function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
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
  dropPages(pageTag.thread(slug), pageTag.guide);
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
  return true;
}

export function editComment(
  db: Kysely<Database>,
  input: { postId: number; editorId: number; body: string; now?: number },
) {
  return editPost(db, { ...input, bodyHtml: renderMarkdown(input.body) });
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
      .returning(["thread_id", "reply_to_id"])
      .executeTakeFirst();
    if (!post) return false;
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
    await trx
      .updateTable("thread")
      .set((eb) => ({ post_count: eb("post_count", "-", 1) }))
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

export type PostState = "visible" | "deleted" | "hidden" | "pending_review";

export interface PostView {
  id: number;
  number: number;
  kind: PostKind;
  author: string | null;
  authorId: number;
  isOwn: boolean;
  createdAt: number;
  editedAt: number | null;
  /** Whether this viewer may open the post's earlier versions (canSeeHistory). */
  historyVisible: boolean;
  state: PostState;
  /** Null when the viewer may not see the words (deleted, or withheld from them). */
  bodyHtml: string | null;
  contextLine: string | null;
  hiddenReason: string | null;
  replyTo: { number: number; author: string | null } | null;
  /** For a received reply: the approach it answers, in the same thread. */
  approach: { number: number; excerpt: string } | null;
  replyCount: number;
  authenticCount: number;
  notAuthenticCount: number;
}

/**
 * What a page sends the browser of a post. The vote counts reach it only through the post's vote
 * view, which withholds them from a member until they have voted; the author's id is not needed.
 */
export type PostShown = Omit<PostView, "authenticCount" | "notAuthenticCount" | "authorId">;

export function shownPost<P extends PostView>({
  authenticCount: _a,
  notAuthenticCount: _n,
  authorId: _id,
  ...shown
}: P): Omit<P, "authenticCount" | "notAuthenticCount" | "authorId"> {
  return shown;
}

const postColumns = [
  "post.id",
  "post.number",
  "post.kind",
  "post.author_id",
  "post.created_at",
  "post.edited_at",
  "post.deleted_at",
  "post.hidden_at",
  "post.hidden_reason",
  "post.review_pending_at",
  "post.body_html",
  "post.context_line",
  "post.reply_count",
  "post.authentic_count",
  "post.not_authentic_count",
  "author.username as author_username",
  "author.deleted_at as author_deleted_at",
  "parent.number as parent_number",
  "parent_author.username as parent_author",
  "parent_author.deleted_at as parent_author_deleted_at",
  "approach.number as approach_number",
  "approach.body as approach_body",
  "approach.author_id as approach_author_id",
  "approach.deleted_at as approach_deleted_at",
] as const;

function postsQuery(db: Db) {
  return db
    .selectFrom("post")
    .innerJoin("user as author", "author.id", "post.author_id")
    .leftJoin("post as parent", "parent.id", "post.reply_to_id")
    .leftJoin("user as parent_author", "parent_author.id", "parent.author_id")
    .leftJoin("post as approach", "approach.id", "post.approach_id")
    .select(postColumns)
    .select((eb) => [readersCanSee(eb).as("readers_can_see"), readersCanSee(eb, "approach").as("approach_public")]);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postsQuery>["execute"]>>[number];

function displayName(username: string | null, deletedAt: number | null): string | null {
  return deletedAt === null ? username : null;
}

/** What one viewer may see of a post. */
export function toPostView(row: PostRow, viewer: Actor | null): PostView {
  // SQLite answers 1/0, PostgreSQL true/false.
  const public_ = Boolean(row.readers_can_see);
  const state: PostState =
    row.deleted_at !== null
      ? "deleted"
      : row.hidden_at !== null
        ? "hidden"
        : row.review_pending_at !== null
          ? "pending_review"
          : "visible";
  const showWords = public_ || (state !== "deleted" && canSeeWithheldPost(viewer, row));
  // "Reply to: #N “…”" quotes the approach: only if readers may see it, or this viewer may see it withheld.
  const showApproach =
    row.approach_number !== null &&
    (Boolean(row.approach_public) ||
      (row.approach_deleted_at === null && canSeeWithheldPost(viewer, { author_id: row.approach_author_id ?? -1 })));
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    author: displayName(row.author_username, row.author_deleted_at),
    authorId: row.author_id,
    isOwn: viewer?.id === row.author_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    historyVisible: canSeeHistory(viewer, row),
    state,
    bodyHtml: showWords ? row.body_html : null,
    contextLine: showWords ? row.context_line : null,
    hiddenReason: state === "hidden" ? row.hidden_reason : null,
    replyTo:
      row.parent_number === null
        ? null
        : { number: row.parent_number, author: displayName(row.parent_author, row.parent_author_deleted_at) },
    approach:
      showWords && showApproach && row.approach_number !== null
        ? { number: row.approach_number, excerpt: excerpt(row.approach_body ?? "") }
        : null,
    replyCount: row.reply_count,
    authenticCount: row.authentic_count,
    notAuthenticCount: row.not_authentic_count,
  };
}

/**
 * One page of a thread, in time order. Posts are numbered densely from 1, so
 * page p is the number range ((p-1)*50, p*50]: an index range scan whose
 * cost does not grow with the page number, unlike OFFSET.
 */
export function threadPageQuery(db: Db, { threadId, page }: { threadId: number; page: number }) {
  return postsQuery(db)
    .where("post.thread_id", "=", threadId)
    .where("post.number", ">", (page - 1) * POSTS_PER_PAGE)
    .where("post.number", "<=", page * POSTS_PER_PAGE)
    .orderBy("post.number");
}

export async function listThreadPage(
  db: Db,
  { threadId, page, viewer }: { threadId: number; page: number; viewer: Actor | null },
) {
  const rows = await threadPageQuery(db, { threadId, page }).execute();
  return rows.map((row) => toPostView(row, viewer));
}

export type ExampleSort = "top" | "new";

/**
 * A thread's example messages, most authentic first (the Wilson lower bound,
 * then more votes, then older) or newest first. Comments are not included:
 * they stay in time order on the thread's own pages.
 */
export async function listThreadExamples(
  db: Db,
  { threadId, sort, page, viewer }: { threadId: number; sort: ExampleSort; page: number; viewer: Actor | null },
) {
  let query = postsQuery(db)
    .where("post.thread_id", "=", threadId)
    .where("post.kind", "in", ["approach", "received_reply"])
    .where("post.deleted_at", "is", null);
  query =
    sort === "top"
      ? query
          .orderBy("post.authenticity_rank", "desc")
          .orderBy((eb) => eb("post.authentic_count", "+", eb.ref("post.not_authentic_count")), "desc")
          .orderBy("post.id", "asc")
      : query.orderBy("post.id", "desc");
  const rows = await query
    .limit(POSTS_PER_PAGE)
    .offset((page - 1) * POSTS_PER_PAGE)
    .execute();
  return rows.map((row) => toPostView(row, viewer));
}

export async function countThreadExamples(db: Db, threadId: number): Promise<number> {
  const row = await db
    .selectFrom("post")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("thread_id", "=", threadId)
    .where("kind", "in", ["approach", "received_reply"])
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getPostAsSeenBy(db: Db, { postId, viewer }: { postId: number; viewer: Actor | null }) {
  const row = await postsQuery(db).where("post.id", "=", postId).executeTakeFirst();
  return row ? toPostView(row, viewer) : undefined;
}

/** A member's posts, newest first, `before` a post id (keyset paging). Withheld posts only for those who may see them. */
export async function listMemberPosts(
  db: Db,
  {
    authorId,
    before,
    viewer,
    sort = "new",
    page = 1,
    limit = 30,
  }: {
    authorId: number;
    before: number | null;
    viewer: Actor | null;
    sort?: ExampleSort;
    page?: number;
    limit?: number;
  },
) {
  let query = postsQuery(db)
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["thread.slug as thread_slug", "thread.title as thread_title", "thread.locked_at as thread_locked_at"])
    .where("post.author_id", "=", authorId)
    .where("post.deleted_at", "is", null)
    .limit(limit + 1);
  if (sort === "top") {
    // "Most authentic" ranks example messages only, paged by number (a member has few enough).
    query = query
      .where("post.kind", "in", ["approach", "received_reply"])
      .orderBy("post.authenticity_rank", "desc")
      .orderBy("post.id", "asc")
      .offset((page - 1) * limit);
  } else {
    query = query.orderBy("post.id", "desc");
    if (before !== null) query = query.where("post.id", "<", before);
  }
  if (!canSeeWithheldPost(viewer, { author_id: authorId })) query = query.where((eb) => readersCanSee(eb));
  const rows = await query.execute();
  const more = rows.length > limit;
  const posts = rows.slice(0, limit).map((row) => ({
    ...toPostView(row, viewer),
    threadSlug: row.thread_slug,
    threadTitle: row.thread_title,
    threadLocked: row.thread_locked_at !== null,
  }));
  return { posts, more, nextBefore: more && sort === "new" ? posts[posts.length - 1].id : null };
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

export async function getPostRefByNumber(db: Db, { threadId, number }: { threadId: number; number: number }) {
  return db
    .selectFrom("post")
    .select(["id", "number", "author_id", "deleted_at"])
    .where("thread_id", "=", threadId)
    .where("number", "=", number)
    .executeTakeFirst();
}
