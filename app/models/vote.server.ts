/**
 * Votes on example messages: "feels authentic" or "doesn't feel authentic"
 * (with reasons). One vote per member per message. Each request states the
 * outcome it wants, so repeating it changes nothing more; the counts on the
 * post and its ranking are written in the same transaction as the vote.
 */
import type { Kysely } from "kysely";
import { pageTag, postPageTags } from "~/utils/page-cache.server";
import { POSTS_PER_PAGE } from "~/utils/paging";
import { wilsonLowerBound } from "~/utils/wilson";
import { lockedForUpdate } from "../../db/dialect/row-locks";
import type { Database, VoteReason, VoteValue } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { insightsAfterVote } from "./insight-aggregates.server";
import { notifyVoteMilestone } from "./notifications.server";
import { readersCanSee } from "./post-view.server";

/** What the member wants their vote to be after this request; `null` withdraws it. */
export type VoteChoice = { value: "authentic" } | { value: "not_authentic"; reasons: VoteReason[] } | { value: null };

export type VoteRefusal = "not_found" | "own_post" | "not_votable" | "withheld" | "locked";

export const VOTE_REFUSAL_MESSAGE: Record<VoteRefusal, string> = {
  not_found: "There is no such message.",
  own_post: "You cannot vote on your own message.",
  not_votable: "Only example messages take votes; comments do not.",
  withheld: "This message is hidden or deleted, so it takes no votes.",
  locked: "This thread is locked: its messages take no more votes.",
};

export interface VoteState {
  mine: { value: VoteValue; reasons: VoteReason[] } | null;
  /**
   * Null unless the member has a vote on the message after this request (or always sees scores,
   * as moderators do): a withdrawal, or a refused vote, must not show a score the page hides.
   */
  counts: { authentic: number; notAuthentic: number } | null;
}

