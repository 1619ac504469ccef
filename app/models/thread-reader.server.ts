/**
 * Each member's place in each thread (decision 0013): the last post number they were shown, and whether
 * they follow or mute it. Kept only for signed-in members' pages, never for a cached visitor's page.
 */
import type { Kysely } from "kysely";
import type { Database, ThreadLevel } from "../../db/schema";

export interface ReaderState {
  lastReadNumber: number;
  level: ThreadLevel;
}

export async function readerState(
  db: Kysely<Database>,
  { userId, threadId }: { userId: number; threadId: number },
): Promise<ReaderState | null> {
  const row = await db
    .selectFrom("thread_reader")
    .select(["last_read_number", "level"])
    .where("user_id", "=", userId)
    .where("thread_id", "=", threadId)
    .executeTakeFirst();
  return row ? { lastReadNumber: row.last_read_number, level: row.level } : null;
}

/** The member was shown posts up to `number`: their place moves forward, never back (an earlier page read later). */
export async function markSeen(
  db: Kysely<Database>,
  { userId, threadId, number, now = Date.now() }: { userId: number; threadId: number; number: number; now?: number },
): Promise<void> {
  await db
    .insertInto("thread_reader")
    .values({ user_id: userId, thread_id: threadId, last_read_number: number, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "thread_id"])
        .doUpdateSet({ last_read_number: number, updated_at: now })
        .where("thread_reader.last_read_number", "<", number),
    )
    .execute();
}

export async function setLevel(
  db: Kysely<Database>,
  { userId, threadId, level, now = Date.now() }: { userId: number; threadId: number; level: ThreadLevel; now?: number },
): Promise<void> {
  await db
    .insertInto("thread_reader")
    .values({ user_id: userId, thread_id: threadId, level, updated_at: now })
    .onConflict((oc) => oc.columns(["user_id", "thread_id"]).doUpdateSet({ level, updated_at: now }))
    .execute();
}

/** The threads a member follows or mutes, for /settings. */
export async function listTrackedThreads(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("thread_reader")
    .innerJoin("thread", "thread.id", "thread_reader.thread_id")
    .select(["thread.slug", "thread.title", "thread_reader.level"])
    .where("thread_reader.user_id", "=", userId)
    .where("thread_reader.level", "!=", "normal")
    .orderBy("thread.title")
    .execute();
}

/**
 * The home page's threads for a member, with how many posts are new to them and whether they follow or
 * mute each: one query, the list joined to their rows by the (user_id, thread_id) key. A thread they have
 * never opened counts every post as new. `unreadOnly` keeps the threads with new posts.
 */
export async function listThreadsForMember(
  db: Kysely<Database>,
  { userId, unreadOnly = false }: { userId: number; unreadOnly?: boolean },
) {
  let query = db
    .selectFrom("thread")
    .leftJoin("thread_reader as reader", (join) =>
      join.onRef("reader.thread_id", "=", "thread.id").on("reader.user_id", "=", userId),
    )
    .select([
      "thread.id",
      "thread.slug",
      "thread.title",
      "thread.prompt",
      "thread.post_count",
      "thread.example_count",
      "thread.last_activity_at",
      "thread.locked_at",
      "thread.last_post_number",
      "reader.last_read_number",
      "reader.level",
    ]);
  if (unreadOnly)
    query = query.where((eb) =>
      eb("thread.last_post_number", ">", eb.fn.coalesce("reader.last_read_number", eb.lit(0))),
    );
  const rows = await query
    .orderBy((eb) => eb.case().when("thread.last_activity_at", "is", null).then(1).else(0).end())
    .orderBy("thread.last_activity_at", "desc")
    .orderBy("thread.id", "asc")
    .execute();
  return rows.map(({ last_read_number, level, ...thread }) => {
    const lastRead = last_read_number ?? 0;
    return {
      ...thread,
      level: level ?? "normal",
      // Numbers, not posts: a deleted post keeps its number, so this may count one no longer shown.
      newPosts: Math.max(0, thread.last_post_number - lastRead),
      firstUnread: lastRead < thread.last_post_number ? lastRead + 1 : null,
    };
  });
}
