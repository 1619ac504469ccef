/**
 * The one module every action calls to tell members what happened (decision 0013). Each `notify…`
 * function takes the action's transaction, so a notification exists exactly when the action
 * committed. They respect the recipient's settings (a family turned off in the app writes nothing)
 * and mutes (a muted thread tells nothing but moderators' decisions), never notify the member who
 * acted, and never notify a deleted account. Reading notifications is notification-list.server.ts.
 */
import type { Transaction } from "kysely";
import { mentionedNames, quotedNumbers } from "~/utils/mentions";
import { familyOf, VOTE_MILESTONES, type NotificationKind } from "~/utils/notification-kinds";
import type { Database, PostKind } from "../../db/schema";

type Trx = Transaction<Database>;

interface NewNotification {
  userId: number;
  kind: NotificationKind;
  actorId: number | null;
  threadId: number | null;
  postId?: number | null;
  sourcePostId?: number | null;
  detail?: string | null;
  count?: number;
}

/** Members among `userIds` who would see a notification of this kind: active, family on, thread not muted. */
async function recipients(
  trx: Trx,
  { userIds, kind, threadId }: { userIds: number[]; kind: NotificationKind; threadId: number | null },
): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  let query = trx
    .selectFrom("user")
    .select("user.id")
    .where("user.id", "in", userIds)
    .where("user.deleted_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("notification_setting")
            .select("notification_setting.user_id")
            .whereRef("notification_setting.user_id", "=", "user.id")
            .where("notification_setting.family", "=", familyOf(kind))
            .where("notification_setting.in_app", "=", 0),
        ),
      ),
    );
  // Moderators' decisions about a member's own post reach them even in a thread they muted.
  if (threadId !== null && familyOf(kind) !== "guide_moderation")
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("thread_reader")
            .select("thread_reader.user_id")
            .whereRef("thread_reader.user_id", "=", "user.id")
            .where("thread_reader.thread_id", "=", threadId)
            .where("thread_reader.level", "=", "muted"),
        ),
      ),
    );
  return new Set((await query.execute()).map((row) => row.id));
}

async function insertNotifications(trx: Trx, rows: NewNotification[], now: number): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("notification")
    .values(
      rows.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        actor_id: n.actorId,
        thread_id: n.threadId,
        post_id: n.postId ?? null,
        source_post_id: n.sourcePostId ?? null,
        detail: n.detail ?? null,
        count: n.count ?? 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Writes one notification to one member, if they want it and did not cause it. */
async function notifyOne(trx: Trx, n: NewNotification, now: number): Promise<void> {
  if (n.userId === n.actorId) return;
  const ok = await recipients(trx, { userIds: [n.userId], kind: n.kind, threadId: n.threadId });
  if (ok.has(n.userId)) await insertNotifications(trx, [n], now);
}

export interface WrittenPost {
  id: number;
  number: number;
  threadId: number;
  authorId: number;
  kind: PostKind;
  body: string;
  replyToId: number | null;
  approachId: number | null;
}

/**
 * A new post: its author follows the thread; the post it answers, the posts it quotes (`#post-N`) and the
 * members it mentions are told (each member once, the strongest reason winning: reply, then quote, then
 * mention); a new example message tells the thread's followers, one unread row per thread.
 */
export async function notifyNewPost(trx: Trx, post: WrittenPost, now = Date.now()): Promise<void> {
  await followOnPosting(trx, { userId: post.authorId, threadId: post.threadId, now });
  const told = new Map<number, NewNotification>();
  const tell = (n: NewNotification) => {
    if (n.userId !== post.authorId && !told.has(n.userId)) told.set(n.userId, n);
  };
  const base = { actorId: post.authorId, threadId: post.threadId, sourcePostId: post.id };

  if (post.replyToId !== null) {
    const answered = await trx
      .selectFrom("post")
      .select(["id", "author_id"])
      .where("id", "=", post.replyToId)
      .executeTakeFirst();
    if (answered) tell({ ...base, userId: answered.author_id, kind: "reply", postId: answered.id });
  }
  if (post.kind === "comment") {
    const numbers = quotedNumbers(post.body).filter((n) => n !== post.number);
    if (numbers.length > 0) {
      const quoted = await trx
        .selectFrom("post")
        .select(["id", "author_id"])
        .where("thread_id", "=", post.threadId)
        .where("number", "in", numbers.slice(0, 10))
        .where("deleted_at", "is", null)
        .execute();
      for (const q of quoted) tell({ ...base, userId: q.author_id, kind: "quote", postId: q.id });
    }
    const names = mentionedNames(post.body);
    if (names.length > 0) {
      const mentioned = await trx.selectFrom("user").select("id").where("username_key", "in", names).execute();
      for (const m of mentioned) tell({ ...base, userId: m.id, kind: "mention", postId: null });
    }
  }
  if (post.approachId !== null) {
    const approach = await trx
      .selectFrom("post")
      .select(["id", "author_id"])
      .where("id", "=", post.approachId)
      .executeTakeFirst();
    if (approach) tell({ ...base, userId: approach.author_id, kind: "approach_linked", postId: approach.id });
  }

  const byKind = new Map<NotificationKind, NewNotification[]>();
  for (const n of told.values()) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, rows] of byKind) {
    const ok = await recipients(trx, { userIds: rows.map((r) => r.userId), kind, threadId: post.threadId });
    await insertNotifications(
      trx,
      rows.filter((r) => ok.has(r.userId)),
      now,
    );
  }
  if (post.kind !== "comment") await notifyFollowers(trx, post, [...told.keys()], now);
}

