/** Prompt threads: the list on the home page, and one thread by its address. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export async function listThreads(db: Kysely<Database>) {
  return (
    db
      .selectFrom("thread")
      .select(["id", "slug", "title", "prompt", "post_count", "example_count", "last_activity_at", "locked_at"])
      // Most recent activity first; prompts nobody has answered yet last, in the order they were opened.
      .orderBy((eb) => eb.case().when("last_activity_at", "is", null).then(1).else(0).end())
      .orderBy("last_activity_at", "desc")
      .orderBy("id", "asc")
      .execute()
  );
}

export async function getThreadBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom("thread")
    .select([
      "id",
      "slug",
      "title",
      "prompt",
      "context_html",
      "post_count",
      "last_post_number",
      "last_activity_at",
      "locked_at",
      "updated_at",
    ])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** A thread as a moderator edits it: its Markdown source, not its rendered HTML. */
export async function getThreadForEdit(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom("thread")
    .select(["id", "slug", "title", "prompt", "context_md", "locked_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}
