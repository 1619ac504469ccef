/**
 * What moderators do to posts, threads and roles. Every change is made in one
 * transaction with its entry in the public moderation log.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction, Updateable } from "kysely";
import { anonymiseExample, exampleMessageHtml, type ExampleDraft } from "~/utils/example-message";
import { renderMarkdown } from "~/utils/markdown";
import { pageTag } from "~/utils/page-cache.server";
import { firstFreeSlug, slugify } from "~/utils/slug";
import type { Database, FlagReason, FlagResolution, PostTable, Role } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { keepInsightsCurrent } from "./insight-aggregates.server";
import { logAction } from "./moderation-log.server";
import { notifyFlaggers, notifyPostAuthor } from "./notifications.server";
import { redactHistory, removalsOf } from "./post-history.server";
import { revisePost } from "./post-revision.server";
import { reindexPost, reindexThread } from "./search-index.server";
import { usernameKey } from "./user.server";

// --- the flag queue -------------------------------------------------------

export interface QueuedPost {
  postId: number;
  number: number;
  kind: string;
  author: string;
  threadSlug: string;
  threadTitle: string;
  hidden: boolean;
  reviewPending: boolean;
  flags: { reason: FlagReason; note: string | null; words: string | null; by: string; at: number }[];
}

/** Posts with open flags, most urgent first: "not properly anonymised" first, then by number of flags, then oldest. */
export async function listFlagQueue(db: Kysely<Database>): Promise<QueuedPost[]> {
  const rows = await db
    .selectFrom("flag")
    .innerJoin("post", "post.id", "flag.post_id")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .innerJoin("user as author", "author.id", "post.author_id")
    .innerJoin("user as flagger", "flagger.id", "flag.user_id")
    .select([
      "flag.reason",
      "flag.note",
      "flag.identifying_words",
      "flag.created_at",
      "flagger.username as flagger",
      "post.id as post_id",
      "post.number",
      "post.kind",
      "post.hidden_at",
      "post.review_pending_at",
      "author.username as author",
      "thread.slug",
      "thread.title",
    ])
    .where("flag.resolved_at", "is", null)
    .where("post.deleted_at", "is", null)
    .orderBy("flag.id")
    .execute();
  const byPost = new Map<number, QueuedPost & { firstAt: number }>();
  for (const row of rows) {
    let queued = byPost.get(row.post_id);
    if (!queued) {
      queued = {
        postId: row.post_id,
        number: row.number,
        kind: row.kind,
        author: row.author,
        threadSlug: row.slug,
        threadTitle: row.title,
        hidden: row.hidden_at !== null,
        reviewPending: row.review_pending_at !== null,
        flags: [],
        firstAt: row.created_at,
      };
      byPost.set(row.post_id, queued);
    }
    queued.flags.push({
      reason: row.reason,
      note: row.note,
      words: row.identifying_words,
      by: row.flagger,
      at: row.created_at,
    });
  }
  const urgent = (q: QueuedPost) => (q.flags.some((f) => f.reason === "not_anonymised") ? 0 : 1);
  return [...byPost.values()]
    .sort((a, b) => urgent(a) - urgent(b) || b.flags.length - a.flags.length || a.firstAt - b.firstAt)
    .map(({ firstAt: _firstAt, ...queued }) => queued);
}

/** A post as a moderator reviews it: its words whatever its state, and every flag it has had. */
export async function getPostForModeration(db: Kysely<Database>, postId: number) {
  const post = await db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .innerJoin("user as author", "author.id", "post.author_id")
    .select([
      "post.id",
      "post.number",
      "post.kind",
      "post.body",
      "post.body_html",
      "post.context_line",
      "post.deleted_at",
      "post.hidden_at",
      "post.hidden_reason",
      "post.review_pending_at",
      "post.created_at",
      "author.username as author",
      "thread.id as thread_id",
      "thread.slug as thread_slug",
      "thread.title as thread_title",
    ])
    .where("post.id", "=", postId)
    .executeTakeFirst();
  if (!post) return undefined;
  const flags = await db
    .selectFrom("flag")
    .innerJoin("user", "user.id", "flag.user_id")
    .select([
      "flag.id",
      "flag.reason",
      "flag.note",
      "flag.identifying_words",
      "flag.created_at",
      "flag.resolved_at",
      "flag.resolution",
      "flag.withdrawn_at",
      "user.username as by",
    ])
    .where("flag.post_id", "=", postId)
    .orderBy("flag.id")
    .execute();
  return { ...post, flags };
}

