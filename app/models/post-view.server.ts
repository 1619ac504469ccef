/**
 * Posts as pages show them: a page of a thread, its example messages ranked, a member's posts, one
 * post, each as the viewer may see it (words withheld from those who may not read them), and the one
 * rule for what readers can see, which every query showing a post's words uses.
 */
import {
  sql,
  type ExpressionBuilder,
  type ExpressionWrapper,
  type Kysely,
  type SqlBool,
  type Transaction,
} from "kysely";
import { POSTS_PER_PAGE } from "~/utils/paging";
import { canSeeHistory, canSeeWithheldPost, type Actor } from "~/utils/permissions";
import type { Database, PostKind } from "../../db/schema";

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

/** The first words of a text, on one line, for a link to it. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export type PostState = "visible" | "deleted" | "hidden" | "pending_review";

export interface PostView {
  id: number;
  number: number;
  kind: PostKind;
  author: string | null;
  /** "moderator" or "admin" earns a badge beside the name; null for a former member. */
  authorRole: string | null;
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

export const postColumns = [
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
  "author.role as author_role",
  "parent.number as parent_number",
  "parent_author.username as parent_author",
  "parent_author.deleted_at as parent_author_deleted_at",
  "approach.number as approach_number",
  "approach.body as approach_body",
  "approach.author_id as approach_author_id",
  "approach.deleted_at as approach_deleted_at",
] as const;

export function postsQuery(db: Db) {
  return db
    .selectFrom("post")
    .innerJoin("user as author", "author.id", "post.author_id")
    .leftJoin("post as parent", "parent.id", "post.reply_to_id")
    .leftJoin("user as parent_author", "parent_author.id", "parent.author_id")
    .leftJoin("post as approach", "approach.id", "post.approach_id")
    .select(postColumns)
    .select((eb) => [readersCanSee(eb).as("readers_can_see"), readersCanSee(eb, "approach").as("approach_public")]);
}

export type PostRow = Awaited<ReturnType<ReturnType<typeof postsQuery>["execute"]>>[number];

export function displayName(username: string | null, deletedAt: number | null): string | null {
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
    authorRole: row.author_deleted_at === null ? row.author_role : null,
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
