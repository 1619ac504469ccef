/**
 * The counts /insights shows, kept up to date in the transactions that change them (issue 19,
 * decision 0018), so the page never scans posts. Every write that changes what a post counts towards
 * (posting, editing, votes, an outcome, hiding, restoring, withholding, deleting, account deletion)
 * calls one function here.
 *
 * Each post remembers the cells it is counted in (`insight_contribution`); `keepInsightsCurrent`
 * works out the cells it belongs in now and moves the difference. So a call is always safe to make
 * again, and the counts cannot drift from what a full recount (`recountInsightCells`) finds.
 * Votes per week are counted per vote, by the week it was first cast.
 */
import type { Kysely, Transaction } from "kysely";
import { asksQuestion, lengthBucket, mentionsMeeting, scoreBucket, weekStart } from "~/utils/approach-features";
import { lockedForUpdate } from "../../db/dialect/row-locks";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** A cell's address: "chart|key|outcome". */
export type CellKey = string;

export const cellKey = (chart: string, key: string | number, outcome = ""): CellKey => `${chart}|${key}|${outcome}`;

interface CountedPost {
  kind: string;
  thread_id: number;
  body: string;
  created_at: number;
  deleted_at: number | null;
  hidden_at: number | null;
  review_pending_at: number | null;
  authentic_count: number;
  not_authentic_count: number;
  status: string | null;
  follow_up: number | null;
}

/** The cells one post is counted in, given its row and its outcome. */
export function cellsOf(post: CountedPost): CellKey[] {
  const visible = post.deleted_at === null && post.hidden_at === null && post.review_pending_at === null;
  if (!visible || post.kind === "comment") return [];
  const cells = [cellKey("examples", weekStart(post.created_at))];
  if (post.kind !== "approach" || post.status === null) return cells;
  const status = post.status;
  cells.push(
    cellKey("thread", post.thread_id, status),
    cellKey("score", scoreBucket(post.authentic_count, post.not_authentic_count), status),
    cellKey("length", lengthBucket(post.body), status),
    cellKey("question", asksQuestion(post.body) ? "yes" : "no", status),
    cellKey("meeting", mentionsMeeting(post.body) ? "yes" : "no", status),
    cellKey("followup", post.follow_up ?? 0, status),
  );
  return cells;
}

function countedPosts(db: Db) {
  return db
    .selectFrom("post")
    .leftJoin("outcome", "outcome.post_id", "post.id")
    .select([
      "post.id",
      "post.kind",
      "post.thread_id",
      "post.body",
      "post.created_at",
      "post.deleted_at",
      "post.hidden_at",
      "post.review_pending_at",
      "post.authentic_count",
      "post.not_authentic_count",
      "outcome.status",
      "outcome.follow_up",
    ]);
}

async function moveCounts(trx: Db, deltas: Map<CellKey, number>): Promise<void> {
  // In one order, so two transactions on PostgreSQL never wait on each other's cells in a circle.
  for (const cell of [...deltas.keys()].sort()) {
    const delta = deltas.get(cell) ?? 0;
    if (delta === 0) continue;
    const [chart, key, outcome] = cell.split("|");
    await trx
      .insertInto("insight_cell")
      .values({ chart, key, outcome, messages: delta })
      .onConflict((oc) =>
        oc
          .columns(["chart", "key", "outcome"])
          .doUpdateSet((eb) => ({ messages: eb("insight_cell.messages", "+", delta) })),
      )
      .execute();
  }
}

/**
 * Brings these posts' counts up to date with their rows, inside the caller's transaction. An outcome
 * of a deleted approach goes with its words (deleting means gone).
 */