function resolveFlags(
  trx: Transaction<Database>,
  {
    postId,
    moderatorId,
    resolution,
    now,
  }: { postId: number; moderatorId: number; resolution: FlagResolution; now: number },
) {
  return (
    trx
      .updateTable("flag")
      // The words a flagger said identify someone are kept only while a moderator needs them.
      .set({ resolved_at: now, resolved_by: moderatorId, resolution, identifying_words: null })
      .where("post_id", "=", postId)
      .where("resolved_at", "is", null)
      .execute()
  );
}

interface PostDecision {
  postId: number;
  moderatorId: number;
  reason: string;
  now?: number;
}

/** The post a decision is about, if it still exists. */
async function postInThread(trx: Transaction<Database>, postId: number) {
  const post = await trx
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select([
      "post.id",
      "post.number",
      "post.kind",
      "post.thread_id",
      "post.hidden_at",
      "post.body",
      "post.context_line",
      "thread.slug",
    ])
    .where("post.id", "=", postId)
    .where("post.deleted_at", "is", null)
    .executeTakeFirst();
  return post;
}

type Decision = "hide" | "restore" | "dismiss";

/** What each decision does to the post, how it closes the flags, and how the log tells it. */
const DECISIONS: Record<
  Decision,
  {
    post: (d: PostDecision & { now: number }) => Updateable<PostTable>;
    resolution: FlagResolution;
    action: "post.hide" | "post.restore" | "flags.dismiss";
    summary: (n: number) => string;
  }
> = {
  // Hidden from everyone but its author and moderators, with the reason shown in its place.
  hide: {
    post: ({ now, moderatorId, reason }) => ({
      hidden_at: now,
      hidden_by: moderatorId,
      hidden_reason: reason,
      review_pending_at: null,
    }),
    resolution: "hidden",
    action: "post.hide",
    summary: (n) => `Hid post #${n}`,
  },
  // Visible again, whether it was hidden or withheld for review.
  restore: {
    post: () => ({ hidden_at: null, hidden_by: null, hidden_reason: null, review_pending_at: null }),
    resolution: "restored",
    action: "post.restore",
    summary: (n) => `Restored post #${n}`,
  },
  // Nothing wrong with it: the flags close, and a withheld message is shown again.
  dismiss: {
    post: () => ({ review_pending_at: null }),
    resolution: "dismissed",
    action: "flags.dismiss",
    summary: (n) => `Dismissed the flags on post #${n}`,
  },
};

/**
 * When each decision still changes something: hide a post that is visible, restore one that is hidden or
 * withheld, dismiss open flags on a visible post. Checked in the UPDATE that carries the decision out, so two
 * moderators deciding at once cannot both act and both log (issue 13).
 */
const APPLIES: Record<Decision, (eb: ExpressionBuilder<Database, "post">) => Expression<SqlBool>> = {
  hide: (eb) => eb("post.hidden_at", "is", null),
  restore: (eb) => eb.or([eb("post.hidden_at", "is not", null), eb("post.review_pending_at", "is not", null)]),
  dismiss: (eb) =>
    eb.and([
      eb("post.hidden_at", "is", null),
      eb.exists(
        eb
          .selectFrom("flag")
          .select("flag.id")
          .whereRef("flag.post_id", "=", "post.id")
          .where("flag.resolved_at", "is", null),
      ),
    ]),
};

/**
 * Carries out a moderator's decision on a post, closing its open flags and logging it, in one transaction.
 * False when the post is gone or the decision no longer applies (another moderator got there first).
 */
