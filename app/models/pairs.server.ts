/**
 * Sent-and-received pairs (issue 19): a received reply linked to its author's approach, shown with
 * it. A thread's `?view=pairs` lists them: each approach, then its replies (then its outcome). Only
 * pairs whose both halves this viewer may read are listed.
 */
import type { Kysely, Transaction } from "kysely";
import type { Actor } from "~/utils/permissions";
import type { Database } from "../../db/schema";
import { postsQuery, toPostView, type PostView } from "./post-view.server";

type Db = Kysely<Database> | Transaction<Database>;

/** At most this many replies (and so pairs) on the page; the newest first. */
export const PAIRS_SHOWN = 50;

export interface Pair {
  approach: PostView;
  replies: PostView[];
}

export async function listThreadPairs(
  db: Db,
  { threadId, viewer }: { threadId: number; viewer: Actor | null },
): Promise<Pair[]> {
  const replyRows = await postsQuery(db)
    .where("post.thread_id", "=", threadId)
    .where("post.kind", "=", "received_reply")
    .where("post.approach_id", "is not", null)
    .where("post.deleted_at", "is", null)
    .select("post.approach_id")
    .orderBy("post.id", "desc")
    .limit(PAIRS_SHOWN)
    .execute();
  const approachIds = [...new Set(replyRows.map((row) => row.approach_id!))];
  if (approachIds.length === 0) return [];
  const approachRows = await postsQuery(db).where("post.id", "in", approachIds).orderBy("post.number").execute();
  const pairs = new Map<number, Pair>();
  for (const row of approachRows) {
    const approach = toPostView(row, viewer);
    if (approach.bodyHtml !== null) pairs.set(row.id, { approach, replies: [] });
  }
  for (const row of [...replyRows].reverse()) {
    const reply = toPostView(row, viewer);
    if (reply.bodyHtml !== null) pairs.get(row.approach_id!)?.replies.push(reply);
  }
  return [...pairs.values()].filter((pair) => pair.replies.length > 0);
}