export async function keepInsightsCurrent(trx: Transaction<Database>, postIds: number[]): Promise<void> {
  const ids = [...new Set(postIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  // Locked as read on PostgreSQL: the counts moved below are worked out from these rows.
  const posts = await lockedForUpdate(
    trx,
    countedPosts(trx).where("post.id", "in", ids).orderBy("post.id"),
    "post",
  ).execute();
  const gone = posts.filter((p) => p.deleted_at !== null && p.status !== null).map((p) => p.id);
  if (gone.length) await trx.deleteFrom("outcome").where("post_id", "in", gone).execute();
  const before = await trx
    .selectFrom("insight_contribution")
    .select(["post_id", "cells"])
    .where("post_id", "in", ids)
    .execute();
  const had = new Map(before.map((row) => [row.post_id, JSON.parse(row.cells) as CellKey[]]));
  const deltas = new Map<CellKey, number>();
  for (const post of posts) {
    const now = cellsOf(gone.includes(post.id) ? { ...post, status: null } : post);
    const old = had.get(post.id) ?? [];
    if (now.join() === old.join()) continue;
    for (const cell of old) deltas.set(cell, (deltas.get(cell) ?? 0) - 1);
    for (const cell of now) deltas.set(cell, (deltas.get(cell) ?? 0) + 1);
    if (now.length === 0) await trx.deleteFrom("insight_contribution").where("post_id", "=", post.id).execute();
    else
      await trx
        .insertInto("insight_contribution")
        .values({ post_id: post.id, cells: JSON.stringify(now) })
        .onConflict((oc) => oc.column("post_id").doUpdateSet({ cells: JSON.stringify(now) }))
        .execute();
  }
  await moveCounts(trx, deltas);
}

/**
 * After a vote is cast, changed or withdrawn: `castAt` is the vote's first casting before the request
 * and after it (null when there was, or is, no vote). Its message's score bucket may have moved too.
 */
export async function insightsAfterVote(
  trx: Transaction<Database>,
  { postId, castAt }: { postId: number; castAt: { before: number | null; after: number | null } },
): Promise<void> {
  await keepInsightsCurrent(trx, [postId]);
  // The week's count is one row every vote of the week writes: moved last, so on PostgreSQL its row
  // lock is held for as little of the transaction as possible.
  const deltas = new Map<CellKey, number>();
  if (castAt.before !== null) deltas.set(cellKey("votes", weekStart(castAt.before)), -1);
  if (castAt.after !== null) {
    const cell = cellKey("votes", weekStart(castAt.after));
    deltas.set(cell, (deltas.get(cell) ?? 0) + 1);
  }
  await moveCounts(trx, deltas);
}

/** After an account's votes are deleted: their weeks lose them, the messages they scored are recounted, and the member's outcomes go. */
export async function insightsAfterAccountDeletion(
  trx: Transaction<Database>,
  { userId, votes }: { userId: number; votes: { post_id: number; created_at: number }[] },
): Promise<void> {
  const deltas = new Map<CellKey, number>();
  for (const vote of votes) {
    const cell = cellKey("votes", weekStart(vote.created_at));
    deltas.set(cell, (deltas.get(cell) ?? 0) - 1);
  }
  await moveCounts(trx, deltas);
  const own = await trx
    .selectFrom("outcome")
    .innerJoin("post", "post.id", "outcome.post_id")
    .select("outcome.post_id")
    .where("post.author_id", "=", userId)
    .execute();
  const ownIds = own.map((row) => row.post_id);
  if (ownIds.length) await trx.deleteFrom("outcome").where("post_id", "in", ownIds).execute();
  await keepInsightsCurrent(trx, [...votes.map((v) => v.post_id), ...ownIds]);
}

/** Every non-zero count, as stored. */
export async function storedInsightCells(db: Db): Promise<Map<CellKey, number>> {
  const rows = await db.selectFrom("insight_cell").selectAll().where("messages", "!=", 0).execute();
  return new Map(rows.map((row) => [cellKey(row.chart, row.key, row.outcome), Number(row.messages)]));
}

/** Every count worked out from scratch (a full scan: for tests and rebuilds, never for a page). */
export async function recountInsightCells(db: Db): Promise<Map<CellKey, number>> {
  const cells = new Map<CellKey, number>();
  const add = (cell: CellKey) => cells.set(cell, (cells.get(cell) ?? 0) + 1);
  for (const post of await countedPosts(db).where("post.kind", "!=", "comment").execute()) cellsOf(post).forEach(add);
  for (const vote of await db.selectFrom("vote").select("created_at").execute())
    add(cellKey("votes", weekStart(vote.created_at)));
  return cells;
}

/** Rebuilds every count and contribution from scratch (after a bulk load that bypassed the models). */
export async function rebuildInsights(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("insight_cell").execute();
    await trx.deleteFrom("insight_contribution").execute();
    for (const post of await countedPosts(trx).where("post.kind", "!=", "comment").execute()) {
      const cells = cellsOf(post);
      if (cells.length)
        await trx
          .insertInto("insight_contribution")
          .values({ post_id: post.id, cells: JSON.stringify(cells) })
          .execute();
    }
    const counts = await recountInsightCells(trx);
    await moveCounts(trx, counts);
  });
}
