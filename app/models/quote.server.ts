/**
 * What a reply may quote of a post (issue 17): a comment's opening words (its Markdown source), only while
 * readers can see it (readersCanSee: not deleted, hidden or withheld), so a quote never carries words the
 * reader could not read on the page. An example message gets no quote (the reply links to it): its words are other
 * people's, and a moderator's fix, a flag that withholds it or its author's edit or deletion must remove
 * them everywhere — a copy inside someone's comment would outlive all four (decision 0016).
 */
import type { Kysely } from "kysely";
import { postHref } from "~/utils/paging";
import { firstParagraph, markdownQuote } from "~/utils/quote";
import type { Database } from "../../db/schema";
import { readersCanSee } from "./post-view.server";

export interface Quotable {
  id: number;
  number: number;
  threadId: number;
  /** The quote as Markdown, ending with the link back to the post and a blank line. */
  quote: string;
}

export async function quotablePost(
  db: Kysely<Database>,
  where: { postId: number } | { threadId: number; number: number },
): Promise<Quotable | null> {
  let query = db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["post.id", "post.number", "post.thread_id", "post.kind", "post.body", "thread.slug"])
    .where((eb) => readersCanSee(eb));
  query =
    "postId" in where
      ? query.where("post.id", "=", where.postId)
      : query.where("post.thread_id", "=", where.threadId).where("post.number", "=", where.number);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    threadId: row.thread_id,
    // An example message: nothing to insert; the reply's "In reply to #N" already links to it.
    quote:
      row.kind === "comment"
        ? markdownQuote(firstParagraph(row.body), { number: row.number, href: postHref(row.slug, row.number) })
        : "",
  };
}
