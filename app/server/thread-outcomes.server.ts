/**
 * Where a thread page shows what came of each approach (issue 19), so the thread route only renders
 * the slots: under the approach itself, or in `?view=pairs` after the pair's last reply (the approach,
 * then the reply, then the outcome). An outcome shows only under an approach whose words the viewer
 * may read, and the link to record one only to its author.
 */
import type { Kysely } from "kysely";
import { outcomesOf, type Outcome } from "~/models/outcome.server";
import type { Pair } from "~/models/pairs.server";
import type { PostView } from "~/models/post-view.server";
import type { Database } from "../../db/schema";

export interface OutcomeSlot {
  postId: number;
  postNumber: number;
  sharedAt: number;
  outcome: Outcome | null;
  isAuthor: boolean;
}

/** The posts of the pairs, in the order the page lists them. */
export function pairPosts(pairs: Pair[]): PostView[] {
  return pairs.flatMap((pair) => [pair.approach, ...pair.replies]);
}

/** The outcome slots of a page, keyed by the id of the post they are shown under. */
export async function outcomeSlots(
  db: Kysely<Database>,
  { posts, pairs }: { posts: PostView[]; pairs: Pair[] | null },
): Promise<Record<number, OutcomeSlot>> {
  const approaches = posts.filter((p) => p.kind === "approach" && p.bodyHtml !== null && p.state !== "deleted");
  const outcomes = await outcomesOf(
    db,
    approaches.map((p) => p.id),
  );
  const slot = (p: PostView): OutcomeSlot => ({
    postId: p.id,
    postNumber: p.number,
    sharedAt: p.createdAt,
    outcome: outcomes[p.id] ?? null,
    isAuthor: p.isOwn,
  });
  const slots: Record<number, OutcomeSlot> = {};
  // Private until set: no slot at all for a reader when there is nothing recorded.
  const place = (under: number, approach: PostView) => {
    if (outcomes[approach.id] || approach.isOwn) slots[under] = slot(approach);
  };
  if (pairs) for (const pair of pairs) place(pair.replies[pair.replies.length - 1].id, pair.approach);
  else for (const approach of approaches) place(approach.id, approach);
  return slots;
}