export async function castVote(
  db: Kysely<Database>,
  {
    postId,
    userId,
    choice,
    alwaysSeesCounts = false,
    now = Date.now(),
  }: { postId: number; userId: number; choice: VoteChoice; alwaysSeesCounts?: boolean; now?: number },
): Promise<{ ok: true; state: VoteState } | { ok: false; refusal: VoteRefusal }> {
  return db.transaction().execute(async (trx) => {
    // Locked as read on PostgreSQL: the counts below are written back from this row.
    const post = await lockedForUpdate(
      trx,
      trx
        .selectFrom("post")
        .innerJoin("thread", "thread.id", "post.thread_id")
        .select([
          "post.author_id",
          "post.kind",
          "post.authentic_count",
          "post.not_authentic_count",
          "post.number",
          "thread.locked_at",
          "thread.slug",
          "thread.id as thread_id",
        ])
        .select((eb) => readersCanSee(eb).as("readers_can_see"))
        .where("post.id", "=", postId),
      "post",
    ).executeTakeFirst();
    if (!post) return { ok: false, refusal: "not_found" } as const;
    if (post.kind === "comment") return { ok: false, refusal: "not_votable" } as const;
    if (post.author_id === userId) return { ok: false, refusal: "own_post" } as const;
    if (!post.readers_can_see) return { ok: false, refusal: "withheld" } as const;
    if (post.locked_at !== null) return { ok: false, refusal: "locked" } as const;

    const previous = await trx
      .selectFrom("vote")
      .select(["value", "created_at"])
      .where("post_id", "=", postId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    let authentic = post.authentic_count - (previous?.value === "authentic" ? 1 : 0);
    let notAuthentic = post.not_authentic_count - (previous?.value === "not_authentic" ? 1 : 0);

    await trx.deleteFrom("vote_reason").where("post_id", "=", postId).where("user_id", "=", userId).execute();
    const reasons = choice.value === "not_authentic" ? [...new Set(choice.reasons)] : [];
    if (choice.value === null) {
      await trx.deleteFrom("vote").where("post_id", "=", postId).where("user_id", "=", userId).execute();
    } else {
      await trx
        .insertInto("vote")
        .values({ post_id: postId, user_id: userId, value: choice.value, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(["post_id", "user_id"]).doUpdateSet({ value: choice.value, updated_at: now }))
        .execute();
      if (choice.value === "authentic") authentic += 1;
      else notAuthentic += 1;
      if (reasons.length) {
        await trx
          .insertInto("vote_reason")
          .values(reasons.map((reason) => ({ post_id: postId, user_id: userId, reason })))
          .execute();
      }
    }
    await trx
      .updateTable("post")
      .set({
        authentic_count: authentic,
        not_authentic_count: notAuthentic,
        authenticity_rank: wilsonLowerBound(authentic, authentic + notAuthentic),
      })
      .where("id", "=", postId)
      .execute();
    const total = { before: post.authentic_count + post.not_authentic_count, after: authentic + notAuthentic };
    await notifyVoteMilestone(
      trx,
      { postId, authorId: post.author_id, threadId: post.thread_id, voterId: userId, ...total },
      now,
    );
    // Only the pages that show this message's score: its page of the thread, the thread's example views, and the guide if it is in it.
    const inGuide = await trx.selectFrom("guide_entry").select("id").where("post_id", "=", postId).executeTakeFirst();
    dropPages(...postPageTags(post.slug, post.number, POSTS_PER_PAGE), ...(inGuide ? [pageTag.guide] : []));
    await insightsAfterVote(trx, {
      postId,
      castAt: { before: previous?.created_at ?? null, after: choice.value && (previous?.created_at ?? now) },
    });
    const mine = choice.value === null ? null : { value: choice.value, reasons };
    const counts = mine !== null || alwaysSeesCounts ? { authentic, notAuthentic } : null;
    return { ok: true, state: { mine, counts } } as const;
  });
}

/** The member's own votes on these posts (never anyone else's). */
export async function myVotes(db: Kysely<Database>, { userId, postIds }: { userId: number; postIds: number[] }) {
  const votes = new Map<number, { value: VoteValue; reasons: VoteReason[] }>();
  if (postIds.length === 0) return votes;
  const rows = await db
    .selectFrom("vote")
    .leftJoin("vote_reason", (join) =>
      join.onRef("vote_reason.post_id", "=", "vote.post_id").onRef("vote_reason.user_id", "=", "vote.user_id"),
    )
    .select(["vote.post_id", "vote.value", "vote_reason.reason"])
    .where("vote.user_id", "=", userId)
    .where("vote.post_id", "in", postIds)
    .execute();
  for (const row of rows) {
    const vote = votes.get(row.post_id) ?? { value: row.value, reasons: [] };
    if (row.reason) vote.reasons.push(row.reason);
    votes.set(row.post_id, vote);
  }
  return votes;
}

/** Shown once a message has at least this many "doesn't feel authentic" votes, so one voter's reason is not a verdict. */
export const REASON_THRESHOLD = 3;

/** The most common reason given against each of these posts that has enough "doesn't feel authentic" votes. */
export async function topReasons(db: Kysely<Database>, posts: { id: number; notAuthenticCount: number }[]) {
  const ids = posts.filter((p) => p.notAuthenticCount >= REASON_THRESHOLD).map((p) => p.id);
  const top = new Map<number, VoteReason>();
  if (ids.length === 0) return top;
  const rows = await db
    .selectFrom("vote_reason")
    .select(["post_id", "reason", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "in", ids)
    .groupBy(["post_id", "reason"])
    .orderBy("post_id")
    .orderBy("n", "desc")
    .orderBy("reason")
    .execute();
  for (const row of rows) if (!top.has(row.post_id)) top.set(row.post_id, row.reason);
  return top;
}

export interface VoteView {
  canVote: boolean;
  /** A visitor sees the buttons too: pressing one signs them in and casts the vote (routes/login.tsx). */
  visitorMayVote: boolean;
  mine: { value: VoteValue; reasons: VoteReason[] } | null;
  /** Null while the member has not voted yet: scores are shown after voting, so nobody follows the crowd. */
  score: { authentic: number; notAuthentic: number; topReason: VoteReason | null } | null;
}

/**
 * What a viewer sees of the votes on these posts. Visitors never see scores
 * (signing out must not show what voting would); a signed-in member sees a
 * message's score once they have voted on it (or cannot vote on it: their own,
 * or in a locked thread); moderators always, since they curate the guide by them.
 */
export async function voteViews<
  P extends {
    id: number;
    kind: string;
    authorId: number;
    state: string;
    authenticCount: number;
    notAuthenticCount: number;
  },
>(
  db: Kysely<Database>,
  {
    posts,
    viewer,
    threadLocked,
  }: { posts: P[]; viewer: { id: number; role: string } | null; threadLocked: (post: P) => boolean },
): Promise<Map<number, VoteView>> {
  const examples = posts.filter((p) => p.kind !== "comment" && p.state !== "deleted");
  const [mine, reasons] = await Promise.all([
    viewer
      ? myVotes(db, { userId: viewer.id, postIds: examples.map((p) => p.id) })
      : Promise.resolve(new Map<number, { value: VoteValue; reasons: VoteReason[] }>()),
    // Reasons belong to the score, which visitors never see: no query for them.
    viewer ? topReasons(db, examples) : Promise.resolve(new Map<number, VoteReason>()),
  ]);
  const views = new Map<number, VoteView>();
  for (const post of examples) {
    const vote = mine.get(post.id) ?? null;
    const canVote = viewer !== null && viewer.id !== post.authorId && post.state === "visible" && !threadLocked(post);
    const open = post.state === "visible" && !threadLocked(post);
    // Hidden from visitors, and from a member who could vote and has not; authors and moderators see it.
    const seesScore = viewer !== null && (!canVote || vote !== null || viewer.role !== "member");
    views.set(post.id, {
      canVote,
      visitorMayVote: viewer === null && open,
      mine: vote,
      score: seesScore
        ? {
            authentic: post.authenticCount,
            notAuthentic: post.notAuthenticCount,
            topReason: reasons.get(post.id) ?? null,
          }
        : null,
    });
  }
  return views;
}