/** Followers of the thread hear of a new example message: the unread row for the thread counts one more. */
async function notifyFollowers(trx: Trx, post: WrittenPost, alreadyTold: number[], now: number): Promise<void> {
  const followers = await trx
    .selectFrom("thread_reader")
    .select("user_id")
    .where("thread_id", "=", post.threadId)
    .where("level", "=", "following")
    .where("user_id", "!=", post.authorId)
    .execute();
  const ids = followers.map((f) => f.user_id).filter((id) => !alreadyTold.includes(id));
  const ok = await recipients(trx, { userIds: ids, kind: "followed_thread", threadId: post.threadId });
  if (ok.size === 0) return;
  // Batched: one unread row per member and thread, counting the new messages, its link at the first of them.
  const batched = await trx
    .updateTable("notification")
    .set((eb) => ({ count: eb("count", "+", 1), updated_at: now, actor_id: post.authorId }))
    .where("user_id", "in", [...ok])
    .where("kind", "=", "followed_thread")
    .where("thread_id", "=", post.threadId)
    .where("read_at", "is", null)
    .returning("user_id")
    .execute();
  for (const row of batched) ok.delete(row.user_id);
  await insertNotifications(
    trx,
    [...ok].map((userId) => ({
      userId,
      kind: "followed_thread" as const,
      actorId: post.authorId,
      threadId: post.threadId,
      sourcePostId: post.id,
    })),
    now,
  );
}

/** Posting in a thread follows it, unless the member muted it or already chose a level. */
async function followOnPosting(trx: Trx, { userId, threadId, now }: { userId: number; threadId: number; now: number }) {
  await trx
    .insertInto("thread_reader")
    .values({ user_id: userId, thread_id: threadId, level: "following", updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "thread_id"])
        .doUpdateSet({ level: "following", updated_at: now })
        .where("thread_reader.level", "=", "normal"),
    )
    .execute();
}

/**
 * A vote changed an example message's count from `before` to `after` votes: its author hears of the first
 * vote and of 10, 25, 50 and 100, each once per message for good (withdrawn and cast again, a milestone
 * is not sent twice).
 */
export async function notifyVoteMilestone(
  trx: Trx,
  input: { postId: number; authorId: number; threadId: number; before: number; after: number; voterId: number },
  now = Date.now(),
): Promise<void> {
  const milestone = VOTE_MILESTONES.filter((m) => m > input.before && m <= input.after).at(-1);
  if (milestone === undefined) return;
  const sent = await trx
    .selectFrom("notification")
    .select("id")
    .where("post_id", "=", input.postId)
    .where("kind", "=", "vote_milestone")
    .where("count", ">=", milestone)
    .executeTakeFirst();
  if (sent) return;
  // The voter is not named: who voted what is private.
  await notifyOne(
    trx,
    {
      userId: input.authorId,
      kind: "vote_milestone",
      actorId: null,
      threadId: input.threadId,
      postId: input.postId,
      count: milestone,
    },
    now,
  );
}

export type ModerationKind = "post_hidden" | "post_restored" | "post_fixed" | "guide_added";

/** A moderator hid, restored, re-anonymised or added to the guide a member's post: its author is told, with the reason or note. */
export async function notifyPostAuthor(
  trx: Trx,
  input: { postId: number; kind: ModerationKind; moderatorId: number; detail: string | null },
  now = Date.now(),
): Promise<void> {
  const post = await trx
    .selectFrom("post")
    .select(["author_id", "thread_id"])
    .where("id", "=", input.postId)
    .executeTakeFirst();
  if (!post) return;
  await notifyOne(
    trx,
    {
      userId: post.author_id,
      kind: input.kind,
      actorId: input.moderatorId,
      threadId: post.thread_id,
      postId: input.postId,
      sourcePostId: input.postId,
      detail: input.detail,
    },
    now,
  );
}

/**
 * Members who flagged a post hear what came of it: the flags a decision closed at `now` (hidden, restored,
 * dismissed), or, when a moderator fixed the anonymisation, the open "not anonymised" flags (they stay open
 * for the moderator's ruling on showing the post again).
 */
export async function notifyFlaggers(
  trx: Trx,
  input: { postId: number; moderatorId: number; now: number; outcome: "hidden" | "restored" | "dismissed" | "fixed" },
): Promise<void> {
  let query = trx
    .selectFrom("flag")
    .innerJoin("post", "post.id", "flag.post_id")
    .select(["flag.user_id", "post.thread_id"])
    .where("flag.post_id", "=", input.postId)
    .where("flag.withdrawn_at", "is", null);
  query =
    input.outcome === "fixed"
      ? query.where("flag.resolved_at", "is", null).where("flag.reason", "=", "not_anonymised")
      : query.where("flag.resolved_at", "=", input.now);
  const flags = await query.execute();
  const threadId = flags[0]?.thread_id ?? null;
  const userIds = flags.map((f) => f.user_id).filter((id) => id !== input.moderatorId);
  const ok = await recipients(trx, { userIds, kind: "flag_resolved", threadId });
  await insertNotifications(
    trx,
    [...ok].map((userId) => ({
      userId,
      kind: "flag_resolved" as const,
      actorId: input.moderatorId,
      threadId,
      sourcePostId: input.postId,
      detail: input.outcome,
    })),
    input.now,
  );
}
