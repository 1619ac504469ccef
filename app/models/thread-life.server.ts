/**
 * What the home page shows of each thread's life (issue 17): how many example messages it holds, the
 * opening words of its most authentic one, and who posted last. Only posts readers can see count
 * (readersCanSee), so the list is the same for every reader and can be cached for visitors.
 *
 * Two queries whatever the number of threads: the first finds, per thread, the ids of the best
 * approach, the best received reply and the last post, each a correlated subquery that walks one
 * index backwards and stops at the first readable post ((thread_id, kind, authenticity_rank) and
 * (thread_id, number)); the second reads those few posts and their authors by id.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { displayName, excerpt, readersCanSee } from "./post-view.server";

export interface ThreadLife {
  /** The most authentic readable example message; with no votes anywhere, the newest. */
  best: { number: number; words: string; voted: boolean } | null;
  /** The author of the last readable post: null name for a former member. */
  lastPoster: { name: string | null } | null;
}

const OPENING_CHARS = 140;

export async function listThreadLife(db: Kysely<Database>): Promise<Map<number, ThreadLife>> {
  const ids = await db
    .selectFrom("thread")
    .select((eb) => {
      // Ties in rank (every unvoted message has 0) go to the newer message: the index order read backwards.
      const best = (kind: "approach" | "received_reply") =>
        eb
          .selectFrom("post")
          .select("post.id")
          .whereRef("post.thread_id", "=", "thread.id")
          .where("post.kind", "=", kind)
          .where((inner) => readersCanSee(inner))
          .orderBy("post.authenticity_rank", "desc")
          .orderBy("post.id", "desc")
          .limit(1);
      return [
        "thread.id",
        best("approach").as("best_approach_id"),
        best("received_reply").as("best_reply_id"),
        eb
          .selectFrom("post")
          .select("post.id")
          .whereRef("post.thread_id", "=", "thread.id")
          .where((inner) => readersCanSee(inner))
          .orderBy("post.number", "desc")
          .limit(1)
          .as("last_post_id"),
      ];
    })
    .execute();
  const wanted = ids.flatMap((t) => [t.best_approach_id, t.best_reply_id, t.last_post_id]).filter((id) => id !== null);
  const posts = new Map(
    wanted.length === 0
      ? []
      : (
          await db
            .selectFrom("post")
            .innerJoin("user as author", "author.id", "post.author_id")
            .select((eb) => [
              "post.id",
              "post.number",
              "post.authenticity_rank",
              // Anonymised plain text for example messages; a little more than the excerpt needs, not the whole text.
              eb.fn<string>("substr", ["post.body", eb.lit(1), eb.lit(OPENING_CHARS * 2)]).as("opening"),
              "author.username",
              "author.deleted_at as author_deleted_at",
            ])
            .where("post.id", "in", wanted)
            .execute()
        ).map((row) => [row.id, row]),
  );
  const life = new Map<number, ThreadLife>();
  for (const thread of ids) {
    const approach = thread.best_approach_id === null ? undefined : posts.get(thread.best_approach_id);
    const reply = thread.best_reply_id === null ? undefined : posts.get(thread.best_reply_id);
    const best =
      approach && reply
        ? approach.authenticity_rank > reply.authenticity_rank ||
          (approach.authenticity_rank === reply.authenticity_rank && approach.id > reply.id)
          ? approach
          : reply
        : (approach ?? reply);
    const last = thread.last_post_id === null ? undefined : posts.get(thread.last_post_id);
    life.set(thread.id, {
      best: best
        ? { number: best.number, words: excerpt(best.opening, OPENING_CHARS), voted: best.authenticity_rank > 0 }
        : null,
      lastPoster: last ? { name: displayName(last.username, last.author_deleted_at) } : null,
    });
  }
  return life;
}