export async function decideOnPost(db: Kysely<Database>, decision: Decision, input: PostDecision): Promise<boolean> {
  const now = input.now ?? Date.now();
  const { post: change, resolution, action, summary } = DECISIONS[decision];
  return db.transaction().execute(async (trx) => {
    const post = await postInThread(trx, input.postId);
    if (!post) return false;
    const changed = await trx
      .updateTable("post")
      .set(change({ ...input, now }))
      .where("id", "=", input.postId)
      .where(APPLIES[decision])
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return false;
    await keepInsightsCurrent(trx, [input.postId]);
    // A hidden or restored post changes the home page's best example and last poster (thread-life.server.ts).
    dropPages(pageTag.threadList, pageTag.thread(post.slug), pageTag.guide);
    await reindexPost(trx, input.postId);
    await resolveFlags(trx, { postId: input.postId, moderatorId: input.moderatorId, resolution, now });
    const { postId, moderatorId, reason } = input;
    if (decision !== "dismiss")
      await notifyPostAuthor(
        trx,
        { postId, moderatorId, kind: decision === "hide" ? "post_hidden" : "post_restored", detail: reason },
        now,
      );
    await notifyFlaggers(trx, { postId, moderatorId, now, outcome: resolution });
    await logAction(trx, {
      actorId: input.moderatorId,
      action,
      postId: input.postId,
      threadId: post.thread_id,
      reason: input.reason,
      summary: summary(post.number),
      now,
    });
    return true;
  });
}

/**
 * A moderator fixes an example message's anonymisation: the anonymiser runs again with the
 * moderator's extra words, and whatever the fix removes is removed from every earlier version
 * and from the guide's copy too, in the same transaction (decision 0009): a fix that history
 * could undo would be no fix. The log records that it happened, never what the words were.
 */
export async function reanonymisePost(
  db: Kysely<Database>,
  {
    postId,
    moderatorId,
    draft,
    reason,
    now = Date.now(),
  }: { postId: number; moderatorId: number; draft: ExampleDraft; reason: string; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // revisePost drops the pages that show the post when its words change.
    const post = await postInThread(trx, postId);
    if (!post || post.kind === "comment") return false;
    const anonymised = anonymiseExample(draft);
    await revisePost(trx, {
      postId,
      editorId: moderatorId,
      body: anonymised.text,
      bodyHtml: exampleMessageHtml(anonymised.text),
      contextLine: anonymised.contextLine,
      authorOnly: false,
      now,
    });
    const redacted = [...anonymised.redactions, ...anonymised.contextRedactions];
    const removals = removalsOf({ body: post.body, contextLine: post.context_line }, draft, redacted);
    const earlier = await redactHistory(trx, { postId, removals, keep: draft.keep });
    await notifyPostAuthor(trx, { postId, moderatorId, kind: "post_fixed", detail: reason }, now);
    await notifyFlaggers(trx, { postId, moderatorId, now, outcome: "fixed" });
    dropPages(pageTag.threadList, pageTag.thread(post.slug), pageTag.guide);
    await logAction(trx, {
      actorId: moderatorId,
      action: "post.reanonymise",
      postId,
      threadId: post.thread_id,
      reason,
      summary: `Fixed the anonymisation of post #${post.number}${earlier > 0 ? "; earlier versions redacted" : ""}`,
      now,
    });
    return true;
  });
}

// --- threads --------------------------------------------------------------

export interface ThreadText {
  title: string;
  prompt: string;
  context: string;
}

