/**
 * What came of an approach (issue 19): its author records it, changes it, or clears it. Ownership is
 * in the WHERE clause; the counts /insights shows move in the same transaction.
 */
import type { Kysely, Transaction } from "kysely";
import type { OutcomeStatus } from "~/utils/outcomes";
import { pageTag, postPageTags } from "~/utils/page-cache.server";
import { POSTS_PER_PAGE } from "~/utils/paging";
import { lockedForUpdate } from "../../db/dialect/row-locks";
import type { Database } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { keepInsightsCurrent } from "./insight-aggregates.server";

type Db = Kysely<Database> | Transaction<Database>;

export interface Outcome {
  status: OutcomeStatus;
  followUp: number;
  happenedAt: number;
  recordedAt: number;
  updatedAt: number;
}

/** The author's own approach, not deleted, with what the outcome form needs; undefined for anyone else. */
export async function getOwnApproach(db: Db, { postId, authorId }: { postId: number; authorId: number }) {
  const row = await db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .leftJoin("outcome", "outcome.post_id", "post.id")
    .select([
      "post.id",
      "post.number",
      "post.body",
      "post.created_at",
      "thread.slug",
      "thread.title",
      "outcome.status",
      "outcome.follow_up",
      "outcome.happened_at",
      "outcome.recorded_at",
      "outcome.updated_at",
    ])
    .where("post.id", "=", postId)
    .where("post.author_id", "=", authorId)
    .where("post.kind", "=", "approach")
    .where("post.deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { status, follow_up, happened_at, recorded_at, updated_at, ...post } = row;
  const outcome: Outcome | null =
    status === null
      ? null
      : {
          status,
          followUp: follow_up ?? 0,
          happenedAt: happened_at ?? 0,
          recordedAt: recorded_at ?? 0,
          updatedAt: updated_at ?? 0,
        };
  return { ...post, outcome };
}

/**
 * Records (or changes) the outcome of the author's approach; `status: null` clears it. False when the
 * post is not this member's approach, or is deleted.
 */
export async function setOutcome(
  db: Kysely<Database>,
  {
    postId,
    authorId,
    outcome,
    now = Date.now(),
  }: {
    postId: number;
    authorId: number;
    outcome: { status: OutcomeStatus; followUp: number; happenedAt: number } | null;
    now?: number;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Locked as read on PostgreSQL, so an outcome cannot land on a post being deleted at that moment.
    const post = await lockedForUpdate(
      trx,
      trx
        .selectFrom("post")
        .innerJoin("thread", "thread.id", "post.thread_id")
        .select(["post.id", "post.number", "thread.slug"])
        .where("post.id", "=", postId)
        .where("post.author_id", "=", authorId)
        .where("post.kind", "=", "approach")
        .where("post.deleted_at", "is", null),
      "post",
    ).executeTakeFirst();
    if (!post) return false;
    if (outcome === null) {
      await trx.deleteFrom("outcome").where("post_id", "=", postId).execute();
    } else {
      const values = { status: outcome.status, follow_up: outcome.followUp, happened_at: outcome.happenedAt };
      await trx
        .insertInto("outcome")
        .values({ post_id: postId, ...values, recorded_at: now, updated_at: now })
        .onConflict((oc) => oc.column("post_id").doUpdateSet({ ...values, updated_at: now }))
        .execute();
    }
    await keepInsightsCurrent(trx, [postId]);
    // The status shows on the approach (its page, the example views) and on the thread's pairs.
    dropPages(...postPageTags(post.slug, post.number, POSTS_PER_PAGE), pageTag.thread(post.slug));
    return true;
  });
}

/** The outcomes of these posts that readers may see (those of visible approaches), by post id. */
export async function outcomesOf(db: Db, postIds: number[]): Promise<Record<number, Outcome>> {
  const found: Record<number, Outcome> = {};
  if (postIds.length === 0) return found;
  const rows = await db.selectFrom("outcome").selectAll().where("post_id", "in", postIds).execute();
  for (const row of rows)
    found[row.post_id] = {
      status: row.status,
      followUp: row.follow_up,
      happenedAt: row.happened_at,
      recordedAt: row.recorded_at,
      updatedAt: row.updated_at,
    };
  return found;
}

/** A member's outcomes, for their data export. */
export async function outcomesForExport(db: Db, userId: number) {
  const rows = await db
    .selectFrom("outcome")
    .innerJoin("post", "post.id", "outcome.post_id")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["thread.slug", "post.number", "outcome.status", "outcome.follow_up", "outcome.happened_at"])
    .select(["outcome.recorded_at", "outcome.updated_at"])
    .where("post.author_id", "=", userId)
    .orderBy("post.id")
    .execute();
  const iso = (ms: number) => new Date(ms).toISOString();
  return rows.map((row) => ({
    thread: row.slug,
    post: row.number,
    outcome: row.status,
    followUp: row.follow_up,
    happened: iso(row.happened_at).slice(0, 10),
    recorded: iso(row.recorded_at),
    updated: iso(row.updated_at),
  }));
}

/** A member's own approaches, newest first, with their scores and outcomes: for their own page only. */
export async function ownApproachHistory(db: Db, userId: number, limit = 100) {
  const rows = await db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .leftJoin("outcome", "outcome.post_id", "post.id")
    .select(["post.id", "post.number", "post.created_at", "post.authentic_count", "post.not_authentic_count"])
    .select(["thread.slug", "thread.title", "outcome.status", "outcome.happened_at", "outcome.updated_at"])
    .where("post.author_id", "=", userId)
    .where("post.kind", "=", "approach")
    .where("post.deleted_at", "is", null)
    .orderBy("post.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    sharedAt: row.created_at,
    authentic: row.authentic_count,
    votes: row.authentic_count + row.not_authentic_count,
    thread: { slug: row.slug, title: row.title },
    outcome:
      row.status === null ? null : { status: row.status, happenedAt: row.happened_at!, updatedAt: row.updated_at! },
  }));
}

export type OwnApproach = Awaited<ReturnType<typeof ownApproachHistory>>[number];
