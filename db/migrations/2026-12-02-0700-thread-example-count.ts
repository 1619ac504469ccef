/**
 * Issue 17: the home page shows each thread's example-message count. Kept on the thread, like
 * post_count (and with the same meaning: example messages not deleted), in the transaction that adds
 * or deletes a post, so the list reads it without counting posts.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("thread")
    .addColumn("example_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update thread set example_count = (
      select count(*) from post
      where post.thread_id = thread.id and post.kind in ('approach', 'received_reply') and post.deleted_at is null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("thread").dropColumn("example_count").execute();
}
