/**
 * What a signed-in member's visit to a page of a thread records: their place moves to the last post
 * shown, and the notifications about the posts shown (and the thread's "new messages" row) are read.
 * Visitors' pages are cached and shared, so nothing of this happens for them.
 */
import { getDb } from "~/db.server";
import { markShownRead } from "~/models/notification-list.server";
import { markSeen, readerState } from "~/models/thread-reader.server";
import type { ThreadLevel } from "../../db/schema";

export interface Reading {
  level: ThreadLevel;
  /** The first post the member had not seen before this visit, when they had visited before; else null. */
  newSince: number | null;
}

export async function recordReading(
  user: { id: number } | null,
  {
    threadId,
    posts,
    inOrder,
  }: { threadId: number; posts: { id: number; number: number; authorId: number }[]; inOrder: boolean },
): Promise<Reading | null> {
  if (!user) return null;
  const db = getDb();
  const before = await readerState(db, { userId: user.id, threadId });
  const lastShown = posts.reduce((max, post) => Math.max(max, post.number), 0);
  // Only the thread in order is a reading of it; the example messages sorted by score skip posts.
  if (inOrder && lastShown > (before?.lastReadNumber ?? 0))
    await markSeen(db, { userId: user.id, threadId, number: lastShown });
  await markShownRead(db, { userId: user.id, threadId, postIds: posts.map((post) => post.id) });
  const lastRead = before?.lastReadNumber ?? 0;
  return {
    level: before?.level ?? "normal",
    // The line goes before the first post someone else wrote: one's own new post is not news to oneself.
    newSince:
      inOrder && lastRead > 0
        ? (posts.find((post) => post.number > lastRead && post.authorId !== user.id)?.number ?? null)
        : null,
  };
}
