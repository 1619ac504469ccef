/**
 * Flags: members telling moderators a post needs a look. A "not properly anonymised" flag
 * says which words identify someone and, from a member the forum has reason to trust, withholds
 * the message at once: a third party's name must not wait for office hours. From a new account,
 * or from one whose recent such flags were dismissed, it waits in the queue without hiding
 * anything, so no one can silence a message with one tap (decision 0009).
 */
import type { Kysely } from "kysely";
import { pageTag } from "~/utils/page-cache.server";
import { flagWithholdsAtOnce } from "~/utils/permissions";
import type { Database, FlagReason, FlagResolution } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { keepInsightsCurrent } from "./insight-aggregates.server";
import { reindexPost } from "./search-index.server";

const DAY = 24 * 60 * 60 * 1000;
/** How far back dismissed "not anonymised" flags count against a member. */
const DISMISSALS_WINDOW = 30 * DAY;

export type FlagOutcome =
  "withheld" | "queued" | "already_flagged" | "not_found" | "own_post" | "not_an_example" | "words_needed";

export async function flagPost(
  db: Kysely<Database>,
  input: {
    postId: number;
    userId: number;
    reason: FlagReason;
    note: string | null;
    identifyingWords?: string | null;
    now?: number;
  },
): Promise<FlagOutcome> {
  const now = input.now ?? Date.now();
  const words = input.reason === "not_anonymised" ? (input.identifyingWords?.trim() ?? "") : "";
  if (input.reason === "not_anonymised" && words === "") return "words_needed";
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
      .values({
        post_id: post.id,
        user_id: input.userId,
        reason: input.reason,
        note: input.note,
        identifying_words: words || null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["post_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return "already_flagged";
    if (input.reason !== "not_anonymised") return "queued";
    const flagger = await trx
      .selectFrom("user")
      .select("created_at")
      .where("id", "=", input.userId)
      .executeTakeFirstOrThrow();
    const dismissed = await trx
      .selectFrom("flag")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", input.userId)
      .where("reason", "=", "not_anonymised")
      .where("resolution", "=", "dismissed")
      .where("resolved_at", ">=", now - DISMISSALS_WINDOW)
      .executeTakeFirstOrThrow();
    const trusted = flagWithholdsAtOnce({
      accountAgeMs: now - flagger.created_at,
      recentDismissals: Number(dismissed.n),
    });
    if (!trusted) return "queued";
    // Recorded on the flag, so that withdrawing another flag never shows a post this one withholds.
    await trx
      .updateTable("flag")
      .set({ withheld_at: now })
      .where("post_id", "=", post.id)
      .where("user_id", "=", input.userId)
      .execute();
    if (post.review_pending_at !== null) return "withheld";
    await trx.updateTable("post").set({ review_pending_at: now }).where("id", "=", post.id).execute();
    await reindexPost(trx, post.id);
    await keepInsightsCurrent(trx, [post.id]);
    const thread = await trx
      .selectFrom("thread")
      .select("slug")
      .where("id", "=", post.thread_id)
      .executeTakeFirstOrThrow();
    // The home page's best example and last poster count readable posts only (thread-life.server.ts).
    dropPages(pageTag.threadList, pageTag.thread(thread.slug), pageTag.guide);
    return "withheld";
  });
}

/**
 * The flagger takes back their own flag while no moderator has ruled on it. A message withheld
 * for review is shown again once no open flag that withheld it on its own is left; a flag that
 * only queued it (from a new account) does not keep it withheld.
 */
export async function withdrawFlag(
  db: Kysely<Database>,
  { postId, userId, now = Date.now() }: { postId: number; userId: number; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const flag = await trx
      .updateTable("flag")
      .set({ resolved_at: now, resolved_by: userId, withdrawn_at: now, identifying_words: null })
      .where("post_id", "=", postId)
      .where("user_id", "=", userId)
      .where("resolved_at", "is", null)
      .returning("reason")
      .executeTakeFirst();
    if (!flag) return false;
    if (flag.reason !== "not_anonymised") return true;
    const others = await trx
      .selectFrom("flag")
      .select("id")
      .where("post_id", "=", postId)
      .where("withheld_at", "is not", null)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (others) return true;
    const post = await trx
      .updateTable("post")
      .set({ review_pending_at: null })
      .where("id", "=", postId)
      .where("review_pending_at", "is not", null)
      .returning("thread_id")
      .executeTakeFirst();
    await keepInsightsCurrent(trx, [postId]);
    if (post) {
      await reindexPost(trx, postId);
      const thread = await trx
        .selectFrom("thread")
        .select("slug")
        .where("id", "=", post.thread_id)
        .executeTakeFirstOrThrow();
      dropPages(pageTag.threadList, pageTag.thread(thread.slug), pageTag.guide);
    }
    return true;
  });
}

export interface OwnFlag {
  reason: FlagReason;
  note: string | null;
  createdAt: number;
  resolvedAt: number | null;
  /** "withdrawn" when the flagger took it back; otherwise the moderator's ruling, or null while open. */
  outcome: FlagResolution | "withdrawn" | null;
}

/** The member's own flag on a post, with what came of it: the flag page shows them. */
export async function getOwnFlag(
  db: Kysely<Database>,
  { postId, userId }: { postId: number; userId: number },
): Promise<OwnFlag | undefined> {
  const row = await db
    .selectFrom("flag")
    .select(["reason", "note", "created_at", "resolved_at", "resolution", "withdrawn_at"])
    .where("post_id", "=", postId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    outcome: row.withdrawn_at !== null ? "withdrawn" : row.resolution,
  };
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
