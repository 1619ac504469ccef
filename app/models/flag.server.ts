/**
 * Flags: members telling moderators a post needs a look. A "not properly
 * anonymised" flag on an example message withholds it at once, before any
 * moderator has seen it: a third party's name must not wait for office hours.
 */
import type { Kysely } from "kysely";
import type { Database, FlagReason } from "../../db/schema";
import { invalidatePages } from "../utils/page-cache.server";

export type FlagOutcome = "flagged" | "already_flagged" | "not_found" | "own_post" | "not_an_example";

export async function flagPost(
  db: Kysely<Database>,
  input: { postId: number; userId: number; reason: FlagReason; note: string | null; now?: number },
): Promise<FlagOutcome> {
  const now = input.now ?? Date.now();
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .selectFrom("post")
      .select(["id", "author_id", "kind", "review_pending_at", "thread_id"])
      .where("id", "=", input.postId)
      // A hidden post is already out of view, and only a moderator can bring it back: nothing to flag.
      .where("deleted_at", "is", null)
      .where("hidden_at", "is", null)
      .executeTakeFirst();
    if (!post) return "not_found";
    if (post.author_id === input.userId) return "own_post";
    if (input.reason === "not_anonymised" && post.kind === "comment") return "not_an_example";
    const inserted = await trx
      .insertInto("flag")
      .values({ post_id: post.id, user_id: input.userId, reason: input.reason, note: input.note, created_at: now })
      .onConflict((oc) => oc.columns(["post_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return "already_flagged";
    if (input.reason === "not_anonymised" && post.review_pending_at === null) {
      await trx.updateTable("post").set({ review_pending_at: now }).where("id", "=", post.id).execute();
      const thread = await trx
        .selectFrom("thread")
        .select("slug")
        .where("id", "=", post.thread_id)
        .executeTakeFirstOrThrow();
      invalidatePages([`thread:${thread.slug}`, "guide"]);
    }
    return "flagged";
  });
}

/** Which of these posts the member has flagged already, so the page can say so. */
export async function flaggedBy(
  db: Kysely<Database>,
  { userId, postIds }: { userId: number; postIds: number[] },
): Promise<Set<number>> {
  if (postIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("flag")
    .select("post_id")
    .where("user_id", "=", userId)
    .where("post_id", "in", postIds)
    .execute();
  return new Set(rows.map((r) => r.post_id));
}
