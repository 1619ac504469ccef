/**
 * The author's say over their message in the guide (issue 14, decision 0013): withdraw it with one
 * press (it leaves the public guide at once; moderators see "withdrawn by its author"; it cannot be
 * added again unless the author allows it), allow it again, or say they agree. Ownership is in the
 * WHERE clause: nobody withdraws another member's message, whatever the route checked.
 */
import type { Kysely } from "kysely";
import { pageTag } from "~/utils/page-cache.server";
import type { Database } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { logGuideChange } from "./guide.server";

export type ConsentChoice = "withdraw" | "allow" | "agree";

export async function setGuideConsent(
  db: Kysely<Database>,
  {
    postId,
    authorId,
    choice,
    now = Date.now(),
  }: { postId: number; authorId: number; choice: ConsentChoice; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .updateTable("post")
      .set({ guide_consent: choice === "withdraw" ? "withdrawn" : choice === "agree" ? "agreed" : null })
      .where("id", "=", postId)
      .where("author_id", "=", authorId)
      .where("kind", "in", ["approach", "received_reply"])
      .returning(["number", "thread_id"])
      .executeTakeFirst();
    if (!post) return false;
    // The guide shows "its author agreed" or "did not object", and drops a withdrawn entry: either way it changes.
    dropPages(pageTag.guide);
    if (choice !== "withdraw") return true;
    const entry = await trx
      .updateTable("guide_entry")
      .set({ withdrawn_at: now, updated_at: now })
      .where("post_id", "=", postId)
      .where("withdrawn_at", "is", null)
      .returning("section_id")
      .executeTakeFirst();
    if (entry)
      await logGuideChange(trx, {
        actorId: authorId,
        action: "guide.entry.withdraw",
        summary: `Its author withdrew message #${post.number} from the guide.`,
        guideSectionId: entry.section_id,
        postId,
        threadId: post.thread_id,
        now,
      });
    return true;
  });
}

/** The author's consent and whether the message is in the guide now, for the buttons on their post. */
export async function guideStatus(db: Kysely<Database>, { postId }: { postId: number }) {
  return db
    .selectFrom("post")
    .leftJoin("guide_entry as entry", "entry.post_id", "post.id")
    .select(["post.guide_consent", "entry.id as entry_id", "entry.withdrawn_at", "entry.mark"])
    .where("post.id", "=", postId)
    .executeTakeFirst();
}