/** Opens a new prompt thread with an address made from its title (numbered if taken). */
export async function createThread(
  db: Kysely<Database>,
  { moderatorId, text, now = Date.now() }: { moderatorId: number; text: ThreadText; now?: number },
) {
  return db.transaction().execute(async (trx) => {
    const base = slugify(text.title, "thread");
    const taken = await trx.selectFrom("thread").select("slug").where("slug", "like", `${base}%`).execute();
    const slug = firstFreeSlug(base, new Set(taken.map((t) => t.slug)));
    const thread = await trx
      .insertInto("thread")
      .values({
        slug,
        title: text.title,
        prompt: text.prompt,
        context_md: text.context,
        context_html: renderMarkdown(text.context),
        created_by: moderatorId,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await reindexThread(trx, thread.id);
    dropPages(pageTag.threadList);
    await logAction(trx, {
      actorId: moderatorId,
      action: "thread.create",
      threadId: thread.id,
      summary: `Opened the prompt thread “${text.title}”`,
      now,
    });
    return thread;
  });
}

export async function updateThread(
  db: Kysely<Database>,
  {
    threadId,
    moderatorId,
    text,
    now = Date.now(),
  }: { threadId: number; moderatorId: number; text: ThreadText; now?: number },
) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("thread")
      .set({
        title: text.title,
        prompt: text.prompt,
        context_md: text.context,
        context_html: renderMarkdown(text.context),
        updated_at: now,
      })
      .where("id", "=", threadId)
      .returning("slug")
      .executeTakeFirst();
    if (!result) return false;
    await reindexThread(trx, threadId);
    dropPages(pageTag.threadList, pageTag.thread(result.slug), pageTag.guide);
    await logAction(trx, {
      actorId: moderatorId,
      action: "thread.edit",
      threadId,
      summary: `Edited the prompt and context of “${text.title}”`,
      now,
    });
    return true;
  });
}

export async function setThreadLocked(
  db: Kysely<Database>,
  {
    threadId,
    moderatorId,
    locked,
    reason,
    now = Date.now(),
  }: { threadId: number; moderatorId: number; locked: boolean; reason: string | null; now?: number },
) {
  return db.transaction().execute(async (trx) => {
    const thread = await trx
      .updateTable("thread")
      .set({ locked_at: locked ? now : null })
      .where("id", "=", threadId)
      .where("locked_at", locked ? "is" : "is not", null)
      .returning(["title", "slug"])
      .executeTakeFirst();
    if (!thread) return false; // already in that state: nothing to log
    dropPages(pageTag.threadList, pageTag.thread(thread.slug));
    await logAction(trx, {
      actorId: moderatorId,
      action: locked ? "thread.lock" : "thread.unlock",
      threadId,
      reason,
      summary: `${locked ? "Locked" : "Unlocked"} “${thread.title}”`,
      now,
    });
    return true;
  });
}

// --- roles ----------------------------------------------------------------

export async function listMembers(db: Kysely<Database>, { search }: { search: string }) {
  let query = db
    .selectFrom("user")
    .select(["id", "username", "role", "created_at"])
    .where("deleted_at", "is", null)
    .where("password_hash", "is not", null);
  // Usernames are letters, digits, _ and -; anything else in the search cannot match, so it is dropped.
  // (An "_" still matches any one character in LIKE: harmless for a search box.)
  const term = usernameKey(search).replace(/[^a-z0-9_-]/g, "");
  if (term) query = query.where("username_key", "like", `%${term}%`);
  return query
    .orderBy((eb) => eb.case().when("role", "=", "admin").then(0).when("role", "=", "moderator").then(1).else(2).end())
    .orderBy("username_key")
    .limit(100)
    .execute();
}

/**
 * Grants or revokes the moderator role. Admins are made and unmade only from
 * the command line, so this never touches an admin. A demoted moderator
 * loses every right on their next request, since roles are read per request.
 */
export async function setModerator(
  db: Kysely<Database>,
  {
    adminId,
    userId,
    moderator,
    now = Date.now(),
  }: { adminId: number; userId: number; moderator: boolean; now?: number },
): Promise<boolean> {
  const from: Role = moderator ? "member" : "moderator";
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable("user")
      .set({ role: moderator ? "moderator" : "member" })
      .where("id", "=", userId)
      .where("role", "=", from)
      .where("deleted_at", "is", null)
      .returning("username")
      .executeTakeFirst();
    if (!user) return false;
    await logAction(trx, {
      actorId: adminId,
      action: moderator ? "role.grant" : "role.revoke",
      targetUserId: userId,
      summary: moderator ? `Made ${user.username} a moderator` : `Revoked ${user.username}'s moderator role`,
      now,
    });
    return true;
  });
}
