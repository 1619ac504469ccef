/**
 * What a reply may quote of a post (issue 17): its opening words, only while readers can see it
 * (readersCanSee: not deleted, hidden or withheld), so a quote never carries words the reader could not
 * read on the page. A comment gives its Markdown source; an example message its stored text, which is
 * the anonymised one: the text as pasted was never stored.
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
    .select(["post.id", "post.number", "post.thread_id", "post.body", "thread.slug"])
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
    quote: markdownQuote(firstParagraph(row.body), { number: row.number, href: postHref(row.slug, row.number) }),
  };
}
